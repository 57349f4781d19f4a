import { BANK_COMPLAINT_DAYS, OPEN_CASE_STATUSES } from '@accord/contracts';
import type { CaseAction, CaseClock, CaseDetail, CaseListItem, CaseStatus } from '@accord/contracts';
import { AccessScope, addDays, hasRole, shanghaiDate } from '@accord/core';
import type { CaseDetailRow, CaseRow } from '../repositories/case.repository';
import { seesWholeCenter } from '../repositories/case.repository';

const AFTER_INTAKE: CaseStatus[] = ['accepted', 'assigned', 'scheduled', 'in_session', 'adjourned', 'settled', 'not_settled', 'withdrawn', 'terminated', 'closed', 'rejected'];
const AFTER_FIRST_SESSION: CaseStatus[] = ['scheduled', 'in_session', 'adjourned', 'settled', 'not_settled', 'terminated', 'closed'];
const FINAL: CaseStatus[] = ['rejected', 'settled', 'not_settled', 'withdrawn', 'terminated', 'closed'];

/** ok / due_soon (the due day or the day before) / overdue / met, from a due date and today. */
export function clockState(dueOn: string | null, met: boolean, today: string, problem?: string | null): CaseClock {
  if (met) return { dueOn, state: 'met' };
  if (!dueOn) return problem ? { dueOn: null, state: 'unknown', problem } : { dueOn: null, state: 'unknown' };
  if (today > dueOn) return { dueOn, state: 'overdue' };
  return { dueOn, state: addDays(today, 1) >= dueOn ? 'due_soon' : 'ok' };
}

/**
 * The mediation clock runs from the first session until an outcome: a case concluded (or closed)
 * has met it; one never in session has none. A due day the calendar could not give shows why.
 */
function mediationClock(row: CaseRow, today: string): CaseClock {
  if (!row.mediationStartedOn) return { dueOn: null, state: 'unknown' };
  const concluded = FINAL.includes(row.status);
  return clockState(row.mediationDueOn, concluded, today, row.mediationDueOn ? null : row.clockProblem);
}

export function toListItem(row: CaseRow, today: string): CaseListItem {
  const submittedOn = row.submittedAt ? shanghaiDate(row.submittedAt) : today;
  const bankDue = row.complaintReceivedOn ? addDays(row.complaintReceivedOn, BANK_COMPLAINT_DAYS.standard) : null;
  return {
    id: row.id,
    caseNumber: row.caseNumber,
    status: row.status,
    track: row.track as CaseListItem['track'],
    source: row.source as CaseListItem['source'],
    centerId: row.centerId,
    centerName: row.centerName ?? '',
    institutionId: row.institutionId,
    institutionName: row.institutionName ?? '',
    branchId: row.branchId,
    branchName: row.branchName ?? '',
    businessLine: row.businessLine as CaseListItem['businessLine'],
    disputeType: row.disputeType as CaseListItem['disputeType'],
    amountFen: Number(row.amountFen),
    consumerName: row.consumerName,
    consumerPhone: row.consumerPhone,
    mediatorId: row.mediatorId,
    mediatorName: row.mediatorName,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    consentState: row.consentState as CaseListItem['consentState'],
    intakeClock:
      row.status === 'draft' ? { dueOn: null, state: 'unknown' } : clockState(row.intakeDueOn, AFTER_INTAKE.includes(row.status), today, row.clockProblem),
    firstSessionClock:
      row.status === 'rejected' || row.status === 'withdrawn'
        ? { dueOn: row.firstSessionDueOn, state: row.firstSessionDueOn ? 'met' : 'unknown' }
        : clockState(row.firstSessionDueOn, AFTER_FIRST_SESSION.includes(row.status), today),
    // The bank's own complaint clock: was the referral made within its 15 days?
    bankClock: clockState(bankDue, false, submittedOn < today ? submittedOn : today),
    mediationClock: mediationClock(row, today),
    mediationStartedOn: row.mediationStartedOn,
    mediationExtensionDays: row.mediationExtensionDays ?? 0,
    possibleRepeatOf: row.possibleRepeatOf,
  };
}

/** Who may reveal the consumer's full identity: those who must contact or serve them. */
export function mayRevealConsumer(scope: AccessScope, row: Pick<CaseRow, 'mediatorId'>): boolean {
  if (scope.kind === 'institution') return hasRole(scope, 'complaint_handler', 'branch_manager');
  if (scope.kind === 'center') return hasRole(scope, 'intake_officer', 'center_admin') || row.mediatorId === scope.userId;
  return false;
}

export function allowedActions(scope: AccessScope, row: Pick<CaseRow, 'status' | 'mediatorId'> & Partial<Pick<CaseRow, 'consentState'>>): CaseAction[] {
  const s = row.status;
  const actions: CaseAction[] = [];
  if (scope.kind === 'institution' && hasRole(scope, 'complaint_handler', 'branch_manager', 'institution_admin')) {
    // A draft waiting for the consumer's answer is frozen (they consent to what they read); one
    // they declined, or let expire, is closed for good: only discarding it remains.
    const consent = row.consentState ?? null;
    if (s === 'draft' && consent === null) actions.push('edit', 'submit', 'discard', 'attach', 'request_consent');
    else if (s === 'draft' && consent === 'awaiting') actions.push('cancel_consent_request', 'request_consent');
    else if (s === 'draft') actions.push('discard');
    if (s === 'returned') actions.push('edit', 'submit');
    if (['submitted', 'returned', 'accepted'].includes(s)) actions.push('withdraw');
    if (s !== 'draft') actions.push('comment', 'attach');
  }
  if (scope.kind === 'center') {
    const intake = hasRole(scope, 'intake_officer', 'center_admin');
    const assigned = row.mediatorId !== null && row.mediatorId === scope.userId;
    if (intake && s === 'submitted') actions.push('accept', 'reject', 'return');
    if (intake && s === 'returned') actions.push('reject');
    if (intake && s === 'accepted') actions.push('assign');
    if ((intake || assigned) && s === 'assigned') actions.push('recuse');
    if (intake && !FINAL.includes(s)) actions.push('change_track');
    if (intake && ['submitted', 'returned', 'accepted', 'assigned'].includes(s)) actions.push('withdraw');
    if (intake || assigned || seesWholeCenter(scope)) actions.push('comment', 'internal_note', 'attach');
    // The outcome is the mediator's call (or the center admin's, standing in for them). An assigned
    // case can only end terminated or withdrawn (outcomesFrom): a no-show, or the time limit.
    if ((assigned || hasRole(scope, 'center_admin')) && (OPEN_CASE_STATUSES as readonly string[]).includes(s)) actions.push('record_outcome');
    if ((intake || assigned) && ['settled', 'not_settled', 'withdrawn', 'terminated'].includes(s)) actions.push('close');
  }
  return actions;
}

export function toDetail(
  row: CaseDetailRow,
  today: string,
  scope: AccessScope,
  repeatCandidates: CaseDetail['repeatCandidates'],
): CaseDetail {
  return {
    ...toListItem(row, today),
    facts: row.facts,
    claims: row.claims,
    bankPosition: row.bankPosition,
    priorComplaintRef: row.priorComplaintRef,
    complaintReceivedOn: row.complaintReceivedOn,
    preferredChannel: row.preferredChannel as CaseDetail['preferredChannel'],
    preferredTimes: row.preferredTimes,
    consentAt: row.consentAt?.toISOString() ?? null,
    consentNote: row.consentNote,
    consentAttestedBy: row.consentAttestedBy,
    consentAttestedByName: row.consentAttestedByName ?? null,
    consumerChosenMediatorId: row.consumerChosenMediatorId,
    consumerIdType: row.consumerIdType as CaseDetail['consumerIdType'],
    consumerIdNumber: row.consumerIdMasked,
    consumerNeedsAssistance: row.consumerNeedsAssistance,
    rejectReason: row.rejectReason as CaseDetail['rejectReason'],
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    outcome: row.outcome as CaseDetail['outcome'],
    concludedAt: row.concludedAt?.toISOString() ?? null,
    assignedAt: row.assignedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
    repeatCandidates,
    allowedActions: allowedActions(scope, row),
    canRevealConsumer: row.consumerSealed !== null && mayRevealConsumer(scope, row),
  };
}
