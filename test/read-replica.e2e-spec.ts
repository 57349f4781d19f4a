import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { Database } from '@accord/core';
import { runMigrations } from '@accord/core/database/migration-tools';
import { allEntities, allMigrations } from '@accord/schema';
import type { StatisticsDashboard } from '@accord/contracts';
import request from 'supertest';
import { eventually, SignedIn, TestWorld } from './support/test-world';
import { PrivatePostgres } from './support/private-services';

/**
 * A real streaming replica (pg_basebackup -R from a private primary, a hot standby on its own
 * port) behind DATABASE_READ_URL. Statistics and exports read there; paused with
 * pg_wal_replay_pause() it serves what it has only within DATABASE_READ_MAX_LAG_SECONDS, and never
 * without the caller's own writes.
 */
describe('read replica: statistics and exports read from a streaming standby', () => {
  let primary: PrivatePostgres;
  let standby: PrivatePostgres;
  let world: TestWorld;
  let owner: Client;
  let replicaAdmin: Client;
  /** The same process settings but a lag bound of 1 s. */
  let strict: ReturnType<typeof request>;
  let strictDb: Database;
  const users: Record<string, SignedIn> = {};

  const caughtUp = async () => {
    const { rows } = await owner.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    await eventually(async () => (await replicaAdmin.query(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`, [rows[0].lsn])).rows[0].ok, 15000);
  };
  const year = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const dashboardPath = `/api/v1/statistics/dashboard?from=${year.slice(0, 4)}-01-01&to=${year}`;
  const icbcName = async (http: ReturnType<typeof request>, who: SignedIn) => {
    const res = await http.get(dashboardPath).set(who.auth);
    expect(res.status).toBe(200);
    return (res.body as StatisticsDashboard).rows.find((r) => r.id === world.org('icbc'))?.name;
  };
  const exportedAmounts = async (who: SignedIn) => {
    const res = await world.http
      .get('/api/v1/cases.xlsx?view=all')
      .set(who.auth)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0].eachRow((row) => cells.push((row.values as unknown[]).map(String).join('|')));
    return cells.join('\n');
  };
  const served = () => ({ ...world.api.get(Database).replica!.served });

  beforeAll(async () => {
    primary = await PrivatePostgres.start();
    await runMigrations(primary.url('postgres'), allEntities, allMigrations);
    standby = await primary.standby();
    owner = new Client({ connectionString: primary.url('postgres') });
    replicaAdmin = new Client({ connectionString: standby.url('postgres') });
    await Promise.all([owner.connect(), replicaAdmin.connect()]);
    replicaAdmin.on('error', () => undefined);
    world = await TestWorld.start(
      // A bound no test outlasts: whatever this process reads from the paused replica is stale.
      { DATABASE_READ_URL: standby.url('postgres', 'accord_app'), DATABASE_READ_MAX_LAG_SECONDS: '3600' },
      { database: { ownerUrl: primary.url('postgres'), appUrl: primary.url('postgres', 'accord_app'), drop: async () => undefined } },
    );
    const strictApi = await world.startApiWith({ DATABASE_READ_MAX_LAG_SECONDS: '1' });
    strict = request(await strictApi.getUrl());
    strictDb = strictApi.get(Database);
    for (const u of ['qd.admin', 'icbc.qd.handler']) users[u] = await world.signIn(u);
    users.other = await world.signIn('icbc.qd.handler');
    await caughtUp();
  }, 120000);
  afterAll(async () => {
    await replicaAdmin?.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
    await world?.stop();
    await owner?.end();
    await replicaAdmin?.end();
    await standby?.destroy();
    await primary?.destroy();
  });

  it('the standby is a replica, and statistics are read there under the caller’s RLS settings', async () => {
    expect((await replicaAdmin.query('SELECT pg_is_in_recovery() AS r')).rows[0].r).toBe(true);
    const before = served();
    expect(await icbcName(world.http, users['qd.admin'])).toBe('中国工商银行');
    expect(served().replica).toBeGreaterThan(before.replica);
    // The replica's own view of who asked: the app role, from the replica pool.
    const { rows } = await replicaAdmin.query(`SELECT usename, application_name FROM pg_stat_activity WHERE application_name = 'accord-read'`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.usename === 'accord_app')).toBe(true);
    // RLS holds on the replica as on the primary: without the settings the app role sees no case.
    const app = new Client({ connectionString: standby.url('postgres', 'accord_app') });
    await app.connect();
    try {
      expect((await app.query('SELECT count(*)::int AS n FROM cases')).rows[0].n).toBe(0);
      expect((await owner.query('SELECT count(*)::int AS n FROM cases')).rows[0].n).toBeGreaterThan(0);
    } finally {
      await app.end();
    }
  });

  it('a paused replica answers within the lag bound only, and never without the caller’s own writes', async () => {
    await replicaAdmin.query('SELECT pg_wal_replay_pause()');
    await eventually(async () => (await replicaAdmin.query(`SELECT pg_get_wal_replay_pause_state() = 'paused' AS p`)).rows[0].p);
    // A change on the primary the replica does not have.
    await owner.query(`UPDATE organisations SET name = '中国工商银行（更名）' WHERE id = $1`, [world.org('icbc')]);

    // Within a bound of an hour the replica answers, with the old name: proof it was the replica.
    const before = served();
    expect(await icbcName(world.http, users['qd.admin'])).toBe('中国工商银行');
    expect(served().replica).toBe(before.replica + 1);

    // Past a bound of 1 s the replica is behind the floor: the primary answers, with the new name.
    await new Promise((r) => setTimeout(r, 1600));
    const strictBefore = { ...strictDb.replica!.served };
    expect(await icbcName(strict, users['qd.admin'])).toBe('中国工商银行（更名）');
    expect(strictDb.replica!.served.lagging).toBe(strictBefore.lagging + 1);
    expect(strictDb.replica!.served.replica).toBe(strictBefore.replica);

    // Read-your-writes, even under the hour's bound: the handler files a case, and its export has it…
    const filed = await world.http
      .post('/api/v1/cases')
      .set(users['icbc.qd.handler'].auth)
      .send({
        centerId: world.org('qd-center'),
        businessLine: 'credit_card',
        disputeType: 'fee_reduction',
        amountFen: 7654321,
        facts: '信用卡分期手续费争议',
        claims: '减免违约金',
        complaintReceivedOn: '2026-11-02',
        preferredChannel: 'phone',
        consumer: { name: '张小三', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812349999' },
        consentGiven: true,
      })
      .expect(201);
    const number = (filed.body as { caseNumber: string }).caseNumber;
    expect(number).toBeTruthy();
    expect(await exportedAmounts(users['icbc.qd.handler'])).toContain(number);
    // …while another sign-in, which wrote nothing since, may be served the replica's older list.
    const otherBefore = served();
    expect(await exportedAmounts(users.other)).not.toContain(number);
    expect(served().replica).toBeGreaterThan(otherBefore.replica);

    // Replay resumed: the replica catches up and answers the new name too.
    await replicaAdmin.query('SELECT pg_wal_replay_resume()');
    await caughtUp();
    const after = served();
    expect(await icbcName(world.http, users['qd.admin'])).toBe('中国工商银行（更名）');
    expect(served().replica).toBe(after.replica + 1);
    expect(await exportedAmounts(users.other)).toContain(number);
  }, 60000);

  it('a replica that cannot be reached: the primary answers', async () => {
    await standby.stop();
    try {
      const before = served();
      expect(await icbcName(world.http, users['qd.admin'])).toBe('中国工商银行（更名）');
      expect(served().unavailable).toBe(before.unavailable + 1);
    } finally {
      await standby.resume();
    }
  }, 30000);
});
