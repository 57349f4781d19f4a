import { DataSourceOptions, MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './naming.strategy';

/**
 * TypeORM's options for the owner's connection. The entities and the migration history come from
 * libs/schema (allEntities, allMigrations): every lib contributes its own, and core cannot import
 * the libs above it.
 */
export function dataSourceOptions(
  url: string,
  entities: MixedList<Function>,
  migrations: MixedList<Function> = [],
  extra: Partial<DataSourceOptions> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    ...extra,
  } as DataSourceOptions;
}
