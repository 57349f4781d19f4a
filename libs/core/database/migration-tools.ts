import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';

/** Creates the database named in `url` when it does not exist yet (connecting to `postgres`). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Runs pending migrations (libs/schema's allMigrations) as the owner; returns the names applied. */
export async function runMigrations(url: string, entities: Function[], migrations: Function[]): Promise<string[]> {
  const ds = await new DataSource(dataSourceOptions(url, entities, migrations)).initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** The SQL TypeORM would still need to make the schema match the entities. */
export async function pendingSchemaDiff(url: string, entities: Function[]): Promise<{ up: string[]; down: string[] }> {
  const ds = await new DataSource(dataSourceOptions(url, entities)).initialize();
  try {
    const sql = await ds.driver.createSchemaBuilder().log();
    return {
      up: sql.upQueries.map((q) => q.query + (q.parameters?.length ? ` -- ${JSON.stringify(q.parameters)}` : '')),
      down: sql.downQueries.map((q) => q.query),
    };
  } finally {
    await ds.destroy();
  }
}
