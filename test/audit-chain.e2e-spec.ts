import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DemoIds, seedDemo } from '@accord/demo';
import { createTestDatabase } from '@accord/testing';

/**
 * The audit trail as a reviewer would attack it: the application role cannot change or remove
 * an entry, the owner can but the hash chain then names the first broken link, and archiving
 * moves old rows without breaking the chain.
 */
describe('the audit trail is append-only and tamper-evident', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ids: DemoIds;
  let app: Client;
  let owner: Client;
  let icbc: string;
  let cmb: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    ids = (await seedDemo(db.ownerUrl, { history: false }))!;
    icbc = ids.organisations['icbc'];
    cmb = ids.organisations['cmb'];
    app = new Client({ connectionString: db.appUrl });
    owner = new Client({ connectionString: db.ownerUrl });
    await Promise.all([app.connect(), owner.connect()]);
  });
  afterAll(async () => {
    await Promise.all([app.end(), owner.end()]);
    await db.drop();
  });

  async function asIcbc<T>(work: () => Promise<T>): Promise<T> {
    await app.query('BEGIN');
    try {
      await app.query(`SELECT set_config('app.kind', 'institution', true), set_config('app.org_id', $1, true)`, [icbc]);
      const result = await work();
      await app.query('COMMIT');
      return result;
    } catch (error) {
      await app.query('ROLLBACK');
      throw error;
    }
  }
  /** `npm run audit:verify` against this suite's database: its exit code and what it printed. */
  async function verifyCommand(): Promise<{ code: number; out: string }> {
    try {
      const { stdout } = await promisify(execFile)('node', [path.join(__dirname, '../scripts/audit-verify.mjs')], {
        env: { ...process.env, DATABASE_URL: db.ownerUrl },
      });
      return { code: 0, out: stdout };
    } catch (error) {
      const e = error as { code: number; stderr: string };
      return { code: e.code, out: e.stderr };
    }
  }
  const verify = async () => (await owner.query<{ organisation_id: string | null; chain_seq: string; id: string | null; problem: string }>(`SELECT * FROM audit_verify()`)).rows;

  it('each insert is chained to its organisation’s previous entry, concurrent inserts included', async () => {
    const writers = Array.from({ length: 4 }, () => new Client({ connectionString: db.appUrl }));
    await Promise.all(writers.map((c) => c.connect()));
    await Promise.all(
      writers.map(async (c, i) => {
        for (let n = 0; n < 10; n++) {
          await c.query('BEGIN');
          await c.query(`SELECT set_config('app.kind', 'institution', true), set_config('app.org_id', $1, true)`, [i % 2 ? icbc : cmb]);
          await c.query(`INSERT INTO audit_events (organisation_id, action, detail) VALUES ($1, 'test.concurrent', $2)`, [i % 2 ? icbc : cmb, { n, i }]);
          await c.query('COMMIT');
        }
      }),
    );
    await Promise.all(writers.map((c) => c.end()));
    const { rows } = await owner.query<{ chain_seq: string; prev_hash: string; hash: string }>(
      `SELECT chain_seq, prev_hash, hash FROM audit_events WHERE organisation_id = $1 ORDER BY chain_seq`,
      [icbc],
    );
    expect(rows.length).toBeGreaterThanOrEqual(20);
    rows.forEach((r, i) => {
      expect(Number(r.chain_seq)).toBe(i + 1);
      expect(r.prev_hash).toBe(i ? rows[i - 1].hash : '');
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    });
    expect(await verify()).toEqual([]);
  });

  it('the application role cannot UPDATE or DELETE an entry (permission denied), nor archive a young one', async () => {
    await expect(asIcbc(() => app.query(`UPDATE audit_events SET action = 'x' WHERE organisation_id = $1`, [icbc]))).rejects.toThrow(/permission denied/);
    await expect(asIcbc(() => app.query(`DELETE FROM audit_events WHERE organisation_id = $1`, [icbc]))).rejects.toThrow(/permission denied/);
    await expect(asIcbc(() => app.query(`TRUNCATE audit_events`))).rejects.toThrow(/permission denied/);
    await expect(asIcbc(() => app.query(`SELECT audit_archive(now() - interval '1 day')`))).rejects.toThrow(/at least 180 days/);
    await expect(asIcbc(() => app.query(`SELECT * FROM audit_verify()`))).rejects.toThrow(/permission denied/);
  });

  it('archiving moves rows older than 180 days to the archive and the chain still verifies', async () => {
    // Entries dated 200 days ago, as if written then (the owner may, for the test's sake).
    await owner.query(`INSERT INTO audit_events (organisation_id, action, at) SELECT $1, 'test.old', now() - interval '200 days' FROM generate_series(1, 3)`, [cmb]);
    await owner.query(`INSERT INTO audit_events (organisation_id, action) VALUES ($1, 'test.after')`, [cmb]);
    const before = await owner.query(`SELECT count(*)::int AS n FROM audit_events WHERE organisation_id = $1`, [cmb]);
    const moved = await asIcbc(() => app.query<{ n: string }>(`SELECT audit_archive(now() - interval '190 days') AS n`));
    expect(Number(moved.rows[0].n)).toBe(3);
    const archived = await owner.query(`SELECT action FROM audit_events_archive`);
    expect(archived.rows.map((r) => r.action)).toEqual(['test.old', 'test.old', 'test.old']);
    const after = await owner.query(`SELECT count(*)::int AS n FROM audit_events WHERE organisation_id = $1`, [cmb]);
    expect(after.rows[0].n).toBe(before.rows[0].n - 3);
    expect(await verify()).toEqual([]);
    expect(await verifyCommand()).toEqual({ code: 0, out: expect.stringMatching(/^audit chain intact: \d+ chains, \d+ entries verified/) });
  });

  it('an entry edited by the database owner is named as the first broken link of its organisation, and only of it', async () => {
    const { rows } = await owner.query<{ id: string; chain_seq: string }>(
      `SELECT id, chain_seq FROM audit_events WHERE organisation_id = $1 ORDER BY chain_seq OFFSET 4 LIMIT 1`,
      [icbc],
    );
    await owner.query(`UPDATE audit_events SET detail = '{"n": 999}' WHERE id = $1`, [rows[0].id]);
    expect(await verify()).toEqual([{ organisation_id: icbc, chain_seq: rows[0].chain_seq, id: rows[0].id, problem: expect.stringMatching(/row altered/) }]);
    const command = await verifyCommand();
    expect(command.code).toBe(1);
    expect(command.out).toContain(`organisation ${icbc}: first broken link at chain_seq ${rows[0].chain_seq} (audit_events id ${rows[0].id}): row altered`);
  });

  it('a deleted entry, the newest or one in the middle, is found too', async () => {
    const cmbRows = await owner.query<{ id: string; chain_seq: string }>(`SELECT id, chain_seq FROM audit_events WHERE organisation_id = $1 ORDER BY chain_seq`, [cmb]);
    const newest = cmbRows.rows[cmbRows.rows.length - 1];
    await owner.query(`DELETE FROM audit_events WHERE id = $1`, [newest.id]);
    expect((await verify()).find((p) => p.organisation_id === cmb)).toMatchObject({ problem: expect.stringMatching(/newest rows missing/) });
    const middle = cmbRows.rows[2];
    await owner.query(`DELETE FROM audit_events WHERE id = $1`, [middle.id]);
    expect((await verify()).find((p) => p.organisation_id === cmb)).toMatchObject({ chain_seq: String(Number(middle.chain_seq) + 1), problem: expect.stringMatching(/rows missing before/) });
  });
});
