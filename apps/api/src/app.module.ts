import { randomUUID } from 'node:crypto';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule, CalendarModule, ConfigModule, DatabaseModule, HealthController, RealtimeModule, RedisModule, environment, validateEnvironment } from '@accord/core';
import { CasesModule } from '@accord/cases';
import { SchedulingModule } from '@accord/scheduling';
import { SessionsModule } from '@accord/sessions';
import { NotificationsModule } from '@accord/notifications';
import { OrganisationsModule } from '@accord/organisations';
import { VideoModule } from '@accord/video';
import { OutcomesModule } from '@accord/outcomes';
import { StatisticsModule } from '@accord/statistics';
import { QueueBoardModule } from '@accord/core/queue-board';

/** The API: wires the libs together and holds no rules of its own. */
@Module({})
export class AppModule {
  static forRoot(overrides: Record<string, string> = {}): DynamicModule {
    const config = validateEnvironment({ ...environment(), ...overrides });
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(overrides),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            genReqId: (req: IncomingMessage & { id?: string }) => req.id ?? randomUUID(),
            redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        }),
        DatabaseModule,
        RedisModule,
        AuthModule,
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
      ],
      controllers: [HealthController],
    };
  }
}
