import { Injectable } from '@nestjs/common';
import { pinnedBranch, type WarningDetail, type WarningPage, type WarningView } from '@accord/contracts';
import { AuditService, ConflictError, Database, ForbiddenError, NotFoundError, hasRole } from '@accord/core';
import { CaseFacts } from '@accord/cases';
import { DirectoryService } from '@accord/organisations';
import { WarningFilter, WarningRepository, WarningRow } from '../repositories/warning.repository';

/**
 * Reading and acknowledging early warnings. A regulator sees those of the centers of its
 * jurisdiction, an institution its own (its unpinned users: a warning is about the whole
 * institution or a business line, not a branch); nobody else (403). Another tenant's warning
 * answers 404 like an unknown id.
 */
@Injectable()
export class WarningService {
  constructor(
    private readonly db: Database,
    private readonly warnings: WarningRepository,
    private readonly directory: DirectoryService,
    private readonly cases: CaseFacts,
    private readonly audit: AuditService,
  ) {}

  private mayRead(): void {
    const s = this.db.scope;
    if (s.kind === 'regulator') return;
    if (s.kind === 'institution' && pinnedBranch(s.branchPath) === null) return;
    throw new ForbiddenError('Early warnings are for regulators and institutions', 'WARNINGS_FORBIDDEN');
  }

  async list(filter: WarningFilter, page: number, pageSize: number): Promise<WarningPage> {
    this.mayRead();
    const { rows, total } = await this.warnings.page(filter, pageSize, (page - 1) * pageSize);
    const names = await this.directory.organisationNames(rows.flatMap((r) => [r.centerId, r.institutionId]));
    return { items: rows.map((r) => view(r, names)), total, page, pageSize };
  }

  async get(id: string): Promise<WarningDetail> {
    this.mayRead();
    const row = await this.warnings.one(id);
    if (!row) throw new NotFoundError('Warning');
    const [names, events, cases] = [
      await this.directory.organisationNames([row.centerId, row.institutionId]),
      await this.warnings.events(id),
      await this.cases.referralsOf({ centerId: row.centerId, institutionId: row.institutionId, businessLine: row.businessLine || null, from: row.periodStart, to: row.periodEnd }),
    ];
    const people = await this.directory.userNames([...events.flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])), ...(row.acknowledgedByUserId ? [row.acknowledgedByUserId] : [])]);
    return {
      ...view(row, names),
      acknowledgedAt: row.acknowledgedAt ? new Date(row.acknowledgedAt).toISOString() : null,
      acknowledgedByName: (row.acknowledgedByUserId && people.get(row.acknowledgedByUserId)) ?? null,
      acknowledgeComment: row.acknowledgeComment,
      cases: cases.map((c) => ({ id: c.id, caseNumber: c.caseNumber, status: c.status, consumerNameMasked: c.consumerNameMasked, submittedOn: c.submittedOn })),
      events: events.map((e) => ({ kind: e.kind, at: new Date(e.at).toISOString(), actorName: (e.actorUserId && people.get(e.actorUserId)) ?? null, comment: e.comment })),
    };
  }

  /** A regulator's analyst or supervisor acknowledges an open warning with a comment (audited). */
  async acknowledge(id: string, comment: string): Promise<WarningDetail> {
    const s = this.db.scope;
    if (s.kind !== 'regulator' || !hasRole(s, 'regulator_analyst', 'regulator_supervisor')) {
      throw new ForbiddenError('Only a regulator acknowledges a warning', 'WARNINGS_FORBIDDEN');
    }
    const row = await this.warnings.one(id);
    if (!row) throw new NotFoundError('Warning');
    if (!(await this.warnings.acknowledge(id, { userId: s.userId!, organisationId: s.organisationId! }, comment.trim()))) {
      throw new ConflictError('WARNING_ALREADY_ACKNOWLEDGED', 'The warning has been acknowledged already');
    }
    await this.audit.record({ action: 'warning.acknowledged', subjectType: 'warning', subjectId: id, detail: { institutionId: row.institutionId, comment: comment.trim() } });
    return this.get(id);
  }
}

function view(r: WarningRow, names: Map<string, string>): WarningView {
  return {
    id: r.id,
    centerId: r.centerId,
    centerName: names.get(r.centerId) ?? null,
    institutionId: r.institutionId,
    institutionName: names.get(r.institutionId) ?? null,
    businessLine: r.businessLine || null,
    periodKind: r.periodKind,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    observed: r.observed,
    expected: Math.round(r.expected * 100) / 100,
    bound: r.bound,
    priorPeriods: r.priorPeriods,
    method: r.method,
    status: r.status,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}
