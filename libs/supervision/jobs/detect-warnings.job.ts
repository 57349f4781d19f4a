import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, JobPayloads } from '@accord/core';
import { WarningDetectionService } from '../services/warning-detection.service';

/** The repeatable early-warning check (declared by WarningSchedule in the worker). */
@Injectable()
@HandlesJob('supervision.detect-warnings')
export class DetectWarningsJob implements JobHandler<'supervision.detect-warnings'> {
  constructor(private readonly detection: WarningDetectionService) {}

  async handle(payload: JobPayloads['supervision.detect-warnings']): Promise<void> {
    await this.detection.detect(payload.today);
  }
}
