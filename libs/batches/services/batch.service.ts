import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { BatchApplyItem, BatchApplyResult, BatchMemberView, BatchSuggestion, BatchTotals, CaseBatchRef, CaseBatchView, DisputeType, Page } from '@accord/contracts';
import { AuditService, Database, DomainError, FieldError, NotFoundError, ValidationFailedError } from '@accord/core';
import { AssignmentService, AttachmentService, BatchMemberFacts, CaseFacts, CaseLifecycle } from '@accord/cases';
import { DirectoryService } from '@accord/organisations';
import { BookSessionDto, SchedulingService } from '@accord/scheduling';
import { BatchCaseNotOpen, BatchMixesDisputeTypes, BatchMixesInstitutions, BatchNotFound, CaseAlreadyInBatch, NotLeadMediatorCase } from '../batches.errors';
import { BatchRepository, BatchRow } from '../repositories/batch.repository';
import { groupCandidates } from './grouping';

const OPEN = new Set(['accepted', 'assigned', 'scheduled', 'in_session', 'adjourned']);
/** How far back the suggestions look, and how many open cases they read at most. */
const SUGGESTION_DAYS_BACK = 365;
const SUGGESTION_LIMIT = 1000;
const CaseNotFound = () => new NotFoundError('Case', 'CASE_NOT_FOUND');

/**
 * Similar cases as a batch (类案批量, issue 20): intake groups open cases of one institution with
 * the same dispute type and product or event under one lead mediator, then books one session,
 * shares one proposed scheme or attaches one document for every case at once. Each case goes
 * through its own lib's service (the same rules as one by one) inside a savepoint, so a case that
 * fails is reported on its own and the others are unaffected. The center's own: banks never see it.
 */
@Injectable()
export class BatchService {
  constructor(
    private readonly db: Database,
    private readonly batches: BatchRepository,
    private readonly caseFacts: CaseFacts,
    private readonly lifecycle: CaseLifecycle,
    private readonly assignment: AssignmentService,
    private readonly attachments: AttachmentService,
    private readonly scheduling: SchedulingService,
    private readonly directory: DirectoryService,
    private readonly audit: AuditService,
  ) {}

  private get centerId(): string {
    const { kind, organisationId } = this.db.scope;
    if (kind !== 'center' || !organisationId) throw BatchNotFound();
    return organisationId;
  }

  async create(dto: { label: string; leadMediatorId: string; caseIds: string[] }): Promise<CaseBatchView> {
    const centerId = this.centerId;
    const facts = await this.caseFacts.batchMembers(dto.caseIds);
    // Another center's case is not seen at all (RLS): a batch across centers is a case not found.
    if (facts.length !== dto.caseIds.length || facts.some((f) => f.centerId !== centerId)) throw CaseNotFound();
    if (new Set(facts.map((f) => f.institutionId)).size > 1) throw BatchMixesInstitutions();
    if (new Set(facts.map((f) => f.disputeType)).size > 1 || !facts[0].disputeType) throw BatchMixesDisputeTypes();
    const closed = facts.find((f) => !OPEN.has(f.status));
    if (closed) throw BatchCaseNotOpen(closed.caseNumber);
    const already = await this.batches.batchOf(dto.caseIds);
    const taken = facts.find((f) => already.has(f.id));
    if (taken) throw CaseAlreadyInBatch(taken.caseNumber);
    const lead = (await this.directory.mediators(centerId)).find((m) => m.id === dto.leadMediatorId);
    if (!lead) throw new ValidationFailedError([new FieldError('leadMediatorId', 'not an active mediator of this center')]);
    if (lead.affiliatedInstitutionId === facts[0].institutionId) throw new ValidationFailedError([new FieldError('leadMediatorId', 'affiliated with the respondent institution')]);
    let id: string;
    try {
      id = await this.batches.insert(
        { centerId, institutionId: facts[0].institutionId, disputeType: facts[0].disputeType, label: dto.label.trim(), leadMediatorId: lead.id, createdBy: this.db.scope.userId },
        facts.map((f) => f.id),
      );
    } catch (error) {
      // Two intake officers batching the same case at once: the members' primary key decides.
      if ((error as { code?: string }).code === '23505') throw CaseAlreadyInBatch(null);
      throw error;
    }
    // Cases still waiting for a mediator go to the lead (the same rules as assigning one by one).
    for (const f of facts.filter((x) => x.status === 'accepted')) {
      await this.assignment.assign(f.id, { mediatorId: lead.id, overrideReason: `类案批量「${dto.label.trim()}」由牵头调解员统一承办` });
    }
    await this.audit.record({ action: 'batch.created', subjectType: 'case-batch', subjectId: id, detail: { batchId: id, institutionId: facts[0].institutionId, leadMediatorId: lead.id, count: facts.length } });
    return this.get(id);
  }

  async list(page: number, pageSize: number): Promise<Page<CaseBatchView>> {
    const { rows, total } = await this.batches.page(this.centerId, page, pageSize);
    return { items: await this.views(rows, false), total, page, pageSize };
  }

  async get(id: string): Promise<CaseBatchView> {
    const [view] = await this.views([await this.visible(id)], true);
    return view;
  }

  /** Open cases not in a batch, grouped by institution × dispute type × filing window (and the product or event keyword, when given). */
  async suggestions(keyword: string | undefined, days: number): Promise<{ items: BatchSuggestion[] }> {
    const centerId = this.centerId;
    const since = new Date(Date.now() - SUGGESTION_DAYS_BACK * 86400_000);
    const open = await this.caseFacts.batchCandidates(centerId, since, keyword?.trim() || null, SUGGESTION_LIMIT);
    const inBatch = await this.batches.batchOf(open.map((c) => c.id));
    const groups = groupCandidates(
      open.filter((c) => !inBatch.has(c.id)),
      days,
    );
    const names = await this.directory.organisationNames([...new Set(groups.map((g) => g[0].institutionId))]);
    return {
      items: groups.map((g) => ({
        institutionId: g[0].institutionId,
        institutionName: names.get(g[0].institutionId) ?? '',
        disputeType: g[0].disputeType as DisputeType,
        keyword: keyword?.trim() || null,
        firstSubmittedAt: g[0].submittedAt!.toISOString(),
        lastSubmittedAt: g[g.length - 1].submittedAt!.toISOString(),
        members: g.map(memberView),
      })),
    };
  }

  /** The batch a case is in (null when none), for the case's page. */
  async ofCase(caseId: string): Promise<CaseBatchRef> {
    const centerId = this.centerId;
    const [facts] = await this.caseFacts.batchMembers([caseId]);
    if (!facts || facts.centerId !== centerId) throw CaseNotFound();
    const batchId = (await this.batches.batchOf([caseId])).get(caseId);
    const row = batchId ? await this.batches.one(centerId, batchId) : undefined;
    if (!row) return { batch: null };
    const [members, names] = await Promise.all([this.batches.members([row.id]), this.directory.userNames([row.leadMediatorId])]);
    return { batch: { id: row.id, label: row.label, leadMediatorName: names.get(row.leadMediatorId) ?? '', cases: members.get(row.id)!.length } };
  }

  /** The center's batches and the cases in them (the dashboard counts cases; these show how many were handled as batches). */
  async totals(): Promise<BatchTotals> {
    const members = await this.batches.memberIdsOfCenter(this.centerId);
    const facts = new Map((await this.caseFacts.batchMembers(members.map((m) => m.caseId))).map((f) => [f.id, f]));
    const batches = new Set(members.map((m) => m.batchId));
    const open = new Set(members.filter((m) => !facts.get(m.caseId)?.outcome).map((m) => m.batchId));
    return {
      batches: batches.size,
      openBatches: open.size,
      casesInBatches: members.length,
      settledInBatches: members.filter((m) => facts.get(m.caseId)?.outcome === 'settled').length,
    };
  }

  /** One session for every case: the same time, channel and room, with the lead mediator; the sessions share the time (one joint booking). */
  async bookSession(id: string, dto: BookSessionDto): Promise<BatchApplyResult> {
    const batch = await this.visible(id);
    const jointId = randomUUID();
    return this.apply(batch, 'batch.session-booked', { jointId, startsAt: dto.startsAt, channel: dto.channel }, async (c) => {
      if (c.mediatorId !== batch.leadMediatorId) throw NotLeadMediatorCase();
      return (await this.scheduling.book(c.id, dto, jointId)).id;
    });
  }

  /** The proposed settlement scheme on every case's timeline, seen by both parties (a comment each, as a mediator would write it). */
  async shareScheme(id: string, dto: { title: string; terms: string }): Promise<BatchApplyResult> {
    const batch = await this.visible(id);
    const body = `【类案调解方案】${dto.title.trim()}\n${dto.terms.trim()}`;
    return this.apply(batch, 'batch.scheme-shared', {}, async (c) => {
      // A scheme is for a case still in mediation; a withdrawn or concluded one is left out (and said so).
      if (!OPEN.has(c.status)) throw BatchCaseNotOpen(c.caseNumber);
      return (await this.lifecycle.comment(c.id, { body })).id;
    });
  }

  /** One uploaded document attached to every case (each case checks and stores its own copy). */
  async attachToAll(id: string, file: { fileName: string; body: Buffer | undefined }): Promise<BatchApplyResult> {
    const batch = await this.visible(id);
    return this.apply(batch, 'batch.document-attached', {}, async (c) => (await this.attachments.add(c.id, file)).id);
  }

  /** Runs `work` for each member case in its own savepoint: a case that fails is undone and reported, the others stand. */
  private async apply(batch: BatchRow, action: string, detail: Record<string, unknown>, work: (c: BatchMemberFacts) => Promise<string>): Promise<BatchApplyResult> {
    const ids = (await this.batches.members([batch.id])).get(batch.id)!;
    const facts = new Map((await this.caseFacts.batchMembers(ids)).map((f) => [f.id, f]));
    const items: BatchApplyItem[] = [];
    for (const caseId of ids) {
      const c = facts.get(caseId);
      if (!c) continue;
      try {
        const resultId = await this.db.savepoint(() => work(c));
        items.push({ caseId, caseNumber: c.caseNumber, ok: true, resultId, problem: null });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        items.push({ caseId, caseNumber: c.caseNumber, ok: false, resultId: null, problem: { code: error.code, status: error.status, detail: problemText(error) } });
      }
    }
    const succeeded = items.filter((i) => i.ok).length;
    await this.audit.record({ action, subjectType: 'case-batch', subjectId: batch.id, detail: { batchId: batch.id, ...detail, succeeded, failed: items.length - succeeded } });
    return { batchId: batch.id, succeeded, failed: items.length - succeeded, items };
  }

  private async visible(id: string): Promise<BatchRow> {
    const row = await this.batches.one(this.centerId, id);
    if (!row) throw BatchNotFound();
    return row;
  }

  private async views(rows: BatchRow[], withMembers: boolean): Promise<CaseBatchView[]> {
    const members = await this.batches.members(rows.map((r) => r.id));
    const all = [...members.values()].flat();
    const [facts, institutions, mediators] = await Promise.all([
      this.caseFacts.batchMembers(all).then((list) => new Map(list.map((f) => [f.id, f]))),
      this.directory.organisationNames([...new Set(rows.map((r) => r.institutionId))]),
      this.directory.userNames([...new Set(rows.map((r) => r.leadMediatorId))]),
    ]);
    return rows.map((r) => {
      const cases = members.get(r.id)!.map((id) => facts.get(id)).filter((f): f is BatchMemberFacts => Boolean(f));
      return {
        id: r.id,
        label: r.label,
        institutionId: r.institutionId,
        institutionName: institutions.get(r.institutionId) ?? '',
        disputeType: r.disputeType,
        leadMediatorId: r.leadMediatorId,
        leadMediatorName: mediators.get(r.leadMediatorId) ?? '',
        createdAt: r.createdAt.toISOString(),
        cases: cases.length,
        concluded: cases.filter((c) => c.outcome).length,
        settled: cases.filter((c) => c.outcome === 'settled').length,
        ...(withMembers ? { members: cases.map(memberView) } : {}),
      };
    });
  }
}

function memberView(f: BatchMemberFacts): BatchMemberView {
  return {
    caseId: f.id,
    caseNumber: f.caseNumber,
    status: f.status,
    outcome: f.outcome,
    mediatorId: f.mediatorId,
    mediatorName: f.mediatorName,
    consumerNameMasked: f.consumerNameMasked,
    submittedAt: f.submittedAt?.toISOString() ?? null,
  };
}

function problemText(error: DomainError): string {
  if (error instanceof ValidationFailedError) return error.fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return error.message;
}
