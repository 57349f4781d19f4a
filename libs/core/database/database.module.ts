import { Global, Logger, Module } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG, AppConfig } from '../config';
import { APP_POOL, Database } from './database.service';

/**
 * The application's connection pool, as the RLS-bound application role. Only Database
 * hands out a query executor, and only inside a transaction carrying the caller's scope.
 */
@Global()
@Module({
  providers: [
    {
      provide: APP_POOL,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const pool = new Pool({
          connectionString: config.APP_DATABASE_URL,
          max: config.DATABASE_POOL_SIZE,
          connectionTimeoutMillis: 5000,
          application_name: 'accord',
          // Our statements are prepared per connection (PgExecutor); RLS makes every plan
          // expensive to build, and the generic plan is as good for these indexed look-ups.
          options: '-c plan_cache_mode=force_generic_plan',
        });
        // An idle connection that PostgreSQL ends (a restart, a terminated backend) emits an
        // error on the pool; unhandled, it would crash the process. The pool drops that client
        // and opens another on demand, so logging is all there is to do.
        const logger = new Logger('Database');
        pool.on('error', (error) => logger.warn(`idle connection lost: ${error.message}`));
        return pool;
      },
    },
    Database,
  ],
  exports: [Database],
})
export class DatabaseModule {}
