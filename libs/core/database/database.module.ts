import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';
import { createDataSource } from './data-source';
import { APP_DATA_SOURCE, Database } from './database.service';

/**
 * The application's connection pool, as the RLS-bound application role. Only Database
 * hands out an EntityManager, and only inside a transaction carrying the caller's scope.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(entities: Function[]): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: APP_DATA_SOURCE,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig) =>
            createDataSource(config.APP_DATABASE_URL, entities, config.DATABASE_POOL_SIZE).initialize(),
        },
        Database,
      ],
      exports: [Database],
    };
  }
}
