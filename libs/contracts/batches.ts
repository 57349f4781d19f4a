import type { CaseStatus, DisputeType } from './cases';
import type { Outcome } from './outcomes';

/**
 * Similar cases as a batch (类案批量, the 2025 joint opinion): intake groups open cases of one
 * institution with the same dispute type and the same product or event under one lead mediator,
 * and books one session, shares one proposed scheme and attaches one document for all of them
 * at once. Each case keeps its own consumer, outcome, agreement and signatures; statistics count
 * the cases, and show the batches beside them.
 */

/** A member case as the batch shows it (no personal data beyond the masked consumer name). */
export interface BatchMemberView {
  caseId: string;
  caseNumber: string | null;
  status: CaseStatus;
  outcome: Outcome | null;
  mediatorId: string | null;
  mediatorName: string | null;
  consumerNameMasked: string;
  submittedAt: string | null;
}

/** A batch with its progress (GET /batches, /batches/:id; members only on the detail). */
export interface CaseBatchView {
  id: string;
  label: string;
  institutionId: string;
  institutionName: string;
  disputeType: DisputeType;
  leadMediatorId: string;
  leadMediatorName: string;
  createdAt: string;
  /** How many cases the batch holds, how many have concluded, how many settled. */
  cases: number;
  concluded: number;
  settled: number;
  members?: BatchMemberView[];
}

/** A group of open cases that look alike (GET /batches/suggestions): one institution, one dispute type, submitted within the window. */
export interface BatchSuggestion {
  institutionId: string;
  institutionName: string;
  disputeType: DisputeType;
  /** The product or event keyword asked for (null when grouping by institution × dispute type × window only). */
  keyword: string | null;
  firstSubmittedAt: string;
  lastSubmittedAt: string;
  members: BatchMemberView[];
}

/** What happened to one case when something was applied to the whole batch. */
export interface BatchApplyItem {
  caseId: string;
  caseNumber: string | null;
  ok: boolean;
  /** The session booked, the timeline event or the attachment made, when ok. */
  resultId: string | null;
  /** Why not, as the case's own endpoint would have answered (stable code, status, text). */
  problem: { code: string; status: number; detail: string } | null;
}

/** Applying to every case of the batch: each case succeeds or fails on its own (savepoints). */
export interface BatchApplyResult {
  batchId: string;
  succeeded: number;
  failed: number;
  items: BatchApplyItem[];
}

/** The batch a case belongs to, as its page shows it (GET /cases/:id/batch). */
export interface CaseBatchRef {
  batch: { id: string; label: string; leadMediatorName: string; cases: number } | null;
}

/** Batches on the center's dashboard: how many, and how many cases they hold (statistics count cases, not batches). */
export interface BatchTotals {
  batches: number;
  openBatches: number;
  casesInBatches: number;
  settledInBatches: number;
}

/** GET /batches/suggestions. */
export interface BatchSuggestions {
  items: BatchSuggestion[];
}
