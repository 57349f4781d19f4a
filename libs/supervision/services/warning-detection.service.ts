import { Injectable, Logger } from '@nestjs/common';
import { rooms, WARNING_PERIOD_KINDS } from '@accord/contracts';
import { OutboxService } from '@accord/core';
import { DirectoryService } from '@accord/organisations';
import { ReferralHistoryService } from '@accord/statistics';
import { NewWarning, WarningRepository } from '../repositories/warning.repository';
import { judge, METHOD_TEXT, MIN_PRIOR_PERIODS } from './poisson';
import { periodEnd, shanghaiToday, window } from './periods';

/**
 * The early-warning job's work: for the latest complete week and month, every institution at
 * every center and every institution × business line against its own history (poisson.ts),
 * from the statistics roll-ups (ReferralHistoryService). A unit's history starts at its first
 * referral: a unit whose first referral came after the oldest of the 12 prior periods has too
 * little history and is not judged. New warnings (one per unit and period, however often this
 * runs) go out on the socket to the institution and the regulators watching the center.
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
          observed,
          expected: verdict.expected!,
          bound: verdict.bound!,
          priorPeriods: MIN_PRIOR_PERIODS,
          method: METHOD_TEXT,
        });
      }
    }
    const raised = await this.warnings.insertNew(found);
    if (raised.length) {
      const watching = await this.directory.regulatorsWatching(raised.map((w) => w.centerId));
      for (const w of raised) {
        await this.outbox.add({
          type: 'warning.raised',
          job: 'supervision.notify-warning',
          organisationId: w.institutionId,
          rooms: [rooms.organisation(w.institutionId), ...(watching.get(w.centerId) ?? []).map(rooms.organisation)],
          payload: { warningId: w.id, institutionId: w.institutionId, centerId: w.centerId, businessLine: w.businessLine || null, periodKind: w.periodKind, periodStart: w.periodStart },
        });
      }
    }
    this.logger.log({ msg: 'warnings checked', today, candidates: found.length, raised: raised.length });
    return raised.length;
  }
}
