import { Messaging1795470200000 } from './1795470200000-messaging';
import { MessageCaseNumber1795471300000 } from './1795471300000-message-case-number';
import { NotificationInbox1796610146990 } from './1796610146990-notification-inbox';
import { InstitutionMessageLog1796619700000 } from './1796619700000-institution-message-log';

/**
 * Changes to the message log (outbound_messages) after the initial schema. In order; libs/schema
 * merges every lib's list into the one migration history.
 */
export const notificationMigrations: Function[] = [
  Messaging1795470200000,
  MessageCaseNumber1795471300000,
  NotificationInbox1796610146990,
  InstitutionMessageLog1796619700000,
];
