import { DataSourceOptions, MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './naming.strategy';
import { migrations } from './migrations';

export function dataSourceOptions(
  url: string,
  entities: MixedList<Function>,
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
