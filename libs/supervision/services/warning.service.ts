import { Injectable } from '@nestjs/common';
import { pinnedBranch, rooms, type WarningDetail, type WarningPage, type WarningView } from '@accord/contracts';
import { AuditService, ConflictError, Database, FieldError, ForbiddenError, NotFoundError, OutboxService, ValidationFailedError, hasRole } from '@accord/core';
import { CaseFacts } from '@accord/cases';
import { DirectoryService } from '@accord/organisations';
import { NoticeRepository, NoticeRow } from '../repositories/notice.repository';
import { WarningDetailRow, WarningEventRow, WarningFilter, WarningRepository, WarningRow } from '../repositories/warning.repository';
import { shanghaiToday } from './periods';

/**
 * Reading and acknowledging early warnings, and the supervisory notices (监管提示) on them. A
 * regulator sees those of the centers of its jurisdiction, an institution its own (its unpinned
 * users: a warning is about the whole institution or a business line, not a branch); nobody else
 * (403). Another tenant's warning answers 404 like an unknown id. A regulator's analyst or
 * supervisor sends a notice on an open warning (one awaiting its answer at a time); the
 * institution's admin answers it once. Every step goes on the timeline, into the audit log, out
 * on the socket (warning.updated) and, for a notice, to people's notifications (the job).
 */
@Injectable()
export class WarningService {
  constructor(
    private readonly db: Database,
    private readonly warnings: WarningRepository,
    private readonly notices: NoticeRepository,
    private readonly outbox: OutboxService,
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
    const unit = { centerId: row.centerId, institutionId: row.institutionId, businessLine: row.businessLine || null, from: row.periodStart, to: row.periodEnd };
    // A breach warning lists the month's concluded cases (the rate's denominator, breached ones among them): which case missed a clock is not kept per case.
    const [events, notices, cases] = [
      await this.warnings.events(id),
      await this.notices.ofWarning(id),
      row.metric === 'breaches' ? await this.cases.concludedOf(unit) : (await this.cases.referralsOf(unit)).map((c) => ({ ...c, concludedOn: null })),
    ];
    const names = await this.directory.organisationNames([row.centerId, row.institutionId]);
    return {
      ...detail(row, names, events, notices),
      cases: cases.map((c) => ({ id: c.id, caseNumber: c.caseNumber, status: c.status, consumerNameMasked: c.consumerNameMasked, submittedOn: c.submittedOn, concludedOn: c.concludedOn })),
    };
  }

  /**
   * The warnings of the centers whose period starts in [from, to), oldest period first, each with
   * its timeline and notices but not its cases (the monthly report): four reads, whatever their number.
   */
  async startingIn(from: string, to: string, centerIds: readonly string[]): Promise<Omit<WarningDetail, 'cases'>[]> {
    this.mayRead();
    const rows = await this.warnings.startingIn(from, to, centerIds);
    const ids = rows.map((r) => r.id);
    const [events, notices, names] = [
      await this.warnings.eventsOf(ids),
      await this.notices.ofWarnings(ids),
      await this.directory.organisationNames(rows.flatMap((r) => [r.centerId, r.institutionId])),
    ];
    return rows.map((r) =>
      detail(
        r,
        names,
        events.filter((e) => e.warningId === r.id),
        notices.filter((n) => n.warningId === r.id),
      ),
    );
  }

  /** A regulator's analyst or supervisor acknowledges an open warning with a comment (audited). */
  async acknowledge(id: string, comment: string): Promise<WarningDetail> {
    const s = this.db.scope;
    if (s.kind !== 'regulator' || !hasRole(s, 'regulator_analyst', 'regulator_supervisor')) {
      throw new ForbiddenError('Only a regulator acknowledges a warning', 'WARNINGS_FORBIDDEN');
    }
    const row = await this.warnings.one(id);
    if (!row) throw new NotFoundError('Warning');
    const name = (await this.directory.userNames([s.userId!])).get(s.userId!) ?? '';
    if (!(await this.warnings.acknowledge(id, { userId: s.userId!, organisationId: s.organisationId!, name }, comment.trim()))) {
      throw new ConflictError('WARNING_ALREADY_ACKNOWLEDGED', 'The warning has been acknowledged already');
    }
    await this.audit.record({ action: 'warning.acknowledged', subjectType: 'warning', subjectId: id, detail: { institutionId: row.institutionId, comment: comment.trim() } });
    await this.announce(row, 'acknowledged', null);
    return this.get(id);
  }

  /**
   * A regulator's analyst or supervisor of the warning's jurisdiction sends the institution a
   * notice: on an open warning (an acknowledged one is closed: 409), one awaiting its answer at a
   * time (409; the partial unique index holds it against a race too), an answer-by day not in the
   * past (Asia/Shanghai). The institution's admins are notified (the job).
   */
  async sendNotice(id: string, text: string, answerBy: string | null): Promise<WarningDetail> {
    const s = this.db.scope;
    if (s.kind !== 'regulator' || !hasRole(s, 'regulator_analyst', 'regulator_supervisor')) {
      throw new ForbiddenError('Only a regulator sends a supervisory notice', 'WARNING_NOTICE_FORBIDDEN');
    }
    const body = text.trim();
    const fields: FieldError[] = [];
    if (!body) fields.push(new FieldError('text', 'text must not be blank'));
    if (answerBy !== null && !isRealDay(answerBy)) fields.push(new FieldError('answerBy', 'answerBy must be a real date (YYYY-MM-DD)'));
    else if (answerBy !== null && answerBy < shanghaiToday()) fields.push(new FieldError('answerBy', 'answerBy must not be in the past'));
    if (fields.length) throw new ValidationFailedError(fields);
    const row = await this.warnings.one(id);
    if (!row) throw new NotFoundError('Warning');
    if (row.status !== 'open') throw new ConflictError('WARNING_ALREADY_ACKNOWLEDGED', 'The warning has been acknowledged: no notice on a closed warning');
    if (await this.notices.hasOpen(id)) throw new ConflictError('WARNING_NOTICE_OPEN', 'A notice on this warning still awaits its answer');
    let noticeId: string;
    try {
      const [regulatorName, sentByName] = [
        (await this.directory.organisationNames([s.organisationId!])).get(s.organisationId!) ?? '',
        (await this.directory.userNames([s.userId!])).get(s.userId!) ?? '',
      ];
      noticeId = await this.notices.send(row, { userId: s.userId!, organisationId: s.organisationId!, regulatorName, sentByName }, body, answerBy);
    } catch (error) {
      const e = error as { code?: string; constraint?: string };
      if (e.code === '23505' && e.constraint === 'uq_supervision_notices_one_open') throw new ConflictError('WARNING_NOTICE_OPEN', 'A notice on this warning still awaits its answer');
      throw error;
    }
    await this.audit.record({ action: 'warning.notice_sent', subjectType: 'warning', subjectId: id, detail: { noticeId, institutionId: row.institutionId, text: body, answerBy } });
    await this.announce(row, 'notice_sent', noticeId);
    return this.get(id);
  }

  /**
   * The institution's admin (not pinned to a branch) answers a notice on its warning, once (409
   * after). The regulator's user who sent it is notified (the job).
   */
  async answerNotice(id: string, noticeId: string, text: string): Promise<WarningDetail> {
    const s = this.db.scope;
    if (s.kind !== 'institution' || pinnedBranch(s.branchPath) !== null || !hasRole(s, 'institution_admin')) {
      throw new ForbiddenError('Only the institution’s admin answers a supervisory notice', 'WARNING_NOTICE_FORBIDDEN');
    }
    const body = text.trim();
    if (!body) throw new ValidationFailedError([new FieldError('text', 'text must not be blank')]);
    const row = await this.warnings.one(id);
    if (!row) throw new NotFoundError('Warning');
    const notice = await this.notices.one(noticeId);
    if (!notice || notice.warningId !== id) throw new NotFoundError('Notice');
    const name = notice.answeredAt ? '' : ((await this.directory.userNames([s.userId!])).get(s.userId!) ?? '');
    if (notice.answeredAt || !(await this.notices.answer(noticeId, { userId: s.userId!, organisationId: s.organisationId!, name }, body))) {
      throw new ConflictError('WARNING_NOTICE_ANSWERED', 'The notice has been answered already');
    }
    await this.audit.record({ action: 'warning.notice_answered', subjectType: 'warning', subjectId: id, detail: { noticeId, text: body } });
    await this.announce(row, 'notice_answered', noticeId, notice.regulatorId);
    return this.get(id);
  }

  /**
   * warning.updated to the institution and the regulators watching the center; a notice's step
   * also notifies people (the job). An institution does not read the regulators' jurisdictions
   * (RLS), so its answer goes to the regulator that sent the notice (`regulatorId`).
   */
  private async announce(w: WarningRow, change: 'acknowledged' | 'notice_sent' | 'notice_answered', noticeId: string | null, regulatorId?: string): Promise<void> {
    const watching = new Set((await this.directory.regulatorsWatching([w.centerId])).get(w.centerId) ?? []);
    if (regulatorId) watching.add(regulatorId);
    await this.outbox.add({
      type: 'warning.updated',
      ...(change === 'acknowledged' ? {} : { job: 'supervision.notify-warning' as const }),
      rooms: [rooms.organisation(w.institutionId), ...[...watching].map(rooms.organisation)],
      payload: { warningId: w.id, institutionId: w.institutionId, centerId: w.centerId, change, noticeId },
    });
  }
}

/** 'YYYY-MM-DD' naming a day that exists (not 2030-02-30). */
function isRealDay(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

/** A warning with its timeline and notices; neither side reads the other's people, so each step's actor is named as signed. */
function detail(row: WarningDetailRow, names: Map<string, string>, events: WarningEventRow[], notices: NoticeRow[]): Omit<WarningDetail, 'cases'> {
  const signed = new Map(notices.map((n) => [n.id, n]));
  const actorName = (e: WarningEventRow): string | null => {
    const n = e.noticeId ? signed.get(e.noticeId) : undefined;
    if (e.kind === 'acknowledged') return row.acknowledgedByName;
    if (e.kind === 'notice_sent') return n?.sentByName ?? null;
    if (e.kind === 'notice_answered') return n?.answeredByName ?? null;
    return null;
  };
  return {
    ...view(row, names),
    acknowledgedAt: row.acknowledgedAt ? new Date(row.acknowledgedAt).toISOString() : null,
    acknowledgedByName: row.acknowledgedByName,
    acknowledgeComment: row.acknowledgeComment,
    events: events.map((e) => ({ kind: e.kind, at: new Date(e.at).toISOString(), actorName: actorName(e), comment: e.comment, noticeId: e.noticeId })),
    notices: notices.map((n) => ({
      id: n.id,
      text: n.text,
      answerBy: n.answerBy,
      sentAt: new Date(n.sentAt).toISOString(),
      sentByName: n.sentByName,
      regulatorName: n.regulatorName,
      answer: n.answer,
      answeredAt: n.answeredAt ? new Date(n.answeredAt).toISOString() : null,
      answeredByName: n.answeredByName,
    })),
  };
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
    metric: r.metric,
    observed: r.observed,
    concluded: r.concluded,
    expected: Math.round(r.expected * 100) / 100,
    bound: r.bound,
    priorPeriods: r.priorPeriods,
    method: r.method,
    status: r.status,
    noticeState: r.noticeState,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}
