/**
 * What a mediation ends in and what follows it (DOMAIN.md "Outcome", "Judicial confirmation",
 * "Performance", "Follow-up"). Pure data shared by the API, the worker and the portal.
 */
export const OUTCOMES = ['settled', 'not_settled', 'withdrawn', 'terminated'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_ZH: Record<Outcome, string> = { settled: '调解成功', not_settled: '调解不成功', withdrawn: '撤回调解', terminated: '终止调解' };

/** Why a mediation was terminated (终止): DOMAIN.md names time limit, no-show, litigation. */
export const TERMINATION_REASONS = ['time_limit', 'no_show', 'litigation_started', 'party_refused', 'other'] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];

/** The other routes a consumer is told about when mediation fails. */
export const OTHER_ROUTES = ['litigation', 'arbitration', 'regulator_complaint', 'other_mediation'] as const;
export type OtherRoute = (typeof OTHER_ROUTES)[number];

/** Who owes an obligation of a settlement. */
export const OBLIGATION_PARTIES = ['institution', 'consumer'] as const;
export type ObligationParty = (typeof OBLIGATION_PARTIES)[number];

export const OBLIGATION_STATUSES = ['due', 'performed', 'overdue'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/** 调解协议书 for a settlement, 终止调解告知书 for a case that ended without one. */
export const DOCUMENT_KINDS = ['agreement', 'termination_notice'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A document is reviewed (draft), signed party by party, then frozen (signed). */
export const DOCUMENT_STATUSES = ['draft', 'signing', 'signed', 'superseded'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** The signing order: the bank representative, then the consumer, the mediator last. */
export const SIGNATURE_PARTIES = ['institution', 'consumer', 'mediator'] as const;
export type SignatureParty = (typeof SIGNATURE_PARTIES)[number];

export const JUDICIAL_RESULTS = ['pending', 'confirmed', 'refused'] as const;
export type JudicialResult = (typeof JUDICIAL_RESULTS)[number];

/** Days from the agreement taking effect to the last day of a joint application to a court. */
export const JUDICIAL_WINDOW_DAYS = 30;

/** What a consumer link opens: a session, an agreement to sign, a follow-up survey, the consent to a referral, an extension of the mediation to agree to. */
export const CONSUMER_LINK_PURPOSES = ['session', 'signing', 'survey', 'consent', 'extension'] as const;
export type ConsumerLinkPurpose = (typeof CONSUMER_LINK_PURPOSES)[number];

/** Settlement terms as the mediator records them; every amount is in fen (integer). */
export interface SettlementTerms {
  refundFen: number;
  feeWaiverFen: number;
  instalment: { totalFen: number; count: number; firstDueOn: string } | null;
  freeText: string;
  obligations: { owedBy: ObligationParty; description: string; amountFen: number | null; dueOn: string }[];
}

export interface ObligationView {
  id: string;
  owedBy: ObligationParty;
  description: string;
  amountFen: number | null;
  dueOn: string;
  status: ObligationStatus;
  performedAt: string | null;
  evidenceNote: string | null;
  evidenceAttachmentId: string | null;
  evidenceFileName: string | null;
}

/** GET /obligations — an open obligation across cases, for the home page's "due" list (soonest first). */
export interface ObligationDueItem {
  id: string;
  caseId: string;
  caseNumber: string | null;
  owedBy: ObligationParty;
  description: string;
  amountFen: number | null;
  dueOn: string;
  /** due or overdue (the overdue flag is set by the reminder job the day after the due date). */
  status: ObligationStatus;
}

export interface OutcomeView {
  /** The caller may still correct the details: nobody signed, nothing performed, not closed. */
  amendable: boolean;
  caseId: string;
  outcome: Outcome;
  /** The agreement took effect and its judicial-confirmation window exists (GET …/judicial-confirmation answers). */
  judicialWindow: boolean;
  /** A follow-up survey was sent (GET …/follow-up answers); false for the bank, which never sees it. */
  followUp: boolean;
  recordedAt: string;
  recordedByName: string;
  /** refund + fee waiver: what the consumer obtained (the statistics' "amount settled"). */
  settledAmountFen: number;
  terms: Omit<SettlementTerms, 'obligations'> | null;
  notSettledReason: string | null;
  otherRoutes: OtherRoute[];
  terminationReason: TerminationReason | null;
  note: string | null;
  obligations: ObligationView[];
}

export type JudicialState = 'open' | 'closing' | 'closed' | 'applied' | 'declined';

export interface JudicialConfirmationView {
  caseId: string;
  effectiveOn: string;
  windowEndsOn: string;
  /** Calendar days left to apply (0 on the last day; negative once closed); null once decided. */
  daysLeft: number | null;
  state: JudicialState;
  applying: boolean | null;
  court: string | null;
  appliedOn: string | null;
  result: JudicialResult | null;
  resultOn: string | null;
  note: string | null;
}

/** A case's follow-up survey as the center reads it. */
export interface FollowUpView {
  caseId: string;
  caseNumber: string;
  mediatorName: string | null;
  sentAt: string;
  answeredAt: string | null;
  satisfaction: number | null;
  comment: string | null;
}

/** Satisfaction per mediator, over the surveys of their cases. */
export interface MediatorSatisfaction {
  mediatorId: string;
  mediatorName: string;
  sent: number;
  answered: number;
  /** Mean of the answers, two decimals; null without answers. */
  average: number | null;
  /** How many answered 1, 2, 3, 4, 5. */
  distribution: [number, number, number, number, number];
}

/** What the consumer sees behind a survey link. */
export interface ConsumerSurveyView {
  caseNumber: string;
  centerName: string;
  mediatorName: string | null;
  outcome: Outcome;
  answeredAt: string | null;
  satisfaction: number | null;
  comment: string | null;
}
