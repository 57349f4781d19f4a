import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { eventually, TestWorld } from './support/test-world';

// Its own file: nestjs-pino keeps one logger per process, so the apps whose lines are read here
// must be the first of their Jest module registry.
describe('one request id from HTTP to the worker', () => {
  let world: TestWorld;
  let dir: string;
  const apiLog = () => path.join(dir, 'api.log');
  const workerLog = () => path.join(dir, 'worker.log');
  const lines = (file: string): Record<string, any>[] =>
    existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'accord-logs-'));
    world = await TestWorld.start({ LOG_LEVEL: 'info', LOG_FILE: apiLog() });
    await world.startWorker({ LOG_FILE: workerLog() }, { logs: true });
  });
  afterAll(async () => {
    await world.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an error names its request id, and the request log line carries the same', async () => {
    const s = await world.signIn('qd.intake');
    const id = `trace-error-${randomUUID()}`;
    const res = await world.http.get(`/api/v1/cases/${randomUUID()}`).set(s.auth).set('X-Request-Id', id);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'CASE_NOT_FOUND', requestId: id });
    expect(res.headers['x-request-id']).toBe(id);
    const line = await eventually(async () => lines(apiLog()).find((l) => l.req?.id === id));
    expect(line).toMatchObject({ msg: 'request completed', res: { statusCode: 404 }, req: { method: 'GET' } });
    expect(JSON.stringify(line)).not.toContain(s.accessToken);
    // Nor any line: no header of a request reaches the log.
    expect(readFileSync(apiLog(), 'utf8')).not.toContain(s.accessToken);
  });

  it('a filing is traced by one id: its request line, its audit row, its outbox event and the job it caused', async () => {
    const handler = await world.signIn('icbc.qd.handler');
    const id = `trace-filing-${randomUUID()}`;
    const filed = await world.http.post('/api/v1/cases').set(handler.auth).set('X-Request-Id', id).send({
      centerId: world.org('qd-center'),
      businessLine: 'credit_card',
      disputeType: 'fee_reduction',
      amountFen: 120000,
      facts: '年费争议',
      claims: '退还年费',
      consumer: { name: '李追踪', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678' },
      consentGiven: true,
    });
    expect(filed.status).toBe(201);
    await eventually(async () => lines(apiLog()).find((l) => l.req?.id === id && l.res?.statusCode === 201));

    const owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    try {
      const audit = await owner.query(`SELECT action FROM audit_events WHERE request_id = $1`, [id]);
      expect(audit.rows.map((r) => r.action)).toContain('case.filed');
      const outbox = await owner.query(`SELECT id, job_name FROM outbox WHERE request_id = $1 AND job_name IS NOT NULL`, [id]);
      expect(outbox.rows.length).toBeGreaterThan(0);
      const job = outbox.rows[0].job_name as string;
      // In one process nestjs-pino writes every app's lines through the first app's destination, so
      // here the worker's lines may land in the API's file; in production each has its own process.
      const all = () => [...lines(apiLog()), ...lines(workerLog())];
      const relayed = await eventually(async () => all().find((l) => l.msg === 'outbox event relayed' && l.outboxId === outbox.rows[0].id));
      expect(relayed).toMatchObject({ context: 'OutboxRelay', requestId: id });
      const done = await eventually(async () => all().find((l) => l.msg === 'job done' && l.jobId === `outbox-${outbox.rows[0].id}`));
      expect(done).toMatchObject({ context: 'JobRunner', job, requestId: id });
    } finally {
      await owner.end();
    }
  });
});
