import { OUTCOMES, type Outcome } from './outcomes';
/**
 * The case and its life (DOMAIN.md "The case and its life"). Pure data shared by the API, the
 * worker and the portal: one state machine, the enumerations, and the clock rules' inputs.
 */
export const CASE_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'rejected',
  'accepted',
  'assigned',
  'scheduled',
  'in_session',
  'adjourned',
  'settled',
  'not_settled',
  'withdrawn',
  'terminated',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Every legal move; anything else answers 409 ILLEGAL_TRANSITION with the current state. */
export const CASE_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  draft: ['submitted'],
  submitted: ['returned', 'rejected', 'accepted', 'withdrawn'],
  returned: ['submitted', 'rejected', 'withdrawn'],
  rejected: [],
  // assigned → accepted is a recusal or reassignment: the case waits for another mediator.
  accepted: ['assigned', 'withdrawn'],
  // assigned → terminated: the consumer never came (a no-show leaves the case assigned) or the time limit ran out before any session.
  assigned: ['accepted', 'scheduled', 'withdrawn', 'terminated'],
  scheduled: ['in_session', 'accepted', 'assigned', 'withdrawn', 'terminated'],
  in_session: ['adjourned', 'scheduled', 'settled', 'not_settled', 'withdrawn', 'terminated'],
  adjourned: ['scheduled', 'settled', 'not_settled', 'withdrawn', 'terminated'],
  settled: ['closed'],
  not_settled: ['closed'],
  withdrawn: ['closed'],
  terminated: ['closed'],
  closed: [],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from].includes(to);
}

/** The outcomes a case in this state can be concluded with (a case not yet heard can't settle). */
export function outcomesFrom(status: CaseStatus): Outcome[] {
  return OUTCOMES.filter((o) => canTransition(status, o));
}

/** The center's intake queue: new, returned (waiting for the bank) and accepted-but-unassigned. */
export const INTAKE_QUEUE_STATUSES = ['submitted', 'returned', 'accepted'] as const satisfies readonly CaseStatus[];
/** Cases still being worked: they count toward a mediator's open caseload. */
export const OPEN_CASE_STATUSES = ['assigned', 'scheduled', 'in_session', 'adjourned'] as const satisfies readonly CaseStatus[];

export const CASE_SOURCES = ['branch_referral', 'regulator_referral', 'self_application', 'court_entrusted'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const BUSINESS_LINES = [
  'personal_loan',
  'credit_card',
  'debit_card_account',
  'wealth_fund',
  'insurance',
  'payment_settlement',
  'inclusive_finance',
  'other',
] as const;
export type BusinessLine = (typeof BUSINESS_LINES)[number];

export const DISPUTE_TYPES = [
  'fee_reduction',
  'repayment_negotiation',
  'credit_report',
  'mis_selling',
  'fraud_theft',
  'service_attitude',
  'other',
] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];

export const ID_DOCUMENT_TYPES = ['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent', 'other'] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

export const CHANNELS = ['phone', 'video', 'on_site'] as const;
export type Channel = (typeof CHANNELS)[number];

export const TRACKS = ['small_claims', 'simple', 'normal', 'complex'] as const;
export type Track = (typeof TRACKS)[number];

/** DOMAIN.md "Intake review": the only reasons a center may reject a referral for. */
export const REJECT_REASONS = [
  'not_financial_consumer_dispute',
  'respondent_not_member',
  'in_litigation_or_decided',
  'no_consent',
  'repeated_application',
  'incomplete_after_return',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const CASE_EVENT_KINDS = ['transition', 'comment', 'internal_note', 'attachment', 'assignment', 'track_changed', 'edited', 'session', 'outcome'] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/** The bank's own complaint-handling limit before a referral (2020 rules): calendar days. */
export const BANK_COMPLAINT_DAYS = { standard: 15, complex: 30, extended: 60 } as const;

export type ClockState = 'ok' | 'due_soon' | 'overdue' | 'met' | 'unknown';

export interface CaseClock {
  /** Due date (Asia/Shanghai calendar day), the end of which is the limit. */
  dueOn: string | null;
  state: ClockState;
  /** Why the clock can't be computed (e.g. CALENDAR_YEAR_MISSING). */
  problem?: string;
}

export interface CaseListItem {
  id: string;
  caseNumber: string | null;
  status: CaseStatus;
  track: Track;
  source: CaseSource;
  centerId: string;
  centerName: string;
  institutionId: string;
  institutionName: string;
  branchId: string;
  branchName: string;
  businessLine: BusinessLine;
  disputeType: DisputeType;
  amountFen: number;
  consumerName: string;
  consumerPhone: string;
  mediatorId: string | null;
  mediatorName: string | null;
  submittedAt: string | null;
  updatedAt: string;
  /** A draft's consent by link: awaiting the consumer, given, or closed for good (declined, expired); null when attested at the counter or not asked. */
  consentState: 'awaiting' | 'given' | 'declined' | 'expired' | null;
  intakeClock: CaseClock;
  firstSessionClock: CaseClock;
  bankClock: CaseClock;
  /** 30 days from the first session (Asia/Shanghai), on the center's next working day, plus an agreed extension. */
  mediationClock: CaseClock;
  mediationStartedOn: string | null;
  /** Days of the one extension both parties agreed to (0: none). */
  mediationExtensionDays: number;
  possibleRepeatOf: string | null;
}

/** GET /cases/:id — masked identity; the full one is GET /cases/:id/consumer (audited). */
export interface CaseDetail extends CaseListItem {
  facts: string;
  claims: string;
  bankPosition: string;
  priorComplaintRef: string | null;
  complaintReceivedOn: string | null;
  preferredChannel: Channel | null;
  preferredTimes: string | null;
  consentAt: string | null;
  consentNote: string | null;
  /** The branch user who attested the consumer's consent at the counter (null when the consumer answered by link). */
  consentAttestedBy: string | null;
  consentAttestedByName: string | null;
  /** The mediator the consumer picked on their consent link, if the center offered a choice. */
  consumerChosenMediatorId: string | null;
  consumerIdType: IdDocumentType | null;
  consumerIdNumber: string;
  consumerNeedsAssistance: boolean;
  rejectReason: RejectReason | null;
  acceptedAt: string | null;
  assignedAt: string | null;
  /** What the mediation ended in (kept after the case is closed), and when. */
  outcome: Outcome | null;
  concludedAt: string | null;
  createdAt: string;
  version: number;
  /** Earlier cases of the same consumer against the same institution and dispute. */
  repeatCandidates: { id: string; caseNumber: string | null; status: CaseStatus }[];
  /** What the caller may do now: accept, reject, return, assign, recuse, change_track, withdraw, edit, submit, discard, comment, internal_note, attach. */
  allowedActions: CaseAction[];
  /** Whether GET /cases/:id/consumer will answer for this caller. */
  canRevealConsumer: boolean;
}

export const CASE_ACTIONS = [
  'edit',
  'submit',
  'discard',
  'accept',
  'reject',
  'return',
  'assign',
  'recuse',
  'change_track',
  'withdraw',
  'comment',
  'internal_note',
  'attach',
  'record_outcome',
  'close',
  'request_consent',
  'cancel_consent_request',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface ConsumerIdentityView {
  name: string;
  idType: IdDocumentType | null;
  idNumber: string;
  phone: string;
  email: string | null;
  needsAssistance: boolean;
}

export interface CaseEventView {
  id: string;
  at: string;
  kind: CaseEventKind;
  /** Internal notes: shown to the center only. */
  centerOnly: boolean;
  actorName: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  body: string | null;
  detail: Record<string, unknown>;
}

export interface CaseAttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedByName: string;
  createdAt: string;
}

export interface MediatorProposal {
  mediatorId: string;
  name: string;
  expertise: string[];
  expertiseMatch: boolean;
  openCases: number;
  acceptingCases: boolean;
  /** Affiliated with the respondent institution: never assignable, not even by override. */
  conflictOfInterest: boolean;
  /** Recused from this case before. */
  recused: boolean;
  /** 1 = best; null when not proposable (conflict, recused). */
  rank: number | null;
  /** The consumer picked this mediator on their consent link. */
  consumerChoice: boolean;
}

export interface CaseloadRow {
  mediatorId: string;
  name: string;
  expertise: string[];
  acceptingCases: boolean;
  affiliatedInstitutionName: string | null;
  open: number;
  byStatus: Record<'assigned' | 'scheduled' | 'in_session' | 'adjourned', number>;
  firstSessionOverdue: number;
}

export interface CaseImportResult {
  filed: { row: number; caseId: string; caseNumber: string }[];
  errors: { row: number; field: string; message: string }[];
}

/** The Chinese names documents and exports print (the portal has its own i18n). */
export const BUSINESS_LINE_ZH: Record<BusinessLine, string> = {
  personal_loan: '个人贷款',
  credit_card: '信用卡',
  debit_card_account: '借记卡/账户',
  wealth_fund: '理财/基金',
  insurance: '保险',
  payment_settlement: '支付结算',
  inclusive_finance: '普惠金融',
  other: '其他',
};

export const DISPUTE_TYPE_ZH: Record<DisputeType, string> = {
  fee_reduction: '息费减免',
  repayment_negotiation: '协商还款',
  credit_report: '征信异议',
  mis_selling: '销售误导',
  fraud_theft: '盗刷/诈骗',
  service_attitude: '服务态度',
  other: '其他',
};

/** GET /cases: a page of cases; `totalIsCapped` when the count stopped at its cap. */
export interface CaseListPage {
  items: CaseListItem[];
  total: number;
  page: number;
  pageSize: number;
  totalIsCapped: boolean;
}

/**
 * What a move answers: the case, or — when the move took it out of the caller's sight (a
 * mediator who recuses no longer sees the case) — only its new state.
 */
export type CaseMoved = CaseDetail | Pick<CaseDetail, 'id' | 'caseNumber' | 'status' | 'mediatorId' | 'mediatorName'>;

/** The Chinese names of case states and tracks, for exports (the portal has its own i18n). */
export const CASE_STATUS_ZH: Record<CaseStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回补正',
  rejected: '不予受理',
  accepted: '已受理',
  assigned: '已分派',
  scheduled: '已排期',
  in_session: '调解中',
  adjourned: '休会',
  settled: '调解成功',
  not_settled: '调解不成',
  withdrawn: '已撤回',
  terminated: '已终止',
  closed: '已结案',
};

export const TRACK_ZH: Record<Track, string> = { small_claims: '小额快速', simple: '简易', normal: '普通', complex: '复杂' };
