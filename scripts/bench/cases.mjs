// Issue 3's measurements for `npm run bench`:
//  1. filing a referral through the API against pgbench inserting single rows into a copy of
//     the `cases` table, in the same run;
//  2. the intake queue and the case lists with 200,000 cases in the QD center;
// and, for both, what one request costs the database (statements, round trips, plans).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadCases } from './cases-load.mjs';
import { load, perRequest, settle, snapshot } from './measure.mjs';
import { findPgbench, preparePgbenchTable, runPgbench } from './pgbench.mjs';
import { startProbe, summarise } from './pg-probe.mjs';
import { describeScans, explainRequest, planSummary } from './plans.mjs';
import { freePort, startServer, stopServer } from './servers.mjs';
import { serverArgs } from '../lib/dist.mjs';

export const PASSWORD = 'Accord-demo-2026';
export const HANDLER = 'icbc.qd.handler';
export const INTAKE_OFFICER = 'qd.intake';
export const CASE_COUNT = 200_000;
// Issue 21: ≥ 50 % of the filing's own SQL in pgbench, ≥ 3 × issue 3's 4.5 % of the 1-row insert, p99 < 100 ms.
export const GOALS = { filingShareOfPgbench: 25, filingShareOfSameWork: 50, filingShareOfPgbench21: 13.5, filingP99Ms: 100, listP95Ms: 50 };
/** The API's pool names its sessions so (libs/core/database/database.module.ts). */
const API_APPLICATION_NAME = 'accord';

/** The lists issue 3 names, each as the user who reads it. */
export const LISTS = [
  { key: 'intake', label: 'intake queue (qd.intake)', user: INTAKE_OFFICER, path: '/api/v1/cases?view=intake&pageSize=50' },
  { key: 'settled', label: 'settled credit cards (qd.intake)', user: INTAKE_OFFICER, path: '/api/v1/cases?pageSize=50&status=settled&businessLine=credit_card' },
  { key: 'bank', label: 'bank list (icbc.qd.handler)', user: HANDLER, path: '/api/v1/cases?pageSize=50' },
];

// ── Filing ──────────────────────────────────────────────────────────────────────────────

/** A valid resident ID number (GB 11643 check digit) that differs with n. */
export function residentId(n) {
  const day = new Date(Date.UTC(1950, 0, 1) + (n % 18000) * 86400000);
  const birth = `${day.getUTCFullYear()}${String(day.getUTCMonth() + 1).padStart(2, '0')}${String(day.getUTCDate()).padStart(2, '0')}`;
  const body = `370202${birth}${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

/** The referral a bank's system files, with a different consumer each time. */
export function filingBody({ centerId, branchId }, n) {
  return {
    centerId,
    branchId,
    submit: true,
    businessLine: 'credit_card',
    disputeType: 'fee_reduction',
    amountFen: 1234500 + (n % 1000),
    facts: '持卡人称信用卡分期手续费在办理时未被充分告知，要求减免已收取的手续费及违约金。',
    claims: '减免分期手续费 1,234.50 元及违约金。',
    complaintReceivedOn: '2026-11-02',
    preferredChannel: 'phone',
    consumer: { name: '张小三', idType: 'resident_id', idNumber: residentId(n), phone: `138${String(n % 1e8).padStart(8, '0')}` },
    consentGiven: true,
  };
}

/** autocannon's request: each one with its own Idempotency-Key and consumer. */
function filingRequest(token, ids, prefix) {
  let n = 0;
  return {
    method: 'POST',
    path: '/api/v1/cases',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    setupRequest(request) {
      n += 1;
      return { ...request, headers: { ...request.headers, 'idempotency-key': `${prefix}-${n}` }, body: JSON.stringify(filingBody(ids, n)) };
    },
  };
}

/** Ids the runs need: the QD center, the handler's pinned branch, its institution. */
export async function lookupIds(owner) {
  const { rows } = await owner.query(
    `SELECT (SELECT id FROM organisations WHERE kind = 'center' AND code = 'QD') AS "centerId",
            u.branch_id AS "branchId", u.organisation_id AS "institutionId", b.path AS "branchPath"
     FROM users u JOIN branches b ON b.id = u.branch_id WHERE u.username = $1`,
    [HANDLER],
  );
  if (!rows[0]?.centerId || !rows[0]?.branchId) throw new Error(`demo data lacks the QD center or ${HANDLER}'s branch`);
  return rows[0];
}

/**
 * The API filing as fast as it can under `connections`, then pgbench inserting into the
 * copy of `cases` with as many clients as the API has pool connections.
 */
export async function benchFiling({ api, owner, apiServer, signIn, connections, pgbenchClients, warmupSeconds, seconds, databaseUrl, log, probe: captured }) {
  const ids = await lookupIds(owner);
  const token = await signIn(api, HANDLER);
  const result = { ids };

  // One filing first: a 4xx here means the API can't file, and the run would count errors.
  const probe = await fetch(`${api}/api/v1/cases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `bench-smoke-${randomUUID()}` },
    body: JSON.stringify(filingBody(ids, 0)),
  });
  const probeBody = await probe.text();
  if (probe.status !== 201) {
    result.apiError = `POST /api/v1/cases answered ${probe.status}: ${probeBody.slice(0, 300)}`;
  } else {
    const prefix = `bench-${randomBytes(4).toString('hex')}`;
    log(`▸ loading the API: POST /api/v1/cases as ${HANDLER} (${warmupSeconds} s warm-up, ${seconds} s measured, ${connections} connections)`);
    let from;
    result.api = await load({
      url: api,
      connections,
      warmupSeconds,
      seconds,
      request: filingRequest(token, ids, prefix),
      before: async () => {
        await settle();
        from = await snapshot(owner, apiServer.pid);
      },
      sample: { client: owner, applicationName: API_APPLICATION_NAME },
      cpu: { client: owner, pids: [apiServer.pid] },
      after: async (r) => {
        await settle();
        return { costs: perRequest(from, await snapshot(owner, apiServer.pid), r['2xx']) };
      },
    });
    // autocannon stops with requests in flight (up to one per connection, at the end of the
    // warm-up and of the measured run): the server still files those, nobody counts the answer.
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM cases WHERE idempotency_key LIKE $1`, [`${prefix}-%`]);
    result.api.rowsWritten = rows[0].n;
    result.api.okTotal = result.api.ok + result.api.warmupOk;
    result.api.inFlightMax = 2 * connections;
  }

  const binary = findPgbench();
  if (!binary) {
    result.pgbenchError = 'pgbench not found (Debian: apt-get install postgresql-contrib, or the postgresql-client matching the server)';
    return result;
  }
  const t = Date.now();
  result.shape = await preparePgbenchTable(owner);
  log(`▸ pgbench table: a copy of cases with its ${result.shape.rows.toLocaleString('en-US')} rows … ${((Date.now() - t) / 1000).toFixed(1)} s`);
  log(`▸ pgbench: one-row INSERT into a copy of cases (${result.shape.columns} columns, ${result.shape.indexes} indexes), ${pgbenchClients} clients (${warmupSeconds} s warm-up, ${seconds} s measured)`);
  const row = { centerId: ids.centerId, institutionId: ids.institutionId, branchId: ids.branchId, branchPath: ids.branchPath };
  await runPgbench({ binary, databaseUrl, clients: pgbenchClients, seconds: warmupSeconds, row });
  result.pgbench = await runPgbench({ binary, databaseUrl, clients: pgbenchClients, seconds, row, cpu: owner });
  // The same work as the API's filing, in the real tables (same indexes, foreign keys, triggers).
  let text;
  try {
    if (!captured) throw new Error('the filing was not captured through the protocol tap');
    text = sameWorkScript(captured);
  } catch (error) {
    result.sameWorkError = error.message;
    return result;
  }
  log(`▸ pgbench: the filing's own statements (${text.split(';\n').length - 4} statements and app.kind between BEGIN and COMMIT, as the owner, in the real tables), ${pgbenchClients} clients (${warmupSeconds} s warm-up, ${seconds} s measured)`);
  try {
    await runPgbench({ binary, databaseUrl, clients: pgbenchClients, seconds: warmupSeconds, text });
    result.sameWork = await runPgbench({ binary, databaseUrl, clients: pgbenchClients, seconds, text, cpu: owner });
  } catch (error) {
    result.sameWorkError = error.message.slice(0, 2000);
  }
  return result;
}

/**
 * The same-work baseline for filing: a pgbench script that runs exactly the statements one
 * filing sent (captured by the protocol tap: the context read, then the INSERT with its CTEs
 * for the case, the timeline entry, the outbox events and the audit entry, whose triggers
 * run), in one transaction, as the owner (no RLS, no set_config, no session check), with the
 * captured values inlined and a fresh case id and idempotency key each time.
 */
export function sameWorkScript(probe) {
  const fresh = (literal) => {
    const text = literal.trim();
    // Fresh values in uncorrelated subqueries: evaluated once (an initplan), so a comparison with
    // one still uses its index — a volatile call in place would be evaluated per row, no index.
    if (probe.sentId && text === `'${probe.sentId}'`) return '(SELECT gen_random_uuid())';
    if (probe.sentKey && text === `'${probe.sentKey}'`) return '(SELECT gen_random_uuid()::text)';
    // The keyed hashes (consumer ID and phone, the request's): a new consumer each time, as the
    // API's bench files, so the repeat-application look-up doesn't pile up on one consumer.
    if (/^'\\x[0-9a-f]{64}'(::bytea)?$/.test(text)) return '(SELECT sha256(gen_random_uuid()::text::bytea))';
    // pgbench takes any ":name" for a variable, inside quotes too ('10:30' holds ":30", a room
    // 'case:…' too): every quoted string with a colon is spelled with a Unicode escape instead
    // (still an untyped string literal).
    return text.replace(/(E?)'((?:[^']|'')*)'/g, (whole, e, inner) => {
      if (!inner.includes(':')) return whole;
      const value = e ? inner.replace(/\\\\/g, '\\') : inner;
      return `U&'${value.replace(/\\/g, '\\\\').replace(/:/g, '\\003A')}'`;
    });
  };
  const inline = (sql, literals) => sql.replace(/\$(\d+)/g, (_, n) => `(${fresh(literals[Number(n) - 1])})`);
  const statements = [];
  for (const e of probe.events) {
    if (e.kind === 'execute') {
      statements.push(inline(e.sql, e.params.map((v) => pgLiteral(v))));
    } else if (e.kind === 'query') {
      for (const part of splitTopLevel(e.sql, ';')) {
        const m = /^\s*EXECUTE\s+(\w+)\s*(?:\(([\s\S]*)\))?\s*$/i.exec(part);
        if (!m) continue;
        const sql = probe.prepared.get(m[1]);
        if (!sql) throw new Error(`the tap did not see statement ${m[1]} prepared`);
        statements.push(inline(sql, m[2] ? splitTopLevel(m[2], ',') : []));
      }
    }
  }
  if (!statements.length) throw new Error('no statements captured for the filing');
  // app.kind as the API sets it: the triggers then collect their after-commit keys as for the
  // API (a writer without it NOTIFYs instead, see the after-commit-signals migration).
  return ['BEGIN;', `SELECT set_config('app.kind', 'system', true);`, ...statements.map((s) => `${s.trim()};`), 'COMMIT;', ''].join('\n');
}

function pgLiteral(value) {
  if (value === null || value === undefined) return 'NULL';
  if (Buffer.isBuffer(value)) return `'\\x${value.toString('hex')}'::bytea`;
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** Splits SQL text at `separator` outside quotes, brackets and parentheses. */
function splitTopLevel(text, separator) {
  const parts = [];
  let depth = 0;
  let quote = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) {
        if (text[i + 1] === quote) i++;
        else quote = null;
      }
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p.trim());
}

// ── Lists ───────────────────────────────────────────────────────────────────────────────

/**
 * A busy center for both sections: CASE_COUNT cases in QD. Filing is measured on it too, so
 * the API's plans (prepared once per connection) are made on realistic statistics, as in
 * production, and not on the empty table of a fresh database.
 */
export async function prepareCenter(owner, log) {
  const t = Date.now();
  const loaded = await loadCases(owner, { count: CASE_COUNT });
  log(`▸ loaded ${loaded.inserted.toLocaleString('en-US')} cases into QD (${loaded.intakeQueue.toLocaleString('en-US')} in the intake queue, ${loaded.branches} branches) with SQL, VACUUM ANALYZE … ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return loaded;
}

/** Loads each list as the user who reads it. */
export async function benchLists({ api, owner, apiServer, signIn, connections, warmupSeconds, seconds, log }) {
  const tokens = {};
  const results = [];
  for (const list of LISTS) {
    tokens[list.user] ??= await signIn(api, list.user);
    const headers = { authorization: `Bearer ${tokens[list.user]}` };
    const response = await fetch(`${api}${list.path}`, { headers });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      results.push({ ...list, error: `answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}` });
      continue;
    }
    // One connection first: the list's own latency, with nothing queued in front of it.
    log(`▸ loading the API: GET ${list.path} as ${list.user} (${warmupSeconds} s warm-up, ${seconds} s measured, 1 then ${connections} connections)`);
    const alone = await load({ url: `${api}${list.path}`, headers, connections: 1, warmupSeconds, seconds });
    let from;
    const measured = await load({
      url: `${api}${list.path}`,
      headers,
      connections,
      warmupSeconds,
      seconds,
      before: async () => {
        await settle();
        from = await snapshot(owner, apiServer.pid);
      },
      sample: { client: owner, applicationName: API_APPLICATION_NAME },
      after: async (r) => {
        await settle();
        return { costs: perRequest(from, await snapshot(owner, apiServer.pid), r['2xx']) };
      },
    });
    results.push({ ...list, ...measured, alone, items: body.items?.length ?? 0, total: body.total, totalIsCapped: body.totalIsCapped });
  }
  return results;
}

// ── Round trips and plans ───────────────────────────────────────────────────────────────

/**
 * Starts a second API whose database connections pass through the protocol tap, sends each
 * request twice (the first settles connections and prepared statements) and keeps what the
 * second one sent; then replays those statements under EXPLAIN (ANALYZE, BUFFERS).
 */
export async function probeRequests({ root, appDatabaseUrl, apiEnv, signIn, filingIds, targets, log }) {
  const real = new URL(appDatabaseUrl);
  const probe = await startProbe({ host: real.hostname, port: Number(real.port || 5432) });
  const tapped = new URL(appDatabaseUrl);
  tapped.hostname = '127.0.0.1';
  tapped.port = String(probe.port);
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;
  log('▸ capturing each request’s SQL through a protocol tap (a second API process) and replaying it under EXPLAIN (ANALYZE, BUFFERS)');
  const server = await startServer({
    name: 'API (tapped)',
    args: serverArgs('api'),
    cwd: root,
    env: { ...apiEnv(port), APP_DATABASE_URL: tapped.toString() },
    readyUrl: `${api}/health/live`,
  });
  const results = [];
  try {
    const tokens = {};
    for (const target of targets) {
      tokens[target.user] ??= await signIn(api, target.user);
      const send = async (n) => {
        const headers = { authorization: `Bearer ${tokens[target.user]}` };
        let body;
        if (target.filing) {
          headers['content-type'] = 'application/json';
          headers['idempotency-key'] = `bench-probe-${randomUUID()}`;
          body = JSON.stringify(filingBody(filingIds, 900000 + n));
        }
        const response = await fetch(`${api}${target.path}`, { method: target.filing ? 'POST' : 'GET', headers, body });
        const json = await response.json().catch(() => ({}));
        return { status: response.status, json, key: headers['idempotency-key'] };
      };
      await send(1);
      await sleep(100);
      const mark = probe.events.length;
      const sent = await send(2);
      await sleep(200);
      const events = probe.events.slice(mark);
      const connection = events[0]?.connection;
      const options = probe.startup.find((s) => s.connection === connection)?.options;
      const substitute = new Map();
      if (target.filing && sent.json?.id) {
        substitute.set(sent.json.id, randomUUID());
        substitute.set(sent.key, `bench-replay-${randomUUID()}`);
      }
      // SQL-level statements the connection prepared earlier (PREPARE … AS), by name: the
      // filing's last statement runs as EXECUTE name(…); COMMIT (see sql-executor.ts).
      const prepared = new Map();
      for (const e of probe.events) {
        const m = e.kind === 'query' && e.connection === connection && /^\s*PREPARE\s+(\w+)\s+AS\s+([\s\S]*)$/i.exec(e.sql);
        if (m) prepared.set(m[1], m[2]);
      }
      let plans = [];
      let planError = null;
      try {
        plans = await explainRequest({ url: appDatabaseUrl, options, events: withPrepared(events, prepared, substitute), substitute });
      } catch (error) {
        planError = error.message;
      }
      results.push({ ...target, status: sent.status, events, ...summarise(events), options, plans, planError, prepared, sentId: sent.json?.id, sentKey: sent.key });
    }
  } finally {
    await stopServer(server);
    await probe.close();
  }
  return results;
}

/**
 * The request's events with each `EXECUTE name(literals)` of a simple query (the filing's last
 * statement and its COMMIT) turned into an execute event of the statement it names, so its plan
 * is replayed and written like the others.
 */
function withPrepared(events, prepared, substitute) {
  const out = [];
  for (const e of events) {
    out.push(e);
    if (e.kind !== 'query') continue;
    for (const part of splitTopLevel(e.sql, ';')) {
      const m = /^\s*EXECUTE\s+(\w+)\s*(?:\(([\s\S]*)\))?\s*$/i.exec(part);
      const sql = m && prepared.get(m[1]);
      if (!sql) continue;
      const literals = m[2] ? splitTopLevel(m[2], ',') : [];
      const value = (n) => {
        const literal = literals[Number(n) - 1].trim();
        const fresh = substitute.get(literal.replace(/^'|'$/g, ''));
        return fresh ? `'${fresh}'` : literal;
      };
      out.push({ kind: 'execute', connection: e.connection, sql: sql.replace(/\$(\d+)/g, (_, n) => `(${value(n)})`), params: [] });
    }
  }
  return out;
}

/** Writes every captured statement with its parameters and both plans. */
export function writePlans(file, probes, header) {
  mkdirSync(path.dirname(file), { recursive: true });
  const out = [header, ''];
  for (const p of probes) {
    out.push('═'.repeat(100), `${p.filing ? 'POST' : 'GET'} ${p.path}  as ${p.user}  → ${p.status}`);
    out.push(`${p.statements} statements, ${p.roundTrips} round trips to PostgreSQL; connection options: ${p.options ?? '(none)'}`);
    for (const e of p.events) {
      if (e.kind === 'query') out.push(`  simple query: ${e.sql.replace(/\s+/g, ' ').slice(0, 300)}`);
      if (e.kind === 'execute') out.push(`  execute: ${e.sql.replace(/\s+/g, ' ').slice(0, 140)}…`);
    }
    if (p.planError) out.push(`  (replay failed: ${p.planError})`);
    p.plans.forEach((plan, i) => {
      out.push('', '─'.repeat(100), `Statement ${i + 1}:`, plan.sql, '', `Parameters: ${JSON.stringify(plan.params.map((v) => (Buffer.isBuffer(v) ? `\\x${v.toString('hex').slice(0, 16)}…` : v)))}`);
      if (!plan.analyzed) out.push(`(not re-run: ${plan.error}; plans without ANALYZE)`);
      out.push('', 'Generic plan (plan_cache_mode=force_generic_plan, as the API runs it):', plan.generic, '', 'Custom plan (planned for these parameter values):', plan.custom);
    });
    out.push('');
  }
  writeFileSync(file, out.join('\n'));
}

/**
 * One entry per statement of a request: how `cases` is read, any sequential scan, any look-up
 * repeated per row (loops > 1), and the run time, for the generic plan the API runs (and the
 * custom plan when it differs). The small look-ups the RLS policies add are only counted.
 */
export function planLines(probe) {
  return probe.plans.map((plan, i) => {
    const generic = planSummary(plan.generic);
    const custom = planSummary(plan.custom);
    const time = Number.isFinite(generic.execution) ? `${generic.execution.toFixed(2)} ms` : 'not run';
    const lines = [`     ${i + 1}. ${firstWords(plan.sql)} — ${time}`, `          ${notable(generic)}`];
    if (notable(custom) !== notable(generic) && Number.isFinite(custom.execution)) {
      lines.push(`          custom plan would be: ${notable(custom)} — ${custom.execution.toFixed(2)} ms`);
    }
    return lines.join('\n');
  });
}

function notable(summary) {
  const keep = (s) => s.table === 'cases' || s.node.includes('Seq Scan') || (s.rows && (s.rows[1] > 1 || s.rows[0] > 1000));
  const shown = summary.scans.filter(keep);
  const others = summary.scans.length - shown.length;
  const text = describeScans({ scans: shown }).join('; ');
  return `${text || 'no scan of cases'}${others ? ` (+ ${others} small look-ups of other tables, most from RLS policies)` : ''}`;
}

function firstWords(sql) {
  const flat = sql.replace(/\s+/g, ' ').trim();
  if (/^WITH n AS \(INSERT INTO case_number_counters/.test(flat)) return 'INSERT case (+ number, event, outbox, audit)';
  if (/^SELECT count\(\*\)/.test(flat)) return 'count (capped)';
  if (/^SELECT \(SELECT code FROM organisations/.test(flat)) return 'filing context (center, membership, branch, calendar, idempotency)';
  if (/consumer_id_hash = \$2/.test(flat)) return 'repeat candidates';
  if (/^SELECT c\.id, c\.case_number/.test(flat)) return flat.includes('LIMIT') ? 'list page' : 'case detail';
  return flat.slice(0, 60);
}
