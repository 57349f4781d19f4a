import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobRegistry } from './job-registry.service';
import { JobRunner } from './job-runner.service';
import { JobWorker } from './job-worker.service';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';
import { ProcessedJobRepository } from './processed-job.repository';

/** The worker's side of the event backbone: relay, job registry and consumer. */
@Module({
  imports: [DiscoveryModule],
  providers: [JobRegistry, JobRunner, JobWorker, OutboxRelay, OutboxRepository, ProcessedJobRepository],
  exports: [OutboxRelay, JobRunner, JobRegistry],
})
export class WorkerQueueModule {}
