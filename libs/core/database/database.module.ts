import { Global, Logger, Module } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG, AppConfig } from '../config';
import { RedisService } from '../redis';
import { APP_POOL, Database, READ_REPLICA } from './database.service';
import { ReadReplica, WrittenLsnStore } from './read-replica';

function appPool(url: string, config: AppConfig, applicationName: string): Pool {
  const pool = new Pool({
    connectionString: url,
    max: config.DATABASE_POOL_SIZE,
    connectionTimeoutMillis: 5000,
    application_name: applicationName,
    // Our statements are prepared per connection (PgExecutor); RLS makes every plan
    // expensive to build, and the generic plan is as good for these indexed look-ups.
    options: '-c plan_cache_mode=force_generic_plan',
  });
  // An idle connection that PostgreSQL ends (a restart, a terminated backend) emits an
  // error on the pool; unhandled, it would crash the process. The pool drops that client
  // and opens another on demand, so logging is all there is to do.
  const logger = new Logger('Database');
  pool.on('error', (error) => logger.warn(`idle connection lost (${applicationName}): ${error.message}`));
  return pool;
}

/** The callers' last write positions in Redis, so every API process knows them. */
function redisLsnStore(redis: RedisService): WrittenLsnStore {
  return {
    remember: async (key, lsn, ttlMs) => void (await redis.client.set(redis.key('own-write', key), lsn, 'PX', ttlMs)),
    recall: (key) => redis.client.get(redis.key('own-write', key)),
  };
}

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
      useFactory: (config: AppConfig) => appPool(config.APP_DATABASE_URL, config, 'accord'),
    },
    {
      // A streaming replica for the reads marked @ReplicaReads (DATABASE_READ_URL), or none.
      provide: READ_REPLICA,
      inject: [APP_CONFIG, APP_POOL, RedisService],
      useFactory: (config: AppConfig, primary: Pool, redis: RedisService) =>
        config.DATABASE_READ_URL
          ? new ReadReplica(appPool(config.DATABASE_READ_URL, config, 'accord-read'), primary, config.DATABASE_READ_MAX_LAG_SECONDS * 1000, redisLsnStore(redis))
          : null,
    },
    Database,
  ],
  exports: [Database],
})
export class DatabaseModule {}
