import type { Client } from 'pg';
import { DEFAULT_CHECKLIST } from '@accord/contracts';
import { drawnBySeed } from '@accord/quality';
import type { DemoIds } from './demo-data';

const SEED = 'demo-2026';
const SETTLED_PERCENT = 30;

/**
 * Quality review in the demo (issue 20): the 青岛 center's rule (every case not settled or
 * terminated, 30 % of the settled ones by seed, every breach), its recent concluded cases in the
 * queue as the rule draws them, and two of them already scored by the reviewers — so a center
 * admin can show a regulator the queue and the scores at once. Cases concluded in the last 60
 * days only: the 14 months of history stay out of the queue.
 */
export async function seedDemoQuality(client: Client, ids: DemoIds, names: Record<string, string>): Promise<void> {
  const centerId = ids.organisations['qd-center'];
  const { rows } = await client.query<{ id: string; caseNumber: string; mediatorId: string; mediatorName: string; outcome: string; concludedAt: Date }>(
    `SELECT id, case_number AS "caseNumber", mediator_id AS "mediatorId", mediator_name AS "mediatorName", outcome, concluded_at AS "concludedAt"
     FROM cases WHERE center_id = $1 AND concluded_at > now() - interval '60 days' AND mediator_id IS NOT NULL ORDER BY concluded_at, id`,
    [centerId],
  );
  const drawn = (seed: string) =>
    rows
      .map((c) => ({ ...c, reasons: c.outcome === 'not_settled' || c.outcome === 'terminated' ? [c.outcome] : c.outcome === 'settled' && drawnBySeed(seed, c.id, SETTLED_PERCENT) ? ['settled_sample'] : [] }))
      .filter((c) => c.reasons.length);
  // The case ids are random, so what a seed draws differs from one seeding to the next: the demo
  // takes the first seed whose queue holds a case of each mediator (the two scored below), and the
  // rule keeps that seed, so the queue is exactly what the rule draws.
  const mediators = [ids.users['qd.mediator'], ids.users['qd.mediator2']];
  const seeds = [SEED, ...Array.from({ length: 50 }, (_, i) => `${SEED}-${i + 1}`)];
  const seed = seeds.find((s) => mediators.every((m) => drawn(s).some((c) => c.mediatorId === m))) ?? SEED;
  const entries = drawn(seed);
  await client.query(
    `INSERT INTO quality_rules (center_id, include_not_settled, include_terminated, include_breached, settled_percent, seed, checklist, updated_by)
     VALUES ($1, true, true, true, $2, $3, $4::jsonb, $5)`,
    [centerId, SETTLED_PERCENT, seed, JSON.stringify(DEFAULT_CHECKLIST), ids.users['qd.admin']],
  );
  const entered = new Map<string, { id: string; mediatorId: string }>();
  for (const c of entries) {
    const r = await client.query<{ id: string }>(
      `INSERT INTO quality_reviews (center_id, case_id, case_number, mediator_id, mediator_name, outcome, concluded_at, reasons, scores, entered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8, '[]'::jsonb, $7::timestamptz + interval '1 hour') RETURNING id`,
      [centerId, c.id, c.caseNumber, c.mediatorId, c.mediatorName, c.outcome, c.concludedAt, c.reasons],
    );
    entered.set(c.id, { id: r.rows[0].id, mediatorId: c.mediatorId });
  }
  // Two reviews done by 马骏, the center's reviewer: one of 张伟's cases, one of 陈静's.
  const done = [...entered.values()];
  const reviews: [string, string, number[], string][] = [
    ['qd.reviewer', 'qd.mediator', [23, 20, 22, 24], '调解方法步骤齐全，背靠背沟通记录清楚；首次调解略晚于时限，需注意排期。'],
    ['qd.reviewer', 'qd.mediator2', [20, 25, 18, 22], '协议条款基本清楚，分期还款的起止日期应在协议中写明。'],
  ];
  for (const [reviewer, mediator, scores, findings] of reviews) {
    const target = done.find((d) => d.mediatorId === ids.users[mediator]);
    if (!target) continue;
    done.splice(done.indexOf(target), 1);
    const scored = DEFAULT_CHECKLIST.map((item, i) => ({ ...item, score: scores[i] }));
    await client.query(
      `UPDATE quality_reviews SET status = 'reviewed', reviewer_id = $2, reviewer_name = $3, scores = $4::jsonb, total_score = $5, max_score = $6, findings = $7,
              reviewed_at = LEAST(entered_at + interval '2 days', now())
       WHERE id = $1`,
      [target.id, ids.users[reviewer], names[reviewer], JSON.stringify(scored), scores.reduce((a, b) => a + b, 0), DEFAULT_CHECKLIST.reduce((a, b) => a + b.maxScore, 0), findings],
    );
  }
}
