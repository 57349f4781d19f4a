import { Injectable } from '@nestjs/common';
import { DEFAULT_CHECKLIST, QUALITY_DEFINITIONS, type ChecklistItem, type Page, type QualityReviewView, type QualityRule, type QualityScoreRow, type ReviewScore } from '@accord/contracts';
import { AuditService, Database, FieldError, hasRole, shanghaiDate, ValidationFailedError } from '@accord/core';
import { CaseFacts } from '@accord/cases';
import { DirectoryService } from '@accord/organisations';
import { DocumentService } from '@accord/outcomes';
import { SchedulingFacts } from '@accord/scheduling';
import { NewEntry, QualityRepository, ReviewRow, RuleRow } from '../repositories/quality.repository';
import { ReviewAlreadyDone, ReviewerIsMediator, ReviewNotFound } from '../quality.errors';
import { maxScoreOf, reasonsFor } from './sampling';

const DEFAULT_RULE = { includeNotSettled: true, includeTerminated: true, includeBreached: true, settledPercent: 10, seed: 'accord', checklist: DEFAULT_CHECKLIST };
const DRAW_BATCH = 500;

/**
 * Quality review (质量评查, issue 20): the center's sampling rule and checklist, the queue of
 * concluded cases the rule draws, and the reviews. A reviewer (role quality_reviewer) never
 * reviews a case they mediated; a mediator reads the reviews of their own cases; the center sees
 * the scores per mediator and month beside the success rate.
 */
@Injectable()
export class QualityService {
  constructor(
    private readonly db: Database,
    private readonly reviews: QualityRepository,
    private readonly caseFacts: CaseFacts,
    private readonly schedulingFacts: SchedulingFacts,
    private readonly documents: DocumentService,
    private readonly directory: DirectoryService,
    private readonly audit: AuditService,
  ) {}

  private get centerId(): string {
    const { kind, organisationId } = this.db.scope;
    if (kind !== 'center' || !organisationId) throw ReviewNotFound();
    return organisationId;
  }

  async rule(): Promise<QualityRule> {
    return ruleView(await this.reviews.rule(this.centerId));
  }

  async saveRule(dto: Omit<QualityRule, 'updatedAt'>): Promise<QualityRule> {
    const keys = dto.checklist.map((i) => i.key);
    const dup = keys.findIndex((k, i) => keys.indexOf(k) !== i);
    if (dup >= 0) throw new ValidationFailedError([new FieldError(`checklist.${dup}.key`, 'each item needs its own key')]);
    const row = await this.reviews.saveRule(this.centerId, { ...dto, checklist: dto.checklist.map((i) => ({ key: i.key, label: i.label.trim(), maxScore: i.maxScore })) }, this.db.scope.userId);
    await this.audit.record({ action: 'quality.rule-changed', subjectType: 'organisation', subjectId: this.centerId, detail: { settledPercent: dto.settledPercent, count: dto.checklist.length } });
    return ruleView(row);
  }

  /**
   * Puts the concluded cases the rule draws into the queue: those given (a case just concluded,
   * from the worker) or every case of the center concluded in [from, to] (the admin, after
   * changing the rule). A case already in the queue stays; answers how many entered.
   */
  async draw(from: string, to: string): Promise<{ added: number; considered: number }> {
    if (from > to) throw new ValidationFailedError([new FieldError('to', 'must not be before from')]);
    const centerId = this.centerId;
    let after: { at: string; id: string } | null = null;
    let added = 0;
    let considered = 0;
    for (;;) {
      const page = await this.caseFacts.concludedCases({ centerId }, from, to, after, DRAW_BATCH);
      if (!page.length) break;
      considered += page.length;
      added += await this.considerCases(page.map((c) => c.id));
      const last = page[page.length - 1];
      after = { at: last.cursorAt, id: last.id };
      if (page.length < DRAW_BATCH) break;
    }
    await this.audit.record({ action: 'quality.queue-drawn', subjectType: 'organisation', subjectId: centerId, detail: { from, to, count: added } });
    return { added, considered };
  }

  /** Each concluded case (of any center the scope sees) under its center's rule; answers how many entered. */
  async considerCases(caseIds: readonly string[]): Promise<number> {
    const facts = await this.caseFacts.reviewFacts(caseIds);
    if (!facts.length) return 0;
    const firstSessions = await this.schedulingFacts.firstSessionDays(facts.map((f) => f.id));
    const rules = new Map<string, RuleRow | undefined>();
    const entries: NewEntry[] = [];
    for (const c of facts) {
      if (!rules.has(c.centerId)) rules.set(c.centerId, await this.reviews.rule(c.centerId));
      const reasons = reasonsFor(rules.get(c.centerId) ?? DEFAULT_RULE, c, firstSessions.get(c.id));
      if (reasons.length) {
        entries.push({ centerId: c.centerId, caseId: c.id, caseNumber: c.caseNumber, mediatorId: c.mediatorId, mediatorName: c.mediatorName, outcome: c.outcome!, concludedAt: c.concludedAt!, reasons });
      }
    }
    return this.reviews.enter(entries);
  }

  /** The queue (center admin, reviewers: every entry, by state) or a mediator's own reviews. */
  async list(status: 'pending' | 'reviewed' | undefined, mine: boolean, page: number, pageSize: number): Promise<Page<QualityReviewView>> {
    const centerId = this.centerId;
    const mediatorId = mine || !this.seesQueue() ? this.db.scope.userId! : undefined;
    const { rows, total } = await this.reviews.page(centerId, { status, mediatorId }, page, pageSize);
    return { items: rows.map((r) => this.view(r)), total, page, pageSize };
  }

  async get(id: string): Promise<QualityReviewView> {
    return this.view(await this.visible(id));
  }

  /** The reviewer scores every item of the center's checklist (0 to its maximum) and writes findings. */
  async score(id: string, dto: { scores: { key: string; score: number }[]; findings: string }): Promise<QualityReviewView> {
    const row = await this.visible(id);
    if (row.mediatorId === this.db.scope.userId) throw ReviewerIsMediator();
    if (row.status !== 'pending') throw ReviewAlreadyDone();
    const { checklist } = ruleView(await this.reviews.rule(row.centerId));
    const given = new Map(dto.scores.map((s) => [s.key, s.score]));
    const errors: FieldError[] = [];
    dto.scores.forEach((s, i) => {
      const item = checklist.find((c) => c.key === s.key);
      if (!item) errors.push(new FieldError(`scores.${i}.key`, 'not an item of the checklist'));
      else if (s.score > item.maxScore) errors.push(new FieldError(`scores.${i}.score`, `at most ${item.maxScore}`));
    });
    const missing = checklist.filter((c) => !given.has(c.key));
    if (missing.length) errors.push(new FieldError('scores', `missing: ${missing.map((m) => m.key).join(', ')}`));
    if (dto.scores.length !== given.size) errors.push(new FieldError('scores', 'each item once'));
    if (errors.length) throw new ValidationFailedError(errors);
    const scores: ReviewScore[] = checklist.map((c) => ({ ...c, score: given.get(c.key)! }));
    const total = scores.reduce((sum, s) => sum + s.score, 0);
    const name = (await this.directory.userNames([this.db.scope.userId!])).get(this.db.scope.userId!) ?? '';
    if (!(await this.reviews.score(id, { id: this.db.scope.userId!, name }, scores, total, maxScoreOf(checklist), dto.findings.trim()))) throw ReviewAlreadyDone();
    await this.audit.record({ action: 'quality.case-reviewed', subjectType: 'case', subjectId: row.caseId, detail: { caseNumber: row.caseNumber, reviewId: id, total, max: maxScoreOf(checklist) } });
    return this.get(id);
  }

  /** The reviewer sends the case's agreement draft back to the mediator for correction (before anyone signs). */
  async returnAgreement(id: string, note: string): Promise<QualityReviewView> {
    const row = await this.visible(id);
    if (row.mediatorId === this.db.scope.userId) throw ReviewerIsMediator();
    const returned = await this.documents.returnForCorrection(row.caseId, note.trim());
    await this.reviews.agreementReturned(id, note.trim());
    await this.audit.record({ action: 'quality.agreement-returned', subjectType: 'case', subjectId: row.caseId, detail: { caseNumber: row.caseNumber, reviewId: id, documentId: returned.documentId, version: returned.version } });
    return this.get(id);
  }

  /** Review scores per mediator and month beside the success rate of the cases they concluded that month, with the 口径. */
  async scores(fromMonth: string, toMonth: string): Promise<{ items: QualityScoreRow[]; definitions: typeof QUALITY_DEFINITIONS }> {
    if (fromMonth > toMonth) throw new ValidationFailedError([new FieldError('to', 'must not be before from')]);
    const centerId = this.centerId;
    const [scores, outcomes] = await Promise.all([this.reviews.scoreMonths(centerId, fromMonth, toMonth), this.caseFacts.mediatorMonths(centerId, fromMonth, toMonth)]);
    const rows = new Map<string, QualityScoreRow>();
    const at = (month: string, mediatorId: string, name: string | null) => {
      const key = `${month}|${mediatorId}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { month, mediatorId, mediatorName: name ?? '', reviews: 0, averagePercent: null, concluded: 0, settled: 0, successRate: null }));
      if (!row.mediatorName && name) row.mediatorName = name;
      return row;
    };
    for (const s of scores) Object.assign(at(s.month, s.mediatorId, s.mediatorName), { reviews: s.reviews, averagePercent: s.averagePercent });
    for (const o of outcomes) {
      const denominator = o.settled + o.notSettled + o.terminated;
      Object.assign(at(o.month, o.mediatorId, o.mediatorName), { concluded: o.concluded, settled: o.settled, successRate: denominator ? o.settled / denominator : null });
    }
    const items = [...rows.values()].sort((a, b) => (a.month === b.month ? a.mediatorName.localeCompare(b.mediatorName, 'zh') : b.month.localeCompare(a.month)));
    return { items, definitions: QUALITY_DEFINITIONS };
  }

  private seesQueue(): boolean {
    return hasRole(this.db.scope, 'center_admin', 'quality_reviewer');
  }

  /** The review if the caller may read it: the queue's people any of the center's, a mediator their own. */
  private async visible(id: string): Promise<ReviewRow> {
    const row = await this.reviews.one(this.centerId, id);
    if (!row || (!this.seesQueue() && row.mediatorId !== this.db.scope.userId)) throw ReviewNotFound();
    return row;
  }

  private view(r: ReviewRow): QualityReviewView {
    return {
      id: r.id,
      caseId: r.caseId,
      caseNumber: r.caseNumber,
      mediatorId: r.mediatorId,
      mediatorName: r.mediatorName,
      outcome: r.outcome,
      concludedAt: r.concludedAt.toISOString(),
      reasons: r.reasons,
      status: r.status,
      enteredAt: r.enteredAt.toISOString(),
      reviewerId: r.reviewerId,
      reviewerName: r.reviewerName,
      scores: r.scores,
      totalScore: r.totalScore,
      maxScore: r.maxScore,
      findings: r.findings,
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
      agreementReturnedAt: r.agreementReturnedAt?.toISOString() ?? null,
      agreementReturnNote: r.agreementReturnNote,
      mayReview: r.status === 'pending' && hasRole(this.db.scope, 'quality_reviewer') && r.mediatorId !== this.db.scope.userId,
    };
  }
}

function ruleView(row: RuleRow | undefined): QualityRule {
  const r = row ?? { ...DEFAULT_RULE, updatedAt: null };
  return {
    includeNotSettled: r.includeNotSettled,
    includeTerminated: r.includeTerminated,
    includeBreached: r.includeBreached,
    settledPercent: Number(r.settledPercent),
    seed: r.seed,
    checklist: r.checklist as ChecklistItem[],
    updatedAt: r.updatedAt ? r.updatedAt.toISOString() : null,
  };
}

/** Today as YYYY-MM (Asia/Shanghai). */
export const thisMonth = () => shanghaiDate(new Date()).slice(0, 7);
