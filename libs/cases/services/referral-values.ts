import {
  addWorkingDays,
  CalendarYearMissingError,
  FieldError,
  isValidMobile,
  isValidResidentId,
  maskIdNumber,
  maskName,
  maskPhone,
  normaliseIdNumber,
  normalisePhone,
  PiiVault,
  shanghaiDate,
  ValidationFailedError,
} from '@accord/core';
import type { CaseFieldsDto } from '../dto/case.dto';
import { branchLevels } from '../repositories/case.repository';
import type { CaseValues } from '../repositories/filing.repository';

/** The fields a submission cannot do without (a draft may lack any of them). */
const REQUIRED_TO_SUBMIT: (keyof CaseValues)[] = ['businessLine', 'disputeType', 'consumerSealed', 'facts', 'claims'];

// The referral's rules as pure functions: what a filing or an edit writes, checked and sealed.

/** Validates what the edge can't (ID check digits, dates), seals the identity, derives the track. */
export function referralValues(
vault: PiiVault,
id: string,
dto: CaseFieldsDto,
ctx: { branchPath: string; smallClaimsMaxFen: string },
branchId: string,
partial = false,
): CaseValues {
  const errors: FieldError[] = [];
  const c = dto.consumer;
  if (c?.idType === 'resident_id' && !isValidResidentId(c.idNumber)) errors.push(new FieldError('consumer.idNumber', 'not a valid resident ID number'));
  if (c && !isValidMobile(c.phone) && !/^\+/.test(c.phone)) errors.push(new FieldError('consumer.phone', 'not a valid mobile number'));
  if (dto.complaintReceivedOn && dto.complaintReceivedOn > shanghaiDate(new Date())) {
    errors.push(new FieldError('complaintReceivedOn', 'cannot be in the future'));
  }
  if (errors.length) throw new ValidationFailedError(errors);
  const v: Partial<CaseValues> = { id, branchId, branchPath: ctx.branchPath, ...branchLevels(ctx.branchPath) };
  const set = <K extends keyof CaseValues>(k: K, value: CaseValues[K] | undefined, fallback: CaseValues[K]) => {
    if (value !== undefined) v[k] = value;
    else if (!partial) v[k] = fallback;
  };
  set('businessLine', dto.businessLine, null);
  set('disputeType', dto.disputeType, null);
  set('amountFen', dto.amountFen, 0);
  set('facts', dto.facts, '');
  set('claims', dto.claims, '');
  set('bankPosition', dto.bankPosition, '');
  set('priorComplaintRef', dto.priorComplaintRef, null);
  set('complaintReceivedOn', dto.complaintReceivedOn, null);
  set('preferredChannel', dto.preferredChannel, null);
  set('preferredTimes', dto.preferredTimes, null);
  set('consentNote', dto.consentNote, null);
  if (dto.consentGiven !== undefined || !partial) v.consentGiven = dto.consentGiven === true;
  if (dto.amountFen !== undefined || !partial) v.track = BigInt(dto.amountFen ?? 0) <= BigInt(ctx.smallClaimsMaxFen) ? 'small_claims' : 'normal';
  if (c) {
    v.consumerIdType = c.idType;
    v.consumerNeedsAssistance = c.needsAssistance ?? false;
    v.consumerSealed = vault.seal({ name: c.name.trim(), idNumber: normaliseIdNumber(c.idNumber), phone: normalisePhone(c.phone), email: c.email ?? null }, id);
    v.consumerNameMasked = maskName(c.name);
    v.consumerPhoneMasked = maskPhone(c.phone);
    v.consumerIdMasked = maskIdNumber(c.idNumber);
    v.consumerPhoneHash = vault.searchHash(normalisePhone(c.phone));
    v.consumerIdHash = vault.searchHash(normaliseIdNumber(c.idNumber));
  } else if (!partial) {
    Object.assign(v, {
      consumerIdType: null,
      consumerNeedsAssistance: false,
      consumerSealed: null,
      consumerNameMasked: '',
      consumerPhoneMasked: '',
      consumerIdMasked: '',
      consumerPhoneHash: null,
      consumerIdHash: null,
    });
  }
  return v as CaseValues;
}

/** A submission names the dispute, the consumer, the facts and claims, and has the consumer's consent. */
export function assertSubmittable(v: CaseValues, consent: boolean): void {
  const errors = REQUIRED_TO_SUBMIT.filter((k) => v[k] === null || v[k] === undefined || (typeof v[k] === 'string' && !(v[k] as string).trim())).map(
    (k) => new FieldError(k === 'consumerSealed' ? 'consumer' : k, 'required to submit'),
  );
  if (!consent) errors.push(new FieldError('consentGiven', 'the consumer must consent to mediation'));
  if (errors.length) throw new ValidationFailedError(errors);
}

/** The intake limit counts from today in the center's calendar; a missing year is shown, not guessed. */
export function intakeClock(
track: string,
ctx: { intakeDays: number; smallClaimsContactDays: number; years: number[]; days: [string, boolean][] },
today: string,
): { intakeDueOn: string | null; clockProblem: string | null } {
  const days = track === 'small_claims' ? ctx.smallClaimsContactDays : ctx.intakeDays;
  try {
    return { intakeDueOn: addWorkingDays(today, days, { coveredYears: new Set(ctx.years), exceptions: new Map(ctx.days) }), clockProblem: null };
  } catch (error) {
    if (error instanceof CalendarYearMissingError) return { intakeDueOn: null, clockProblem: error.code };
    throw error;
  }
}
