import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * One migrated template per test run, named after the run's process id, so two runs on one
 * machine (a developer's and CI's) never drop each other's databases.
 */
export function testRunId(): string {
  return process.env.ACCORD_TEST_RUN ?? String(process.pid);
}
export const templateName = (run = testRunId()) => `accord_tpl_${run}`;

export function ownerUrl(database = 'postgres'): string {
  const url = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/accord');
  url.pathname = `/${database}`;
  return url.toString();
}

export function appUrl(database: string): string {
  const url = new URL(ownerUrl(database));
  url.username = 'accord_app';
  url.password = 'accord_app';
  return url.toString();
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ownerUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template: suites never share data. */
export async function createTestDatabase(): Promise<{ name: string; ownerUrl: string; appUrl: string; drop: () => Promise<void> }> {
  const name = `accord_t_${testRunId()}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${templateName()}`);
        return;
      } catch (error) {
        // Two suites cloning at the same instant: "source database is being accessed".
        if (attempt > 20 || (error as { code?: string }).code !== '55006') throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  return {
    name,
    ownerUrl: ownerUrl(name),
    appUrl: appUrl(name),
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Drops databases left by earlier runs whose process is gone. */
export async function dropStaleTestDatabases(): Promise<void> {
  await withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname ~ '^accord_(t|tpl)_[0-9]+'`);
    for (const { datname } of rows) {
      const pid = Number(/^accord_(?:t|tpl)_(\d+)/.exec(datname)![1]);
      let alive = true;
      try {
        process.kill(pid, 0);
      } catch {
        alive = false;
      }
      if (!alive) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
    }
  });
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export async function recreateDatabase(name: string): Promise<void> {
  await withAdmin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
}
