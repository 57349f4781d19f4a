import { Injectable } from '@nestjs/common';
import { CaseFacts } from '@accord/cases';
import { PeriodKind, ReferralHistoryRepository } from '../repositories/referral-history.repository';

export type { PeriodKind };

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
 * has referrals at, and every institution × business line. Institutions come from the roll-ups
 * (one query); the roll-ups hold no business line, so those series are counted from the cases
 * by CaseFacts (one grouped query), over the same periods and the same definition of a
 * referral (submitted, by its Asia/Shanghai submission day).
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
    const lines = await this.cases.referralSeriesByBusinessLine(kind, starts, end);
    return [...institutions.map((r) => ({ ...r, businessLine: null })), ...lines];
  }
}
