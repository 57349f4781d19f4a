import { Injectable } from '@nestjs/common';
import { caseRooms, OUTCOME_ZH } from '@accord/contracts';
import type { CaseDetail, ObligationView, OutcomeView, OtherRoute, Outcome, TerminationReason } from '@accord/contracts';
import { Database, FieldError, hasRole, OutboxService, shanghaiDate, ValidationFailedError } from '@accord/core';
import { CaseService } from '@accord/cases';
import { SchedulingService } from '@accord/scheduling';
import { SessionConsoleService } from '@accord/sessions';
import type { RecordOutcomeDto, TermsDto } from '../dto/outcome.dto';
import { NotYourOutcome, ObligationsOpen, OutcomeKindFixed, OutcomeNotFound, TermsFixed } from '../outcomes.errors';


/** A real calendar day (2026-02-30 is not one). */
function isCalendarDay(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

interface OutcomeRow {
  caseId: string;
  outcome: Outcome;
  refundFen: string;
  feeWaiverFen: string;
  instalmentTotalFen: string | null;
  instalmentCount: number | null;
  instalmentFirstDueOn: string | null;
  freeTerms: string;
  notSettledReason: string | null;
  otherRoutes: OtherRoute[];
  terminationReason: TerminationReason | null;
  note: string | null;
  recordedByName: string;
  recordedAt: Date;
}

/**
 * The outcome of a mediation (DOMAIN.md "Outcome"): the mediator concludes the case as settled
 * (with its terms and obligations), not settled (with the reason and the routes the consumer is
 * told about), withdrawn or terminated. One transaction writes the details, moves the case and
 * keeps the outcome on it for the statistics; the follow-up survey goes out from the worker.
 */
@Injectable()
export class OutcomeService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseService,
    private readonly outbox: OutboxService,
    private readonly sessions: SessionConsoleService,
    private readonly scheduling: SchedulingService,
  ) {}

  async record(caseId: string, dto: RecordOutcomeDto): Promise<OutcomeView> {
    const row = await this.cases.actionable(caseId, 'record_outcome');
    this.check(dto, shanghaiDate(new Date()));
    const terms = dto.outcome === 'settled' ? (dto.terms as TermsDto) : null;
    const settledAmountFen = terms ? terms.refundFen + terms.feeWaiverFen : 0;
    // The case moves first: a concurrent second outcome loses here, before anything is written.
    await this.cases.conclude(row, dto.outcome, settledAmountFen, { body: this.summary(dto), detail: { outcome: dto.outcome, settledAmountFen } });
    await this.db.manager.query(
      `INSERT INTO case_outcomes (case_id, center_id, institution_id, branch_path, outcome, refund_fen, fee_waiver_fen, instalment_total_fen, instalment_count,
                                  instalment_first_due_on, free_terms, not_settled_reason, other_routes, termination_reason, note, recorded_by, recorded_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
               coalesce((SELECT display_name FROM users WHERE id = $16), 'system'))`,
      [row.id, row.centerId, row.institutionId, row.branchPath, dto.outcome, ...this.detailColumns(dto, terms), this.db.scope.userId],
    );
    if (terms) await this.writeObligations(row, terms);
    // A session still running ends with the outcome: its console and everyone's status show it.
    const running = (await this.db.manager.query(`SELECT id FROM mediation_sessions WHERE case_id = $1 AND status = 'in_progress'`, [row.id])) as { id: string }[];
    for (const s of running) await this.sessions.conclude(s.id, { summary: `调解结果：${OUTCOME_ZH[dto.outcome]}` });
    // Sessions still ahead (a next date booked at an adjournment) are cancelled with the outcome:
    // they free the mediator's and the room's time, their reminders go, and the parties are told.
    const ahead = (await this.db.manager.query(`SELECT id FROM mediation_sessions WHERE case_id = $1 AND status IN ('booked', 'waiting')`, [row.id])) as { id: string }[];
    for (const s of ahead) await this.scheduling.close(s.id, 'cancelled', `调解已有结果（${OUTCOME_ZH[dto.outcome]}），本次会议取消`);
    await this.outbox.add({
      type: 'case.outcome-recorded',
      rooms: caseRooms(row),
      payload: { caseId: row.id, outcome: dto.outcome },
      job: 'outcomes.send-follow-up',
    });
    if (terms?.obligations.length) {
      await this.outbox.add({ type: 'case.obligations-recorded', rooms: [], payload: { caseId: row.id }, job: 'outcomes.plan-reminders' });
    }
    return this.view(row.id);
  }

  /**
   * Corrects the recorded outcome's details (a typo in the terms found at review) while nobody has
   * signed a document of the case and nothing has been performed: the terms and obligations are
   * written anew, drafts made from the old ones are superseded (the signing link with them), the
   * amount on the case and the statistics follow. The outcome itself (settled…) stays.
   */
  async amend(caseId: string, dto: RecordOutcomeDto): Promise<OutcomeView> {
    const row = await this.cases.visible(caseId);
    const scope = this.db.scope;
    if (scope.kind !== 'center' || !(row.mediatorId === scope.userId || hasRole(scope, 'center_admin'))) throw NotYourOutcome();
    // The live documents locked first: a signature arriving now waits, then finds its draft superseded.
    await this.db.manager.query(`SELECT id FROM case_documents WHERE case_id = $1 AND status <> 'superseded' FOR UPDATE`, [row.id]);
    const [o] = (await this.db.manager.query(
      `SELECT outcome,
              EXISTS (SELECT 1 FROM case_documents d WHERE d.case_id = $1 AND d.status = 'signed') AS signed,
              EXISTS (SELECT 1 FROM document_signatures s JOIN case_documents d ON d.id = s.document_id WHERE d.case_id = $1 AND d.status <> 'superseded') AS "signing",
              EXISTS (SELECT 1 FROM case_obligations b WHERE b.case_id = $1 AND b.status = 'performed') AS performed
       FROM case_outcomes WHERE case_id = $1 FOR UPDATE`,
      [row.id],
    )) as { outcome: Outcome; signed: boolean; signing: boolean; performed: boolean }[];
    if (!o) throw OutcomeNotFound();
    if (row.status === 'closed') throw TermsFixed('the case is closed');
    if (o.signed || o.signing) throw TermsFixed('a document of the case has been signed');
    if (o.performed) throw TermsFixed('an obligation has been performed');
    if (dto.outcome !== o.outcome) throw OutcomeKindFixed(o.outcome);
    this.check(dto, shanghaiDate(new Date()));
    const terms = dto.outcome === 'settled' ? (dto.terms as TermsDto) : null;
    const settledAmountFen = terms ? terms.refundFen + terms.feeWaiverFen : 0;
    await this.db.manager.query(
      `UPDATE case_outcomes SET refund_fen = $2, fee_waiver_fen = $3, instalment_total_fen = $4, instalment_count = $5, instalment_first_due_on = $6,
              free_terms = $7, not_settled_reason = $8, other_routes = $9, termination_reason = $10, note = $11
       WHERE case_id = $1`,
      [row.id, ...this.detailColumns(dto, terms)],
    );
    await this.db.manager.query(`DELETE FROM case_obligations WHERE case_id = $1`, [row.id]);
    if (terms) await this.writeObligations(row, terms);
    const superseded = (await this.db.manager.query(
      `WITH u AS (UPDATE case_documents SET status = 'superseded' WHERE case_id = $1 AND status IN ('draft', 'signing') RETURNING id) SELECT id FROM u`,
      [row.id],
    )) as { id: string }[];
    await this.db.manager.query(`UPDATE consumer_links SET revoked_at = now() WHERE case_id = $1 AND purpose = 'signing' AND revoked_at IS NULL`, [row.id]);
    await this.cases.amendOutcome(row, settledAmountFen, {
      body: `修改调解结果：${this.summary(dto)}`,
      detail: { outcome: dto.outcome, settledAmountFen, amended: true, supersededDocuments: superseded.length },
    });
    // Reminders follow the new obligations (those of the old ones find nothing and do nothing).
    if (terms?.obligations.length) {
      await this.outbox.add({ type: 'case.obligations-recorded', rooms: [], payload: { caseId: row.id }, job: 'outcomes.plan-reminders' });
    }
    return this.view(row.id);
  }

  /**
   * Closes a concluded case (结案): nothing may still be owed. The center closes by hand (a
   * consumer who never answers the survey); `closeWhenDone` closes on its own once all is done.
   */
  async close(caseId: string, note?: string): Promise<CaseDetail> {
    const row = await this.cases.actionable(caseId, 'close');
    const [{ open }] = (await this.db.manager.query(`SELECT count(*)::int AS open FROM case_obligations WHERE case_id = $1 AND status <> 'performed'`, [row.id])) as { open: number }[];
    if (open > 0) throw ObligationsOpen(open);
    return this.cases.move(row, 'closed', { kind: 'transition', body: note?.trim() || '结案' });
  }

  /**
   * Closes the case when everything after the outcome is done: the follow-up answered, every
   * obligation performed and, for a settlement, the agreement signed. Runs as the system.
   */
  async closeWhenDone(caseId: string): Promise<void> {
    const [done] = (await this.db.manager.query(
      `SELECT 1 FROM cases c
       WHERE c.id = $1 AND c.status IN ('settled','not_settled','withdrawn','terminated')
         AND EXISTS (SELECT 1 FROM follow_up_surveys f WHERE f.case_id = c.id AND f.answered_at IS NOT NULL)
         AND NOT EXISTS (SELECT 1 FROM case_obligations o WHERE o.case_id = c.id AND o.status <> 'performed')
         AND (c.outcome <> 'settled' OR EXISTS (SELECT 1 FROM case_documents d WHERE d.case_id = c.id AND d.kind = 'agreement' AND d.status = 'signed'))`,
      [caseId],
    )) as unknown[];
    if (!done) return;
    const row = await this.cases.visible(caseId);
    await this.cases.move(row, 'closed', { kind: 'transition', body: '回访完成、协议履行完毕，自动结案' });
  }

  async get(caseId: string): Promise<OutcomeView> {
    const row = await this.cases.visible(caseId);
    return this.view(row.id);
  }

  /** The rules a DTO can't state alone: what each outcome needs, and nothing due in the past. */
  private check(dto: RecordOutcomeDto, today: string): void {
    const errors: FieldError[] = [];
    const absent = (field: keyof RecordOutcomeDto, why: string) => dto[field] !== undefined && errors.push(new FieldError(field, why));
    if (dto.outcome === 'settled') {
      const t = dto.terms;
      if (!t) errors.push(new FieldError('terms', 'a settlement needs its terms'));
      else {
        if (t.refundFen === 0 && t.feeWaiverFen === 0 && !t.instalment && t.obligations.length === 0 && !t.freeText?.trim()) {
          errors.push(new FieldError('terms', 'a settlement needs at least one term: an amount, an instalment plan, an obligation or written terms'));
        }
        const dated: [string, string][] = t.obligations.map((o, i) => [`terms.obligations.${i}.dueOn`, o.dueOn]);
        if (t.instalment) dated.push(['terms.instalment.firstDueOn', t.instalment.firstDueOn]);
        for (const [field, day] of dated) {
          if (!isCalendarDay(day)) errors.push(new FieldError(field, 'must be a real date'));
          else if (day < today) errors.push(new FieldError(field, `must not be in the past (today is ${today})`));
        }
      }
    } else absent('terms', 'only a settlement has terms');
    if (dto.outcome === 'not_settled') {
      if (!dto.notSettledReason?.trim()) errors.push(new FieldError('notSettledReason', 'say why the mediation did not settle'));
      if (!dto.otherRoutes?.length) errors.push(new FieldError('otherRoutes', 'name the other routes the consumer was told about'));
    } else {
      absent('notSettledReason', 'only for a case that did not settle');
      absent('otherRoutes', 'only for a case that did not settle');
    }
    if (dto.outcome === 'terminated') {
      if (!dto.terminationReason) errors.push(new FieldError('terminationReason', 'say why the mediation was terminated'));
    } else absent('terminationReason', 'only for a terminated mediation');
    if (dto.outcome === 'withdrawn' && !dto.note?.trim()) errors.push(new FieldError('note', 'say who withdrew and why'));
    if (errors.length) throw new ValidationFailedError(errors);
  }

  /** The outcome's detail columns, in case_outcomes' order from refund_fen to note. */
  private detailColumns(dto: RecordOutcomeDto, terms: TermsDto | null): unknown[] {
    return [
      terms?.refundFen ?? 0,
      terms?.feeWaiverFen ?? 0,
      terms?.instalment?.totalFen ?? null,
      terms?.instalment?.count ?? null,
      terms?.instalment?.firstDueOn ?? null,
      terms?.freeText?.trim() ?? '',
      dto.outcome === 'not_settled' ? dto.notSettledReason : null,
      dto.outcome === 'not_settled' ? (dto.otherRoutes ?? []) : [],
      dto.outcome === 'terminated' ? dto.terminationReason : null,
      dto.note?.trim() || null,
    ];
  }

  /** One statement for every obligation: no per-row round trips. */
  private async writeObligations(row: { id: string; centerId: string; institutionId: string; branchPath: string }, terms: TermsDto): Promise<void> {
    if (!terms.obligations.length) return;
    await this.db.manager.query(
      `INSERT INTO case_obligations (case_id, center_id, institution_id, branch_path, position, owed_by, description, amount_fen, due_on)
       SELECT $1, $2, $3, $4, o.position, o.owed_by, o.description, o.amount_fen, o.due_on
       FROM unnest($5::int[], $6::text[], $7::text[], $8::bigint[], $9::date[]) AS o(position, owed_by, description, amount_fen, due_on)`,
      [
        row.id,
        row.centerId,
        row.institutionId,
        row.branchPath,
        terms.obligations.map((_, i) => i + 1),
        terms.obligations.map((o) => o.owedBy),
        terms.obligations.map((o) => o.description.trim()),
        terms.obligations.map((o) => o.amountFen ?? null),
        terms.obligations.map((o) => o.dueOn),
      ],
    );
  }

  private summary(dto: RecordOutcomeDto): string {
    const parts = [OUTCOME_ZH[dto.outcome]];
    if (dto.terms) {
      if (dto.terms.refundFen) parts.push(`退款/赔偿 ${yuan(dto.terms.refundFen)}`);
      if (dto.terms.feeWaiverFen) parts.push(`减免息费 ${yuan(dto.terms.feeWaiverFen)}`);
      if (dto.terms.instalment) parts.push(`分 ${dto.terms.instalment.count} 期还款 ${yuan(dto.terms.instalment.totalFen)}`);
      if (dto.terms.obligations.length) parts.push(`履行事项 ${dto.terms.obligations.length} 项`);
    }
    if (dto.notSettledReason) parts.push(dto.notSettledReason.trim());
    if (dto.note?.trim()) parts.push(dto.note.trim());
    return parts.join('；');
  }

  private async view(caseId: string): Promise<OutcomeView> {
    const [o] = (await this.db.manager.query(
      `SELECT case_id AS "caseId", outcome, refund_fen AS "refundFen", fee_waiver_fen AS "feeWaiverFen", instalment_total_fen AS "instalmentTotalFen",
              instalment_count AS "instalmentCount", to_char(instalment_first_due_on, 'YYYY-MM-DD') AS "instalmentFirstDueOn", free_terms AS "freeTerms",
              not_settled_reason AS "notSettledReason", other_routes AS "otherRoutes", termination_reason AS "terminationReason", note,
              recorded_by_name AS "recordedByName", recorded_at AS "recordedAt"
       FROM case_outcomes WHERE case_id = $1`,
      [caseId],
    )) as OutcomeRow[];
    if (!o) throw OutcomeNotFound();
    const obligations = (await this.db.manager.query(
      `SELECT id, owed_by AS "owedBy", description, amount_fen::float8 AS "amountFen", to_char(due_on, 'YYYY-MM-DD') AS "dueOn", status,
              performed_at AS "performedAt", evidence_note AS "evidenceNote", evidence_attachment_id AS "evidenceAttachmentId",
              (SELECT a.file_name FROM case_attachments a WHERE a.id = evidence_attachment_id) AS "evidenceFileName"
       FROM case_obligations WHERE case_id = $1 ORDER BY position`,
      [caseId],
    )) as (Omit<ObligationView, 'performedAt'> & { performedAt: Date | null })[];
    const refundFen = Number(o.refundFen);
    const feeWaiverFen = Number(o.feeWaiverFen);
    const [fixed] = (await this.db.manager.query(
      `SELECT c.status = 'closed'
              OR EXISTS (SELECT 1 FROM document_signatures s JOIN case_documents d ON d.id = s.document_id WHERE d.case_id = c.id)
              OR EXISTS (SELECT 1 FROM case_obligations b WHERE b.case_id = c.id AND b.status = 'performed') AS fixed,
              c.mediator_id AS "mediatorId"
       FROM cases c WHERE c.id = $1`,
      [caseId],
    )) as { fixed: boolean; mediatorId: string | null }[];
    const scope = this.db.scope;
    const mayAmend = scope.kind === 'center' && (fixed.mediatorId === scope.userId || hasRole(scope, 'center_admin'));
    return {
      amendable: mayAmend && !fixed.fixed,
      caseId: o.caseId,
      outcome: o.outcome,
      recordedAt: o.recordedAt.toISOString(),
      recordedByName: o.recordedByName,
      settledAmountFen: refundFen + feeWaiverFen,
      terms:
        o.outcome === 'settled'
          ? {
              refundFen,
              feeWaiverFen,
              instalment: o.instalmentCount ? { totalFen: Number(o.instalmentTotalFen), count: o.instalmentCount, firstDueOn: o.instalmentFirstDueOn as string } : null,
              freeText: o.freeTerms,
            }
          : null,
      notSettledReason: o.notSettledReason,
      otherRoutes: o.otherRoutes,
      terminationReason: o.terminationReason,
      note: o.note,
      obligations: obligations.map((b) => ({ ...b, performedAt: b.performedAt?.toISOString() ?? null })),
    };
  }
}
