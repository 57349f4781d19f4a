/**
 * The mediation clock and its one extension (issue 20, DOMAIN.md "Tracks and time limits"):
 * 30 days from the first session, extendable once by up to 30 more with both parties' agreement
 * (the bank in the portal, the consumer by link with a one-time code).
 */

/** Days from the first session to the mediation's due day (rolled to the center's next working day). */
export const MEDIATION_DAYS = 30;
/** The most one extension may add; there is only one. */
export const MAX_EXTENSION_DAYS = 30;

export const EXTENSION_STATES = ['pending', 'agreed', 'declined', 'withdrawn'] as const;
export type ExtensionState = (typeof EXTENSION_STATES)[number];

/** One proposal to extend the mediation clock and both parties' answers to it. */
export interface CaseExtensionView {
  id: string;
  caseId: string;
  status: ExtensionState;
  days: number;
  reason: string;
  proposedAt: string;
  proposedByName: string | null;
  /** The due day before, and the one it becomes once both agree (the center's next working day). */
  previousDueOn: string;
  newDueOn: string;
  institutionAgreedAt: string | null;
  institutionAgreedByName: string | null;
  consumerAgreedAt: string | null;
  agreedAt: string | null;
  /** Who said no (a declined proposal changes nothing), when, and why. */
  declinedBy: 'institution' | 'consumer' | null;
  declinedAt: string | null;
  declineNote: string | null;
}

/** GET /cases/:id/extensions: newest first, and what the caller may do now. */
export interface CaseExtensionList {
  items: CaseExtensionView[];
  /** The center may propose (an open case whose clock runs and that has no extension yet). */
  canPropose: boolean;
  /** The bank may answer the pending proposal. */
  canAnswer: boolean;
}

/** What the consumer reads on their extension link. */
export interface ConsumerExtensionView {
  centerName: string;
  institutionName: string;
  caseNumber: string;
  status: ExtensionState;
  days: number;
  reason: string;
  previousDueOn: string;
  newDueOn: string;
  /** The consumer's own answer: agreed, declined, or not yet. */
  yourAnswer: 'agreed' | 'declined' | null;
  answeredAt: string | null;
}
