// Loads a busy center for `npm run bench`: N cases in the QD center written straight into
// `cases` as the owner (a superuser, so RLS does not apply), in one INSERT … SELECT.
// The rows respect the table's CHECK constraints and look like a few years of work:
// most cases concluded, a few thousand in the intake queue, some with a mediator.

/** Share of the cases per status (the rest of 1.0 is 'closed'). */
const STATUS_SHARES = [
  ['submitted', 0.01], // 2,000 of 200,000
  ['returned', 0.0025], // 500
  ['accepted', 0.005], // 1,000: the intake queue holds 3,500
  ['assigned', 0.005],
  ['scheduled', 0.005],
  ['in_session', 0.001],
  ['adjourned', 0.002],
  ['rejected', 0.015],
  ['withdrawn', 0.02],
  ['terminated', 0.005],
  ['settled', 0.5],
  ['not_settled', 0.2],
];
const BUSINESS_LINES = ['credit_card', 'personal_loan', 'debit_card_account', 'wealth_fund', 'insurance', 'payment_settlement', 'inclusive_finance', 'other'];
const DISPUTE_TYPES = ['fee_reduction', 'repayment_negotiation', 'credit_report', 'mis_selling', 'fraud_theft', 'service_attitude', 'other'];
const INTAKE = ['submitted', 'returned', 'accepted'];
const WITH_MEDIATOR = ['assigned', 'scheduled', 'in_session', 'adjourned', 'settled', 'not_settled', 'terminated', 'closed'];

/**
 * Inserts `count` cases into the center with code `centerCode`, spread over the branches of
 * its member institutions (those in the center's city: demo branch codes not starting with
 * 'SH'), then VACUUM ANALYZE, as on a database that has been running for a while.
 * Returns what was loaded, for the report.
 */
export async function loadCases(client, { centerCode = 'QD', count = 200_000 } = {}) {
  const { rows: centers } = await client.query(`SELECT id FROM organisations WHERE kind = 'center' AND code = $1`, [centerCode]);
  if (!centers.length) throw new Error(`no center with code ${centerCode}: is the demo data loaded?`);
  const centerId = centers[0].id;
  const { rows: branches } = await client.query(
    `SELECT b.id, b.institution_id, b.path FROM branches b
     JOIN memberships m ON m.institution_id = b.institution_id AND m.center_id = $1 AND m.status = 'active'
     WHERE b.level <> 'head_office' AND b.code NOT LIKE 'SH%' ORDER BY b.path`,
    [centerId],
  );
  const { rows: mediators } = await client.query(
    `SELECT id, display_name FROM users WHERE organisation_id = $1 AND 'mediator' = ANY(roles) ORDER BY username`,
    [centerId],
  );
  if (!branches.length || !mediators.length) throw new Error(`center ${centerCode} has no member branches or no mediators`);

  // Cumulative thresholds: a row's status is the first whose threshold exceeds its draw.
  let acc = 0;
  const statusCase = STATUS_SHARES.map(([status, share]) => `WHEN d.s < ${(acc += share).toFixed(6)} THEN '${status}'`).join(' ');
  const intakeShare = STATUS_SHARES.filter(([status]) => INTAKE.includes(status)).reduce((sum, [, share]) => sum + share, 0);
  const list = (values) => values.map((v) => `'${v}'`).join(',');

  const t = Date.now();
  await client.query('BEGIN');
  // Deterministic draws: the same data every run, so runs compare.
  await client.query('SELECT setseed(0.42)');
  const { rowCount } = await client.query(
    `WITH b AS (SELECT $2::uuid[] AS ids, $3::uuid[] AS insts, $4::text[] AS paths),
          m AS (SELECT $5::uuid[] AS ids, $6::text[] AS names),
     draws AS (
       SELECT g, random() AS s, random() AS t, random() AS u, (random() * 1e9)::bigint AS k FROM generate_series(1, $7::int) g),
     rows AS (
       SELECT d.g, d.k, d.u,
              (CASE ${statusCase} ELSE 'closed' END)::varchar AS status,
              1 + (d.g % array_length(b.ids, 1)) AS bi,
              1 + (d.k % array_length(m.ids, 1)) AS mi,
              -- the intake queue is recent; the rest goes back three years
              now() - interval '1 day' * (CASE WHEN d.s < ${intakeShare} THEN d.t * 30 ELSE 20 + d.t * 1075 END) AS submitted
       FROM draws d CROSS JOIN b CROSS JOIN m)
     INSERT INTO cases (
       created_at, updated_at, center_id, institution_id, branch_id, branch_path, branch_level2_id, branch_level3_id, branch_level4_id,
       created_by_organisation_id, case_number, status, track, source, business_line, dispute_type, amount_fen, facts, claims, bank_position,
       complaint_received_on, preferred_channel, consent_at, consent_note, consumer_id_type, consumer_sealed,
       consumer_name_masked, consumer_phone_masked, consumer_id_masked, consumer_phone_hash, consumer_id_hash,
       mediator_id, mediator_name, reject_reason, submitted_at, accepted_at, assigned_at, intake_due_on, first_session_due_on)
     SELECT
       x.submitted - interval '10 minutes',
       CASE WHEN x.status = 'submitted' THEN x.submitted ELSE least(now(), x.submitted + interval '1 day' * (1 + x.u * 40)) END,
       $1, (SELECT insts[x.bi] FROM b), (SELECT ids[x.bi] FROM b), (SELECT paths[x.bi] FROM b),
       NULLIF(split_part((SELECT paths[x.bi] FROM b), '/', 3), '')::uuid, NULLIF(split_part((SELECT paths[x.bi] FROM b), '/', 4), '')::uuid,
       NULLIF(split_part((SELECT paths[x.bi] FROM b), '/', 5), '')::uuid, (SELECT insts[x.bi] FROM b),
       'BENCH-' || lpad(x.g::text, 7, '0'), x.status,
       (ARRAY['small_claims','simple','normal','complex'])[1 + x.k % 4], 'branch_referral',
       (ARRAY[${list(BUSINESS_LINES)}])[1 + x.g % ${BUSINESS_LINES.length}],
       (ARRAY[${list(DISPUTE_TYPES)}])[1 + x.k % ${DISPUTE_TYPES.length}],
       x.k % 5000000, '持卡人称分期手续费未充分告知，要求减免。（基准测试数据）', '减免手续费及违约金。', '',
       (x.submitted - interval '20 days')::date, 'phone', x.submitted - interval '1 hour', '书面同意', 'resident_id',
       -- sealed JSON stands in as opaque bytes of a realistic size (nonce + tag + ciphertext)
       decode('01', 'hex') || sha256(x.k::text::bytea) || sha256(x.g::text::bytea) || sha256((x.k + x.g)::text::bytea),
       '张*' , '138****' || lpad((x.k % 10000)::text, 4, '0'), '3702**********' || lpad((x.k % 10000)::text, 4, '0'),
       sha256(('phone' || (x.k % 150000))::bytea), sha256(('id' || (x.k % 150000))::bytea),
       CASE WHEN x.status IN (${list(WITH_MEDIATOR)}) THEN (SELECT ids[x.mi] FROM m) END,
       CASE WHEN x.status IN (${list(WITH_MEDIATOR)}) THEN (SELECT names[x.mi] FROM m) END,
       CASE WHEN x.status = 'rejected' THEN 'not_financial_consumer_dispute' END,
       x.submitted,
       CASE WHEN x.status NOT IN ('submitted','returned','rejected') THEN x.submitted + interval '2 days' END,
       CASE WHEN x.status IN (${list(WITH_MEDIATOR)}) THEN x.submitted + interval '3 days' END,
       (x.submitted + interval '7 days')::date,
       CASE WHEN x.status NOT IN ('submitted','returned','rejected') THEN (x.submitted + interval '16 days')::date END
     FROM rows x`,
    [
      centerId,
      branches.map((b) => b.id),
      branches.map((b) => b.institution_id),
      branches.map((b) => b.path),
      mediators.map((m) => m.id),
      mediators.map((m) => m.display_name),
      count,
    ],
  );
  await client.query('COMMIT');
  const insertSeconds = (Date.now() - t) / 1000;
  const t2 = Date.now();
  await client.query('VACUUM (ANALYZE) cases');
  const { rows: byStatus } = await client.query(
    `SELECT count(*) FILTER (WHERE status IN (${list(INTAKE)}))::int AS intake, count(*)::int AS total FROM cases WHERE center_id = $1`,
    [centerId],
  );
  return {
    centerId,
    inserted: rowCount,
    inCenter: byStatus[0].total,
    intakeQueue: byStatus[0].intake,
    branches: branches.length,
    insertSeconds,
    vacuumSeconds: (Date.now() - t2) / 1000,
  };
}
