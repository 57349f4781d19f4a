import type { Channel } from './cases';
import type { Confirmation, Participant, SessionStatus } from './scheduling';
import type { TimelineMessage } from './timeline';
/** The session console (DOMAIN.md "Session"): what the mediator runs a session from, as the API answers it. */

/**
 * A session may be opened (its waiting room, check-in) and begun from this long before its
 * start. The API enforces it (SESSION_NOT_OPEN_YET) and the console disables its buttons until
 * then, from this one rule.
 */
export const SESSION_OPENS_BEFORE_MINUTES = 60;

/** When a session starting at `startsAt` may be opened and begun. */
export function sessionOpensAt(startsAt: string | Date): Date {
  return new Date(new Date(startsAt).getTime() - SESSION_OPENS_BEFORE_MINUTES * 60_000);
}

export type CaucusParty = 'consumer' | 'bank';
export type CallParty = 'consumer' | 'bank' | 'other';
export type CheckInVia = 'video' | 'phone' | 'on_site';
export type CallStatus = 'dialing' | 'connected' | 'completed' | 'failed' | 'no_answer';

export interface MethodStep {
  id: string;
  position: number;
  title: string;
  hint: string | null;
}

/** The center's mediation method: the checklist every session runs through. */
export interface MediationMethodView {
  steps: MethodStep[];
}

export interface ConsoleCall {
  id: string;
  party: CallParty;
  source: 'bridge' | 'manual';
  status: CallStatus;
  provider: string | null;
  phoneMasked: string;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  note: string | null;
  hasRecording: boolean;
}

export interface ConsoleView {
  session: {
    id: string;
    caseId: string;
    caseNumber: string | null;
    mediatorId: string;
    mediatorName: string | null;
    channel: Channel;
    status: SessionStatus;
    startsAt: string;
    endsAt: string;
    /** From when the waiting room may be opened and the session begun (sessionOpensAt). */
    opensAt: string;
    openedAt: string | null;
    beganAt: string | null;
    endedAt: string | null;
    nextSessionId: string | null;
    participants: Participant[];
    statusReason: string | null;
    /** A reason the system wrote, to render in the reader's language (see TimelineMessage). */
    statusReasonMessage: TimelineMessage | null;
  };
  confirmations: Confirmation[];
  checkIns: { id: string; role: Participant['role']; name: string; via: CheckInVia; checkedInAt: string }[];
  caucuses: { withParty: CaucusParty; startedAt: string; endedAt: string | null; seconds: number }[];
  openCaucus: { withParty: CaucusParty; startedAt: string; endedAt: string | null; seconds: number } | null;
  caucusSeconds: number;
  /** The caller runs this session (its mediator, or a center admin). */
  mayRun: boolean;
  /** The center's method; empty for the bank. */
  steps: (MethodStep & { tickedAt: string | null })[];
  calls: ConsoleCall[];
  /** The caller's own private notes; null for the bank. */
  note: { body: string; version: number; updatedAt: string | null } | null;
}

/** A private note saved: its new version. */
export interface SavedNote {
  version: number;
  updatedAt: string;
}
