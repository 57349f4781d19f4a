import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule, CalendarModule, ConfigModule, DatabaseModule, HealthModule, LoggingModule, MetricsModule, RateLimitModule, RealtimeModule, RedisModule, environment, validateEnvironment } from '@accord/core';
import { CasesModule } from '@accord/cases';
import { SchedulingModule } from '@accord/scheduling';
import { SessionsModule } from '@accord/sessions';
import { NotificationsModule } from '@accord/notifications';
import { OrganisationsModule } from '@accord/organisations';
import { VideoModule } from '@accord/video';
import { OutcomesModule } from '@accord/outcomes';
import { StatisticsModule } from '@accord/statistics';
import { SupervisionModule } from '@accord/supervision';
import { WebhooksModule } from '@accord/webhooks';
import { ConsentModule } from '@accord/consent';
import { QualityModule } from '@accord/quality';
import { BatchesModule } from '@accord/batches';
import { QueueBoardModule } from '@accord/core/queue-board';
import { allMigrations } from '@accord/schema';

/** The API: wires the libs together and holds no rules of its own. */
@Module({})
export class AppModule {
  static forRoot(overrides: Record<string, string> = {}): DynamicModule {
    const config = validateEnvironment({ ...environment(), ...overrides });
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(overrides),
        LoggingModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        AuthModule,
        // After AuthModule: its guard counts the API key the authentication guard found.
        RateLimitModule,
        QueueBoardModule,
        RealtimeModule,
        CalendarModule,
        OrganisationsModule,
        NotificationsModule,
        CasesModule,
        SchedulingModule,
        SessionsModule,
        VideoModule,
        OutcomesModule,
        StatisticsModule,
        SupervisionModule,
        WebhooksModule,
        ConsentModule,
        QualityModule,
        BatchesModule,
        HealthModule.forRoot(allMigrations),
        MetricsModule,
      ],
    };
  }
}
