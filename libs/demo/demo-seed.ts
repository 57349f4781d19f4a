import { randomUUID } from 'node:crypto';
import { Algorithm, hash } from '@node-rs/argon2';
import { Client } from 'pg';
import { nationalCalendarYears } from '@accord/core/calendar/national-calendar';
import { seedDemoCases } from './demo-cases';
import { demoHistory } from './demo-history';
import { seedDemoQuality } from './demo-quality';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS, DemoBranch, DemoIds, demoEmail } from './demo-data';

/**
 * Loads the demo world through the owner connection when the database has no organisations.
 * Returns the ids by key, or null when the database already had data. `history` (the default)
 * adds 14 months of concluded cases (demo-history.ts) for the regulator's console, rankings and
 * early warnings; tests leave it out where they count the small demo world exactly.
 */
export async function seedDemo(ownerUrl: string, options: { force?: boolean; history?: boolean } = {}): Promise<DemoIds | null> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM organisations');
    if (rows[0].n > 0 && !options.force) {
      await client.query('ROLLBACK');
      return null;
    }
    const ids: DemoIds = { organisations: {}, branches: {}, users: {} };
    for (const o of DEMO_ORGANISATIONS) {
      const r = await client.query<{ id: string }>(
        'INSERT INTO organisations (kind, name, code, region_code) VALUES ($1, $2, $3, $4) RETURNING id',
        [o.kind, o.name, o.code ?? null, o.regionCode ?? null],
      );
      ids.organisations[o.key] = r.rows[0].id;
    }
    for (const o of DEMO_ORGANISATIONS) {
      const id = ids.organisations[o.key];
      for (const c of o.jurisdiction ?? []) {
        await client.query('INSERT INTO regulator_jurisdictions (regulator_id, center_id) VALUES ($1, $2)', [id, ids.organisations[c]]);
      }
      for (const m of o.memberOf ?? []) {
        await client.query('INSERT INTO memberships (center_id, institution_id, since) VALUES ($1, $2, $3)', [ids.organisations[m.center], id, m.since]);
      }
      const insertTree = async (node: DemoBranch, parentId: string | null, parentPath: string) => {
        const branchId = randomUUID();
        const path = `${parentPath}${branchId}/`;
        await client.query(
          'INSERT INTO branches (id, institution_id, parent_id, level, name, code, path) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [branchId, id, parentId, node.level, node.name, node.code, path],
        );
        ids.branches[node.key] = branchId;
        for (const child of node.children ?? []) await insertTree(child, branchId, path);
      };
      if (o.tree) await insertTree(o.tree, null, '/');
    }
    // Every center starts with the national working-day calendar the holiday data covers.
    for (const o of DEMO_ORGANISATIONS.filter((x) => x.kind === 'center')) {
      for (const { year, days } of nationalCalendarYears()) {
        await client.query(`INSERT INTO calendar_years (center_id, year, source) VALUES ($1, $2, 'chinese-days')`, [ids.organisations[o.key], year]);
        await client.query(
          `INSERT INTO calendar_days (center_id, day, is_working, name) SELECT $1, * FROM unnest($2::date[], $3::boolean[], $4::text[])`,
          [ids.organisations[o.key], days.map((d) => d.day), days.map((d) => d.isWorking), days.map((d) => d.name)],
        );
      }
    }
    const passwordHash = await hash(DEMO_PASSWORD, { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    for (const u of DEMO_USERS) {
      const r = await client.query<{ id: string }>(
        `INSERT INTO users (organisation_id, username, display_name, password_hash, roles, branch_id, affiliated_institution_id, expertise, email)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          ids.organisations[u.organisation],
          u.username,
          u.displayName,
          passwordHash,
          u.roles,
          u.branch ? ids.branches[u.branch] : null,
          u.affiliatedInstitution ? ids.organisations[u.affiliatedInstitution] : null,
          u.expertise ?? [],
          demoEmail(u.username),
        ],
      );
      ids.users[u.username] = r.rows[0].id;
    }
    // The README's flows sign the demo users in with the password alone for a year after seeding;
    // a demo user who sets up an authenticator is asked for it like anyone (see README, Security).
    await client.query(
      `INSERT INTO second_factors (user_id, organisation_id, exempt_until) SELECT id, organisation_id, now() + interval '1 year' FROM users WHERE id = ANY($1)`,
      [Object.values(ids.users)],
    );
    // Mediators work 09:00–12:00 and 13:30–17:30 on every working day of their center's calendar
    // (spans for all seven weekdays: the calendar decides which weekend days are 调休 working days).
    for (const u of DEMO_USERS.filter((x) => x.roles.includes('mediator'))) {
      await client.query(
        `INSERT INTO mediator_working_hours (center_id, mediator_id, weekday, starts_at, ends_at)
         SELECT $1, $2, d, t.s, t.e FROM generate_series(1, 7) d, (VALUES ('09:00'::time, '12:00'::time), ('13:30', '17:30')) AS t(s, e)`,
        [ids.organisations[u.organisation], ids.users[u.username]],
      );
    }
    // The 青岛 center's station sits at ICBC's 香港中路网点; the 上海 one at no member's outlet.
    await client.query(
      `INSERT INTO mediation_rooms (center_id, name, address, outlet_branch_id)
       VALUES ($1, '香港中路网点调解工作联络站', '青岛市市南区香港中路 36 号', $2), ($3, '陆家嘴调解工作联络站', '上海市浦东新区陆家嘴环路 1000 号', NULL)`,
      [ids.organisations['qd-center'], ids.branches['icbc-qd-xgzl'], ids.organisations['sh-center']],
    );
    // Each center teaches its own mediation method; the console ticks these steps with times.
    for (const center of ['qd-center', 'sh-center']) {
      await client.query(
        `INSERT INTO mediation_method_steps (center_id, position, title, hint) SELECT $1, n, t.title, t.hint
         FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(title, hint, n)`,
        [ids.organisations[center], DEMO_METHOD.map((m) => m[0]), DEMO_METHOD.map((m) => m[1])],
      );
    }
    const names = Object.fromEntries(DEMO_USERS.map((u) => [u.username, u.displayName]));
    await seedDemoCases(client, ids, names, options.history === false ? [] : demoHistory());
    await seedDemoQuality(client, ids, names);
    // The demo's cases are written directly, not through the worker: count them in the statistics once.
    await client.query('SELECT statistics_rebuild_all()');
    await client.query('COMMIT');
    return ids;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** The demo centers' method: the steps many centers teach, in order. */
const DEMO_METHOD: [string, string][] = [
  ['核实身份，告知权利义务', '核对到场各方身份，说明调解自愿、保密、免费'],
  ['听取消费者陈述', '事实经过与诉求'],
  ['听取银行陈述', '处理经过与意见'],
  ['梳理争议焦点', '确认双方一致与分歧之处'],
  ['背靠背沟通', '分别与各方单独沟通，了解底线'],
  ['提出调解方案', '依据法规与行业惯例提出方案'],
  ['确认调解结果', '达成一致的，确认协议要点；未达成的，告知其他途径'],
];
