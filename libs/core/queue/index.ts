export * from './queue.names';
export * from './outbox.service';
export * from './outbox-event.entity';
export * from './processed-job.entity';
export * from './job-handler';
export * from './job-runner.service';
