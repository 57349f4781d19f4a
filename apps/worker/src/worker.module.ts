import { DynamicModule, Module } from '@nestjs/common';
import { AuditArchiveSchedule, AuthCoreModule, DelayedJobsKeeper, CalendarModule, ConfigModule, DatabaseModule, environment, LoggingModule, validateEnvironment, RealtimePublisherModule, RedisModule, WorkerHeartbeat, WorkerQueueModule } from '@accord/core';
import { CasesModule, ErasureSchedule } from '@accord/cases';
import { SchedulingModule } from '@accord/scheduling';
import { OutcomesModule } from '@accord/outcomes';
import { StatisticsModule } from '@accord/statistics';
import { SupervisionModule, WarningSchedule } from '@accord/supervision';
import { NotificationsModule } from '@accord/notifications';
import { OrganisationsModule } from '@accord/organisations';
import { WebhooksModule } from '@accord/webhooks';
import { ConsentExpirySchedule, ConsentModule } from '@accord/consent';
import { QualityModule } from '@accord/quality';

/** The worker: outbox relay, job handlers; no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(overrides: Record<string, string> = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(overrides),
        LoggingModule.forRoot(validateEnvironment({ ...environment(), ...overrides })),
        DatabaseModule,
        RedisModule,
        AuthCoreModule,
        RealtimePublisherModule,
        CalendarModule,
        OrganisationsModule,
        NotificationsModule,
        CasesModule,
        SchedulingModule,
        OutcomesModule,
        StatisticsModule,
        SupervisionModule,
        WebhooksModule,
        ConsentModule,
        QualityModule,
        WorkerQueueModule,
      ],
      providers: [WorkerHeartbeat, DelayedJobsKeeper, WarningSchedule, AuditArchiveSchedule, ErasureSchedule, ConsentExpirySchedule],
    };
  }
}
