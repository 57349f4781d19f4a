import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, JobPayloads } from '@accord/core';
import { QualityService } from '../services/quality.service';

/** A case reached its outcome: its center's rule decides whether it enters the review queue (once: the queue holds a case at most once). */
@Injectable()
@HandlesJob('quality.consider-case')
export class ConsiderCaseJob implements JobHandler<'quality.consider-case'> {
  constructor(private readonly quality: QualityService) {}

  async handle(payload: JobPayloads['quality.consider-case']): Promise<void> {
    await this.quality.considerCases([payload.caseId]);
  }
}
