import { Client } from 'pg';
import { DemoIds, seedDemo } from '@accord/demo';
import { createTestDatabase } from '@accord/testing';

/**
 * The database wall, with raw SQL as the application role: another tenant's context sees
 * none of the foreign rows and cannot write them; no context sees nothing at all.
 */
describe('row-level security as the application role', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ids: DemoIds;
  let app: Client;
  let owner: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    ids = (await seedDemo(db.ownerUrl, { history: false }))!;
    app = new Client({ connectionString: db.appUrl });
    owner = new Client({ connectionString: db.ownerUrl });
    await Promise.all([app.connect(), owner.connect()]);
    // Rows in every tenant table for both sides.
    await owner.query(`INSERT INTO audit_events (organisation_id, action) VALUES ($1, 'test.a'), ($2, 'test.b')`, [ids.organisations['icbc'], ids.organisations['cmb']]);
    await owner.query(`INSERT INTO api_keys (institution_id, name, prefix, key_hash) VALUES ($1, 'a', 'ak_a', '\\x01'), ($2, 'b', 'ak_b', '\\x02')`, [ids.organisations['icbc'], ids.organisations['cmb']]);
    await owner.query(
      `INSERT INTO notifications (organisation_id, user_id, kind, title, body) VALUES ($1, $2, 'k', 't', 'b'), ($3, $4, 'k', 't', 'b')`,
      [ids.organisations['icbc'], ids.users['icbc.admin'], ids.organisations['cmb'], ids.users['cmb.admin']],
    );
    await owner.query(
      `INSERT INTO auth_sessions (user_id, organisation_id, expires_at) VALUES ($1, $2, now() + interval '1 day'), ($3, $4, now() + interval '1 day')`,
      [ids.users['icbc.admin'], ids.organisations['icbc'], ids.users['cmb.admin'], ids.organisations['cmb']],
    );
    await owner.query(`INSERT INTO outbox (organisation_id, type) VALUES ($1, 'x'), ($2, 'y')`, [ids.organisations['icbc'], ids.organisations['cmb']]);
  });
  afterAll(async () => {
    await Promise.all([app.end(), owner.end()]);
    await db.drop();
  });

  async function as<T>(settings: Record<string, string>, work: () => Promise<T>): Promise<T> {
    await app.query('BEGIN');
    try {
      for (const [k, v] of Object.entries(settings)) await app.query('SELECT set_config($1, $2, true)', [k, v]);
      return await work();
    } finally {
      await app.query('ROLLBACK');
    }
  }
  const cmb = () => ({ 'app.kind': 'institution', 'app.org_id': ids.organisations['cmb'], 'app.user_id': ids.users['cmb.admin'] });
  const ownerColumn: Record<string, string> = {
    users: 'organisation_id',
    branches: 'institution_id',
    memberships: 'institution_id',
    api_keys: 'institution_id',
    audit_events: 'organisation_id',
    notifications: 'organisation_id',
    auth_sessions: 'organisation_id',
  };

  it('the application role is not a superuser, cannot bypass RLS and owns no table', async () => {
    const { rows } = await owner.query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'accord_app'`);
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await owner.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'accord_app'`);
    expect(owned.rows[0].n).toBe(0);
  });

  it('every table with an owner column has RLS enabled and forced', async () => {
    const { rows } = await owner.query(`
      SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND EXISTS (
        SELECT 1 FROM information_schema.columns col WHERE col.table_schema = 'public' AND col.table_name = c.relname
          AND col.column_name IN ('organisation_id', 'institution_id', 'center_id', 'regulator_id', 'user_id', 'session_id'))`);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const r of rows) expect({ table: r.relname, enabled: r.relrowsecurity, forced: r.relforcerowsecurity }).toEqual({ table: r.relname, enabled: true, forced: true });
  });

  it('with another tenant\'s context, zero foreign rows come back from any table', async () => {
    await as(cmb(), async () => {
      for (const [table, column] of Object.entries(ownerColumn)) {
        const { rows } = await app.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [ids.organisations['icbc']]);
        expect({ table, foreign: rows[0].n }).toEqual({ table, foreign: 0 });
        const own = await app.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [ids.organisations['cmb']]);
        expect({ table, own: own.rows[0].n > 0 }).toEqual({ table, own: true });
      }
      const orgs = await app.query(`SELECT name FROM organisations ORDER BY name`);
      expect(orgs.rows.map((r) => r.name).sort()).toEqual(['上海市金融消费纠纷调解中心', '招商银行'].sort());
    });
  });

  it('without any context nothing is visible (fails closed)', async () => {
    for (const table of [...Object.keys(ownerColumn), 'organisations', 'outbox', 'processed_jobs', 'regulator_jurisdictions']) {
      const { rows } = await app.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
    }
  });

  it('writes into another tenant fail', async () => {
    await as(cmb(), async () => {
      await expect(
        app.query(`INSERT INTO users (organisation_id, username, display_name, password_hash, roles) VALUES ($1, 'intruder', 'x', 'x', '{viewer}')`, [ids.organisations['icbc']]),
      ).rejects.toThrow(/row-level security/);
    });
    await as(cmb(), async () => {
      const updated = await app.query(`UPDATE users SET display_name = 'hacked' WHERE organisation_id = $1`, [ids.organisations['icbc']]);
      expect(updated.rowCount).toBe(0);
      const deleted = await app.query(`DELETE FROM api_keys WHERE institution_id = $1`, [ids.organisations['icbc']]);
      expect(deleted.rowCount).toBe(0);
    });
    await as(cmb(), async () => {
      await expect(app.query(`INSERT INTO audit_events (organisation_id, action) VALUES ($1, 'forged')`, [ids.organisations['icbc']])).rejects.toThrow(/row-level security/);
    });
    await as(cmb(), async () => {
      // Moving an own row into another tenant is refused by WITH CHECK.
      await expect(app.query(`UPDATE users SET organisation_id = $1 WHERE organisation_id = $2`, [ids.organisations['icbc'], ids.organisations['cmb']])).rejects.toThrow(/row-level security/);
    });
  });

  it('the audit trail is append-only for the application role', async () => {
    await as(cmb(), async () => {
      await expect(app.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/permission denied/);
    });
    await as(cmb(), async () => {
      await expect(app.query(`DELETE FROM audit_events`)).rejects.toThrow(/permission denied/);
    });
  });

  it('a pinned branch user sees only the branch subtree', async () => {
    const { rows } = await owner.query(`SELECT path FROM branches WHERE id = $1`, [ids.branches['icbc-qd-sn']]);
    await as({ 'app.kind': 'institution', 'app.org_id': ids.organisations['icbc'], 'app.branch_path': rows[0].path }, async () => {
      const visible = await app.query(`SELECT name FROM branches ORDER BY name`);
      expect(visible.rows.map((r) => r.name).sort()).toEqual(['中山路网点', '青岛市南支行', '香港中路网点'].sort());
      // And cannot add branches (only unpinned admins shape the tree).
      await expect(
        app.query(`INSERT INTO branches (institution_id, parent_id, level, name, code, path) VALUES ($1, $2, 'outlet', 'x', 'x', '/x/')`, [ids.organisations['icbc'], ids.branches['icbc-qd-sn']]),
      ).rejects.toThrow(/row-level security/);
    });
  });

  it('cases: a bank sees its own (a pinned user its subtree), a center no drafts, the platform nothing, a bank never an internal note', async () => {
    const icbc = ids.organisations['icbc'];
    const [{ id: caseId }] = (await owner.query(`SELECT id FROM cases WHERE institution_id = $1 AND branch_id = $2 LIMIT 1`, [icbc, ids.branches['icbc-qd-xgzl']])).rows;
    await owner.query(`UPDATE cases SET status = 'draft', case_number = NULL, submitted_at = NULL WHERE id = (SELECT id FROM cases WHERE institution_id = $1 AND status = 'submitted' LIMIT 1)`, [icbc]);
    await owner.query(
      `INSERT INTO case_events (case_id, center_id, institution_id, branch_path, kind, center_only, actor_name, body)
       SELECT id, center_id, institution_id, branch_path, 'internal_note', true, '王芳', '内部' FROM cases WHERE id = $1`,
      [caseId],
    );
    const count = async (sql: string, params: unknown[] = []) => (await app.query(sql, params)).rows[0].n as number;
    const all = (await owner.query(`SELECT count(*)::int AS n FROM cases WHERE institution_id = $1`, [icbc])).rows[0].n;
    await as(cmb(), async () => {
      expect(await count(`SELECT count(*)::int AS n FROM cases WHERE institution_id = $1`, [icbc])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM case_events WHERE institution_id = $1`, [icbc])).toBe(0);
      const moved = await app.query(`UPDATE cases SET status = 'withdrawn' WHERE institution_id = $1`, [icbc]);
      expect(moved.rowCount).toBe(0);
    });
    await as({ 'app.kind': 'institution', 'app.org_id': icbc }, async () => {
      expect(await count(`SELECT count(*)::int AS n FROM cases`)).toBe(all);
      expect(await count(`SELECT count(*)::int AS n FROM case_events WHERE center_only`)).toBe(0);
      await expect(
        app.query(`INSERT INTO case_events (case_id, center_id, institution_id, branch_path, kind, center_only, actor_name) SELECT id, center_id, institution_id, branch_path, 'internal_note', true, 'x' FROM cases WHERE id = $1`, [caseId]),
      ).rejects.toThrow(/row-level security|violates check/);
    });
    const { rows: xgzl } = await owner.query(`SELECT path FROM branches WHERE id = $1`, [ids.branches['icbc-qd-xgzl']]);
    await as({ 'app.kind': 'institution', 'app.org_id': icbc, 'app.branch_path': xgzl[0].path }, async () => {
      const seen = await app.query(`SELECT DISTINCT branch_id FROM cases`);
      expect(seen.rows.map((r) => r.branch_id)).toEqual([ids.branches['icbc-qd-xgzl']]);
    });
    await as({ 'app.kind': 'center', 'app.org_id': ids.organisations['qd-center'], 'app.center_ids': ids.organisations['qd-center'] }, async () => {
      expect(await count(`SELECT count(*)::int AS n FROM cases WHERE status = 'draft'`)).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM cases WHERE center_id <> $1`, [ids.organisations['qd-center']])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM case_events WHERE center_only`)).toBe(1);
    });
    await as({ 'app.kind': 'center', 'app.org_id': ids.organisations['sh-center'], 'app.center_ids': ids.organisations['sh-center'] }, async () => {
      expect(await count(`SELECT count(*)::int AS n FROM cases WHERE center_id = $1`, [ids.organisations['qd-center']])).toBe(0);
    });
    await as({ 'app.kind': 'regulator', 'app.org_id': ids.organisations['qd-regulator'], 'app.center_ids': ids.organisations['qd-center'] }, async () => {
      expect(await count(`SELECT count(*)::int AS n FROM cases WHERE center_id = $1`, [ids.organisations['qd-center']])).toBeGreaterThan(0);
      expect(await count(`SELECT count(*)::int AS n FROM case_events`)).toBe(0);
    });
    await as({ 'app.kind': 'platform', 'app.org_id': ids.organisations['platform'] }, async () => {
      expect(await count(`SELECT count(*)::int AS n FROM cases`)).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM case_events`)).toBe(0);
    });
    expect(await count(`SELECT count(*)::int AS n FROM cases`)).toBe(0);
  });

  it('a regulator sees the centers of its jurisdiction and their members only', async () => {
    await as({ 'app.kind': 'regulator', 'app.org_id': ids.organisations['qd-regulator'], 'app.center_ids': ids.organisations['qd-center'] }, async () => {
      const { rows } = await app.query(`SELECT name FROM organisations WHERE kind <> 'regulator' ORDER BY name`);
      expect(rows.map((r) => r.name).sort()).toEqual(['中国工商银行', '青岛市银行保险业纠纷调解中心', '青岛银行'].sort());
      const members = await app.query(`SELECT count(*)::int AS n FROM memberships WHERE center_id = $1`, [ids.organisations['sh-center']]);
      expect(members.rows[0].n).toBe(0);
    });
  });
});
