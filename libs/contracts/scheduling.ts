import type { Channel } from './cases';
import type { ConsumerLinkPurpose } from './outcomes';
import type { TimelineMessage } from './timeline';
/** Scheduling (DOMAIN.md "Scheduling"): availability, rooms, sessions and the consumer's answers, as the API answers them. */

export const SESSION_STATUSES = ['booked', 'waiting', 'in_progress', 'adjourned', 'concluded', 'cancelled', 'no_show'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const PARTICIPANT_ROLES = ['consumer', 'bank_representative', 'interpreter', 'family_member', 'other'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export interface Participant {
  role: ParticipantRole;
  name: string;
}

export type ConfirmAnswer = 'confirmed' | 'other_time_requested';

/** A party's answer for the session's current time (a reschedule asks again). */
export interface Confirmation {
  party: 'bank' | 'consumer';
  answer: ConfirmAnswer;
  note: string | null;
  actorName: string | null;
  at: string;
}

export interface SessionView {
  id: string;
  caseId: string;
  caseNumber: string | null;
  mediatorId: string;
  mediatorName: string | null;
  roomId: string | null;
  roomName: string | null;
  channel: Channel;
  status: SessionStatus;
  startsAt: string;
  endsAt: string;
  participants: Participant[];
  statusReason: string | null;
  /** A reason the system wrote (the outcome ended or cancelled the session), to render in the reader's language. */
  statusReasonMessage: TimelineMessage | null;
  version: number;
  /** Answers given for the current time (a reschedule asks again). */
  confirmations: Confirmation[];
}

export interface WorkingSpan {
  /** ISO weekday, 1 Monday … 7 Sunday. */
  weekday: number;
  /** 'HH:MM' or 'HH:MM:SS', Asia/Shanghai wall-clock. */
  startsAt: string;
  endsAt: string;
}

export interface WorkingHoursView {
  hours: WorkingSpan[];
}

export interface AbsenceView {
  id: string;
  startsAt: string;
  endsAt: string;
  reason: string;
}

/** The bank outlet a liaison station sits at: a branch of a member institution. */
export interface RoomOutlet {
  id: string;
  name: string | null;
  institutionId: string | null;
  institutionName: string | null;
}

export interface RoomView {
  id: string;
  name: string;
  address: string;
  /** false: retired, no longer offered for new bookings (booked sessions keep it). */
  isActive: boolean;
  outlet: RoomOutlet | null;
}

export interface Slot {
  startsAt: string;
  endsAt: string;
}

/** A link sent to the consumer by SMS. */
export interface ConsumerLinkSent {
  linkId: string;
  expiresAt: string;
}

/** The one-time code went to the consumer's phone (masked). */
export interface ConsumerCodeSent {
  sentTo: string;
  expiresAt: string;
  centerName: string;
  purpose: ConsumerLinkPurpose;
}

/** The consumer's short access token, traded for the link and its code. */
export interface ConsumerAccess {
  accessToken: string;
  expiresAt: string;
  /** What the link opens (a session, a document to sign, a survey). */
  purpose: ConsumerLinkPurpose;
}

/** What the consumer sees of their session (no account: a link, a one-time code, a short access token). */
export interface ConsumerSessionView {
  caseNumber: string;
  centerName: string;
  channel: Channel;
  status: SessionStatus;
  startsAt: string;
  endsAt: string;
  roomName: string | null;
  roomAddress: string | null;
  mediatorName: string | null;
  yourAnswer: ConfirmAnswer | null;
}

export interface CalendarDay {
  day: string;
  isWorking: boolean;
  name: string;
}

/** A year of the working-day calendar: the days that differ from an ordinary week. */
export interface CalendarYearView {
  year: number;
  covered: boolean;
  source: string | null;
  days: CalendarDay[];
}

export interface CalendarYearSummary {
  year: number;
  source: string;
}

/** A center's clock settings for cases. */
export interface CaseSettingsView {
  smallClaimsMaxFen: number;
  intakeDays: number;
  smallClaimsContactDays: number;
  firstSessionDays: number;
  /** How many months after closure the consumer's identity and evidence files are kept (PIPL); 36 unless the center set its own. */
  closedRetentionMonths: number;
  /** The consumer may pick one of up to three proposed mediators on their consent link. */
  consumerChoosesMediator: boolean;
}
