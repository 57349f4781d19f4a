import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import type { AppConfig } from '../config';

/**
 * JSON log lines (pino) for the API and the worker alike: one line per request with its id,
 * and the worker's lines (outbox relayed, job done or failed) carrying the id of the request that
 * caused them, so one filing is followed from HTTP to worker by one id. To stdout, or appended
 * to LOG_FILE.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    const options = {
      level: config.LOG_LEVEL,
      genReqId: (req: IncomingMessage & { id?: string }) => req.id ?? randomUUID(),
      autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)(\/|$)/.test(req.url ?? '') },
      serializers: {
        // A request is logged as its id, method and URL only: no header (a token, an API key, a
        // cookie) can reach a log line through it. (This replaced redaction paths under req.headers,
        // which pino applied to every request's child logger — a tenth of what GET /me allocated —
        // to headers the serializer had already dropped.)
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    };
    const destination = config.LOG_FILE ? pino.destination({ dest: config.LOG_FILE, mkdir: true, sync: false }) : undefined;
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: destination ? [options, destination] : options,
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
