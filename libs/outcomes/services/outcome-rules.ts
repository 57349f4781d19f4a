import { OUTCOME_ZH } from '@accord/contracts';
import type { OutcomeSummaryParams } from '@accord/contracts';
import { FieldError, ValidationFailedError } from '@accord/core';
import type { RecordOutcomeDto, TermsDto } from '../dto/outcome.dto';

/** A real calendar day (2026-02-30 is not one). */
function isCalendarDay(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The terms of a settlement, null for any other outcome. */
export const termsOf = (dto: RecordOutcomeDto): TermsDto | null => (dto.outcome === 'settled' ? (dto.terms as TermsDto) : null);

/** What the case records as settled: the refund and the fees waived. */
export const settledAmountOf = (terms: TermsDto | null): number => (terms ? terms.refundFen + terms.feeWaiverFen : 0);

/** The rules a DTO can't state alone: what each outcome needs, and nothing due in the past. */
export function checkOutcome(dto: RecordOutcomeDto, today: string): void {
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
export function detailColumns(dto: RecordOutcomeDto, terms: TermsDto | null): unknown[] {
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

/** The obligations as stored: trimmed, an amount or null. */
export const obligationsOf = (terms: TermsDto) =>
  terms.obligations.map((o) => ({ owedBy: o.owedBy, description: o.description.trim(), amountFen: o.amountFen ?? null, dueOn: o.dueOn }));

/** The outcome's timeline line as a message's parameters: each reader's language renders it. */
export function outcomeSummaryParams(dto: RecordOutcomeDto): OutcomeSummaryParams {
  return {
    outcome: dto.outcome,
    refundFen: dto.terms?.refundFen ?? 0,
    feeWaiverFen: dto.terms?.feeWaiverFen ?? 0,
    instalmentCount: dto.terms?.instalment?.count ?? null,
    instalmentTotalFen: dto.terms?.instalment?.totalFen ?? null,
    obligationCount: dto.terms?.obligations.length ?? 0,
    reason: dto.notSettledReason?.trim() || null,
    note: dto.note?.trim() || null,
  };
}

/** The line the case's timeline shows for the outcome (in Chinese: body, exports; see outcomeSummaryParams). */
export function outcomeSummary(dto: RecordOutcomeDto): string {
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
