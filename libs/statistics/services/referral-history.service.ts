import { Injectable } from '@nestjs/common';
import { CaseFacts } from '@accord/cases';
import { BreachSeriesRow, PeriodKind, ReferralHistoryRepository } from '../repositories/referral-history.repository';

export type { PeriodKind };

/**
 * An institution's time-limit breaches at a center per month: of the cases it concluded in each
 * month (`concluded`), those that missed a time limit (`breached`), oldest first, and the first
 * month it concluded a case.
 */
export type BreachSeries = BreachSeriesRow;

/** A unit's referrals per period: an institution at a center, as a whole (businessLine null) or one business line. */
export interface ReferralSeries {
  centerId: string;
  institutionId: string;
  businessLine: string | null;
  /** The first Asia/Shanghai day (for months: the first month) the unit had a referral, before the window's end. */
  firstDay: string;
  /** Referrals submitted in each period of the window, oldest first (0 where none). */
  counts: number[];
}

/**
 * The referral history the early warnings judge (libs/supervision reads it only here): for one
 * period kind, consecutive periods starting at `starts`, every institution at every center it
 * has referrals at, and every institution × business line — the same definition of a referral
 * throughout (submitted, by its Asia/Shanghai submission day). Institutions and the business
 * lines' months come from the roll-ups; the roll-ups hold no business line per day, so the lines'
 * weeks are counted from the window's cases only (CaseFacts), with the first month from the
 * roll-up telling which units had referrals before the window.
 */
@Injectable()
export class ReferralHistoryService {
  constructor(
    private readonly history: ReferralHistoryRepository,
    private readonly cases: CaseFacts,
  ) {}

  async referralHistory(kind: PeriodKind, starts: readonly string[], end: string): Promise<ReferralSeries[]> {
    if (!starts.length) return [];
    const institutions = await this.history.institutionSeries(kind, starts, end);
    const lines = kind === 'month' ? await this.history.lineMonthSeries(starts, end) : await this.weeklyLines(starts, end);
    return [...institutions.map((r) => ({ ...r, businessLine: null })), ...lines];
  }

  /**
   * Every institution at every center with a concluded case: its breaches and concluded cases in
   * each month starting at `starts` (consecutive, oldest first; `end` the first day after the
   * last), from the month roll-ups only (the same 口径 as the console's breach rate).
   */
  async breachHistory(starts: readonly string[], end: string): Promise<BreachSeries[]> {
    return starts.length ? this.history.institutionBreachSeries(starts, end) : [];
  }

  /**
   * The cases are scanned from the first day of the oldest week's month, so a unit whose first
   * month (from the roll-up) is that month or later has its exact first day in the scan; one
   * whose first month is earlier had referrals before the window, and that month stands as its
   * first day (all the judging asks is whether it precedes the oldest week). A unit without a
   * referral in the scan has only zeros in the window and is left out: it can't warn.
   */
  private async weeklyLines(starts: readonly string[], end: string): Promise<ReferralSeries[]> {
    const scanFrom = `${starts[0].slice(0, 7)}-01`;
    const firstMonths = new Map((await this.history.firstLineMonths(end)).map((f) => [`${f.centerId}/${f.institutionId}/${f.businessLine}`, f.firstMonth]));
    const lines = await this.cases.weeklyReferralsByBusinessLine(starts, scanFrom, end);
    return lines.map((l) => {
      const firstMonth = firstMonths.get(`${l.centerId}/${l.institutionId}/${l.businessLine}`);
      return { ...l, firstDay: firstMonth !== undefined && firstMonth < scanFrom ? firstMonth : l.firstDay };
    });
  }
}
