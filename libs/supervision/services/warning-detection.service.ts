import { Injectable, Logger } from '@nestjs/common';
import { rooms, WARNING_PERIOD_KINDS } from '@accord/contracts';
import { OutboxService } from '@accord/core';
import { DirectoryService } from '@accord/organisations';
import { ReferralHistoryService } from '@accord/statistics';
import { NewWarning, WarningRepository } from '../repositories/warning.repository';
import { BREACH_METHOD_TEXT, judgeBreaches } from './binomial';
import { judge, METHOD_TEXT, MIN_PRIOR_PERIODS } from './poisson';
import { periodEnd, shanghaiToday, window } from './periods';

/**
 * The early-warning job's work: for the latest complete week and month, every institution at
 * every center and every institution × business line against its own history (poisson.ts),
 * from the statistics roll-ups (ReferralHistoryService). A unit's history starts at its first
 * referral: a unit whose first referral came after the oldest of the 12 prior periods has too
 * little history and is not judged. Beside the referrals, every institution at every center has
 * its time-limit breaches of the latest complete month judged against its own prior breach rate
 * (binomial.ts; months only, a week concludes too few cases for a rate); its history starts at
 * its first concluded case, likewise. New warnings (one per unit, period and metric, however
 * often this runs) go out on the socket to the institution and the regulators watching the center.
 */
@Injectable()
export class WarningDetectionService {
  private readonly logger = new Logger('WarningDetection');

  constructor(
    private readonly history: ReferralHistoryService,
    private readonly warnings: WarningRepository,
    private readonly directory: DirectoryService,
    private readonly outbox: OutboxService,
  ) {}

  /** Returns the warnings raised now (none for periods already judged). */
  async detect(today = shanghaiToday()): Promise<number> {
    const found: NewWarning[] = [];
    for (const kind of WARNING_PERIOD_KINDS) {
      const { starts, end } = window(kind, today, MIN_PRIOR_PERIODS);
      const period = starts[starts.length - 1];
      for (const unit of await this.history.referralHistory(kind, starts, end)) {
        // The periods since the unit's first referral (a period before it is no history, not a zero).
        const since = starts.findLastIndex((s) => s <= unit.firstDay);
        const prior = unit.counts.slice(Math.max(since, 0), -1);
        const observed = unit.counts[unit.counts.length - 1];
        const verdict = judge(observed, prior);
        if (!verdict.fires) continue;
        found.push({
          centerId: unit.centerId,
          institutionId: unit.institutionId,
          businessLine: unit.businessLine ?? '',
          periodKind: kind,
          periodStart: period,
          periodEnd: periodEnd(kind, period),
          metric: 'referrals',
          observed,
          concluded: null,
          expected: verdict.expected!,
          bound: verdict.bound!,
          priorPeriods: MIN_PRIOR_PERIODS,
          method: METHOD_TEXT,
        });
      }
    }
    found.push(...(await this.breachCandidates(today)));
    const raised = await this.warnings.insertNew(found);
    if (raised.length) {
      const watching = await this.directory.regulatorsWatching(raised.map((w) => w.centerId));
      for (const w of raised) {
        await this.outbox.add({
          type: 'warning.raised',
          job: 'supervision.notify-warning',
          organisationId: w.institutionId,
          rooms: [rooms.organisation(w.institutionId), ...(watching.get(w.centerId) ?? []).map(rooms.organisation)],
          payload: {
            warningId: w.id,
            institutionId: w.institutionId,
            centerId: w.centerId,
            businessLine: w.businessLine || null,
            periodKind: w.periodKind,
            periodStart: w.periodStart,
            metric: w.metric,
          },
        });
      }
    }
    this.logger.log({ msg: 'warnings checked', today, candidates: found.length, raised: raised.length });
    return raised.length;
  }

  /** The latest complete month's rising breach rates: every institution at every center with enough concluded cases before. */
  private async breachCandidates(today: string): Promise<NewWarning[]> {
    const { starts, end } = window('month', today, MIN_PRIOR_PERIODS);
    const period = starts[starts.length - 1];
    const found: NewWarning[] = [];
    for (const unit of await this.history.breachHistory(starts, end)) {
      // The months since the unit's first concluded case (a month before it is no history, not a zero rate).
      const since = starts.findLastIndex((s) => s <= unit.firstMonth);
      const from = Math.max(since, 0);
      const prior = unit.breached.slice(from, -1).map((b, i) => ({ breached: b, concluded: unit.concluded[from + i] }));
      const breached = unit.breached[starts.length - 1];
      const concluded = unit.concluded[starts.length - 1];
      const verdict = judgeBreaches(breached, concluded, prior);
      if (!verdict.fires) continue;
      found.push({
        centerId: unit.centerId,
        institutionId: unit.institutionId,
        businessLine: '',
        periodKind: 'month',
        periodStart: period,
        periodEnd: periodEnd('month', period),
        metric: 'breaches',
        observed: breached,
        concluded,
        expected: verdict.expected!,
        bound: verdict.bound!,
        priorPeriods: MIN_PRIOR_PERIODS,
        method: BREACH_METHOD_TEXT,
      });
    }
    return found;
  }
}
