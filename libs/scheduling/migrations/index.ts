import { BtreeGist1795464900000 } from './1795464900000-btree-gist';
import { Scheduling1795464907175 } from './1795464907175-scheduling';
import { SchedulingIsolation1795464950000 } from './1795464950000-scheduling-isolation';
import { RoomOutlets1795471000000 } from './1795471000000-room-outlets';
import { SessionReasonMessage1796611600000 } from './1796611600000-session-reason-message';
import { ConsentLinks1796619425600 } from './1796619425600-consent-links';
import { ExtensionDeclines1796621565143 } from './1796621565143-extension-declines';
import { CaseExtensions1796619496572 } from './1796619496572-case-extensions';
import { JointSessions1796621547368 } from './1796621547368-joint-sessions';

/**
 * Scheduling's tables (rooms, working hours, sessions, confirmations, consumer links) and their RLS.
 * In order; libs/schema merges every lib's list into the one migration history.
 */
export const schedulingMigrations: Function[] = [
  BtreeGist1795464900000,
  Scheduling1795464907175,
  SchedulingIsolation1795464950000,
  RoomOutlets1795471000000,
  SessionReasonMessage1796611600000,
  ConsentLinks1796619425600,
  CaseExtensions1796619496572,
  ExtensionDeclines1796621565143,
  JointSessions1796621547368,
];
