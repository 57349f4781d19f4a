import { AppProcess, FaultCluster, report, sleep } from './support/cluster';
import { Recorder, total } from './support/recorder';
import { assign, createMediators, fileCase, referral } from './support/traffic';

/**
 * Scenario 5: a mixed load, open-loop at FAULTS_LOAD_RATE requests per second for
 * FAULTS_LOAD_SECONDS. CI runs 50 req/s for 60 s: the 2-core machine also runs the load generator,
 * PostgreSQL and the worker, and on a slow day it saturated at 97 req/s of this mix (a CI run at
 * 100 req/s failed on requests the generator had to skip); the issue's full run is
 * `FAULTS_LOAD_RATE=200 FAULTS_LOAD_SECONDS=600 npm run test:faults -- --testPathPatterns mixed-load`. Spread over two
 * API processes, with a worker. No 5xx; p99 per route reported; each process's RSS flat (≤ 10 %
 * growth from the end of warm-up — the first 20 % — to the end of the run), judged on runs of
 * 5 minutes or more.
 *
 * The mix, what a center and its banks do in a working hour, in shares of requests:
 *   25 % case lists (intake's queue, the bank's list), 20 % case pages, 10 % case timelines,
 *   10 % filings by a bank, 15 % comments, 5 % bookings, 15 % dashboards (statistics).
 */
const RATE = Number(process.env.FAULTS_LOAD_RATE ?? 50);
const SECONDS = Number(process.env.FAULTS_LOAD_SECONDS ?? 60);
const WARM_UP_SECONDS = Math.max(10, Math.round(SECONDS * 0.2));
/** Runs at least this long are failed on RSS growth over 10 % after warm-up. */
const RSS_JUDGED_FROM_SECONDS = 300;
/** More requests outstanding than this and the generator stops sending (counted, not hidden). */
const MAX_IN_FLIGHT = 400;

describe('load: mixed traffic over two API processes', () => {
  let cluster: FaultCluster;
  let apis: AppProcess[];
  let worker: AppProcess;

  beforeAll(async () => {
    cluster = await FaultCluster.start({ DATABASE_POOL_SIZE: '20', LOG_LEVEL: 'error' });
    apis = [await cluster.startApi('api-1'), await cluster.startApi('api-2')];
    worker = await cluster.startWorker();
  }, 120000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it(`${RATE} req/s for ${SECONDS} s: no 5xx, p99 per route, RSS flat`, async () => {
    const [handler, intake, admin] = [await cluster.signIn(apis[0], 'icbc.qd.handler'), await cluster.signIn(apis[0], 'qd.intake'), await cluster.signIn(apis[0], 'qd.admin')];
    // Twenty assigned cases, each with its own mediator, to book (15-minute sessions, a quarter
    // apart); case pages, timelines and comments go to the 200 most recently filed cases, so no
    // one case's timeline grows without end (the load stays the same from start to finish).
    const mediators = await createMediators(apis[0], admin, 'load.mediator', 20);
    const cases: string[] = [];
    for (let i = 0; i < 20; i++) {
      const id = await fileCase(cluster, apis[0], handler, i);
      await assign(apis[0], intake, id, mediators[i]);
      cases.push(id);
    }
    const recent = [...cases];
    const active = () => recent[recent.length - 1 - Math.floor(Math.random() * Math.min(200, recent.length))];
    const slots = cases.map(() => Math.ceil((Date.now() + 86400_000) / 900_000) * 900_000);
    const today = new Date().toISOString().slice(0, 10);
    const monthStart = `${today.slice(0, 8)}01`;
    let n = 100;
    const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];
    const mix: [number, string, (api: AppProcess) => Promise<{ status: number; headers: Record<string, string>; text?: string; body?: unknown }>][] = [
      [25, 'GET /cases', (api) => api.http().get('/api/v1/cases?pageSize=20').set(pick([intake, handler]).auth).timeout(30000)],
      [20, 'GET /cases/:id', (api) => api.http().get(`/api/v1/cases/${active()}`).set(pick([intake, handler]).auth).timeout(30000)],
      [10, 'GET /cases/:id/timeline', (api) => api.http().get(`/api/v1/cases/${active()}/timeline`).set(intake.auth).timeout(30000)],
      [
        10,
        'POST /cases',
        async (api) => {
          const res = await api.http().post('/api/v1/cases').set(handler.auth).send(referral(cluster, n++)).timeout(30000);
          if (res.status === 201) recent.push(res.body.id as string);
          return res;
        },
      ],
      [15, 'POST /cases/:id/comments', (api) => api.http().post(`/api/v1/cases/${active()}/comments`).set(pick([intake, handler]).auth).send({ body: `进展 ${n++}` }).timeout(30000)],
      [
        5,
        'POST /cases/:id/sessions',
        (api) => {
          const i = Math.floor(Math.random() * cases.length);
          const startsAt = new Date((slots[i] += 900_000)).toISOString();
          return api.http().post(`/api/v1/cases/${cases[i]}/sessions`).set(intake.auth).send({ channel: 'phone', startsAt, minutes: 15, outsideHoursReason: '压测' }).timeout(30000);
        },
      ],
      [15, 'GET /statistics/dashboard', (api) => api.http().get(`/api/v1/statistics/dashboard?from=${monthStart}&to=${today}`).set(intake.auth).timeout(30000)],
    ];
    const weights = mix.reduce((a, [w]) => a + w, 0);
    const choose = () => {
      let r = Math.random() * weights;
      for (const entry of mix) if ((r -= entry[0]) < 0) return entry;
      return mix[0];
    };

    const recorder = new Recorder();
    const processes = [...apis, worker];
    const rss: { at: number; values: number[] }[] = [];
    const sampler = setInterval(() => rss.push({ at: Date.now(), values: processes.map((p) => (p.alive ? p.rss() : 0)) }), 1000);
    // The APIs' JavaScript heap in use (prom-client's gauge): its low points are the live set after GC.
    const heap: { at: number; values: number[] }[] = [];
    const heapTotal: { at: number; values: number[] }[] = [];
    const heapSampler = setInterval(() => {
      void Promise.all(apis.map((a) => a.http().get('/metrics').timeout(5000).then((r) => r.text, () => ''))).then((texts) => {
        const gauge = (name: string) => texts.map((t) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(t)?.[1] ?? 0));
        heap.push({ at: Date.now(), values: gauge('nodejs_heap_size_used_bytes') });
        heapTotal.push({ at: Date.now(), values: [...gauge('nodejs_heap_size_total_bytes'), ...gauge('nodejs_external_memory_bytes')] });
      });
    }, 1000);
    let inFlight = 0;
    let skipped = 0;
    let sent = 0;
    const pending: Promise<unknown>[] = [];
    const started = Date.now();
    const end = started + SECONDS * 1000;
    while (Date.now() < end) {
      const due = Math.floor(((Date.now() - started) / 1000) * RATE);
      while (sent < due) {
        sent += 1;
        if (inFlight >= MAX_IN_FLIGHT) {
          skipped += 1;
          continue;
        }
        const [, route, call] = choose();
        inFlight += 1;
        pending.push(recorder.send(route, () => call(apis[sent % 2])).finally(() => (inFlight -= 1)));
      }
      await sleep(5);
    }
    await Promise.all(pending);
    clearInterval(sampler);
    clearInterval(heapSampler);

    const summary = recorder.summary();
    const warmEnd = started + WARM_UP_SECONDS * 1000;
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const window = (from: number, to: number, i: number) => median(rss.filter((s) => s.at >= from && s.at < to).map((s) => s.values[i]));
    process.stdout.write(`problems: ${JSON.stringify(recorder.problems())}\n`);
    const growth = processes.map((p, i) => {
      const after = window(warmEnd, warmEnd + 5000, i);
      const last = window(end - 5000, end + 1, i);
      return { name: p.name, afterWarmUpMb: Math.round(after / 1048576), endMb: Math.round(last / 1048576), growthPct: after ? Math.round(((last - after) / after) * 1000) / 10 : 0 };
    });
    const heapLow = (from: number, to: number, i: number) => Math.min(...heap.filter((s) => s.at >= from && s.at < to && s.values[i] > 0).map((s) => s.values[i]));
    const heapGrowth = apis.map((a, i) => ({ name: a.name, afterMb: Math.round(heapLow(warmEnd, warmEnd + 10000, i) / 1048576), endMb: Math.round(heapLow(end - 10000, end + 1, i) / 1048576) }));
    // RSS every 30 s (MB), to see where it levels off.
    const timeline = processes.map((p, k) => rss.filter((_, t) => t % 30 === 0).map((x) => Math.round(x.values[k] / 1048576)).join(' '));
    process.stdout.write(`RSS every 30 s: ${processes.map((p, k) => `${p.name}: ${timeline[k]}`).join('; ')}\n`);
    process.stdout.write(`heap total + external MB at end ${JSON.stringify(heapTotal[heapTotal.length - 1]?.values.map((v) => Math.round(v / 1048576)))}\n`);
    const achieved = Math.round(recorder.outcomes.length / SECONDS);

    report(`mixed load ${RATE} req/s for ${SECONDS} s over 2 API processes (warm-up ${WARM_UP_SECONDS} s)`, {
      ...Object.fromEntries(Object.entries(summary).map(([route, s]) => [route, { sent: s.sent, ok: s.ok, '4xx': s['4xx'], '5xx': s['503'] + s['5xx other'], 'no answer': s['no answer'], p99ms: s.p99ms }])),
      'whole run': { sent: total(summary, 'sent'), ok: total(summary, 'ok'), '5xx': total(summary, '503') + total(summary, '5xx other'), 'no answer': total(summary, 'no answer'), 'req/s achieved': achieved, 'skipped (over 400 in flight)': skipped },
      ...Object.fromEntries(growth.map((g) => [`RSS ${g.name}`, { 'after warm-up MB': g.afterWarmUpMb, 'end MB': g.endMb, 'growth %': g.growthPct }])),
      ...Object.fromEntries(heapGrowth.map((g) => [`heap low ${g.name}`, { 'after warm-up MB': g.afterMb, 'end MB': g.endMb }])),
      'problems (not 2xx)': recorder.problems(),
    });

    expect(total(summary, '503') + total(summary, '5xx other')).toBe(0);
    expect(total(summary, 'no answer')).toBe(0);
    expect(total(summary, '4xx')).toBe(0);
    expect(skipped).toBe(0);
    // RSS is judged on runs of 5 minutes or more: in a shorter one V8 is still growing its heap to
    // the load's size (the CI run of 60 s reports it; its growth is not a leak, see README).
    if (SECONDS >= RSS_JUDGED_FROM_SECONDS) for (const g of growth) expect(g.growthPct).toBeLessThanOrEqual(10);
  }, 30 * 60_000);
});
