import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail becomes tamper-evident and keeps its history.
 *
 * Each row carries `hash` = sha256(prev_hash ‖ canonical row) and its place in its tenant's chain
 * (`chain_seq`); tenant = organisation_id, the system's own entries (no organisation) one chain of
 * their own. Computed in the database by a BEFORE INSERT trigger rather than in the service,
 * because some entries are written by a single INSERT … SELECT (auditInsertSelect) and the
 * owner's own scripts insert too: no writer can skip the chain. The trigger locks the tenant's head row
 * (audit_chain_heads, SELECT … FOR UPDATE), which orders concurrent inserts of one tenant like an
 * advisory lock would and also remembers the last link, so a deleted newest row is detected too.
 * Tenants never wait on each other.
 *
 * The application role keeps INSERT and SELECT only (no UPDATE/DELETE since the isolation
 * migration). Rows older than 180 days may be moved — never dropped — into audit_events_archive by
 * audit_archive(), a SECURITY DEFINER function that refuses any cutoff younger than 180 days;
 * audit_verify() walks both tables as one chain per tenant and names the first broken link.
 */
export class AuditChain1796612504856 implements MigrationInterface {
  name = 'AuditChain1796612504856';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_events" ADD "user_agent" character varying(300)`);
    await q.query(`ALTER TABLE "audit_events" ADD "chain_seq" bigint`);
    await q.query(`ALTER TABLE "audit_events" ADD "prev_hash" character varying(64)`);
    await q.query(`ALTER TABLE "audit_events" ADD "hash" character varying(64)`);

    // The canonical row: the listed fields in a fixed order as a JSON array (jsonb text is
    // canonical), `at` in UTC to the microsecond. A column added later is not in the hash unless
    // a new function version says so, so old links stay valid.
    await q.query(`CREATE FUNCTION audit_row_hash(prev text, r jsonb) RETURNS text
      LANGUAGE sql IMMUTABLE SET search_path = public AS $$
        SELECT encode(sha256(convert_to(prev || jsonb_build_array(
          r->'id', r->'chain_seq', r->'organisation_id', r->'actor_user_id', r->'actor_api_key_id', r->'action',
          r->'subject_type', r->'subject_id', r->'detail', r->'ip', r->'user_agent', r->'request_id', r->'at')::text, 'UTF8')), 'hex')
      $$`);
    await q.query(`CREATE TABLE "audit_chain_heads" ("chain_key" uuid NOT NULL, "chain_seq" bigint NOT NULL, "hash" character varying(64) NOT NULL,
      CONSTRAINT "pk_audit_chain_heads" PRIMARY KEY ("chain_key"))`);
    await q.query(`COMMENT ON TABLE audit_chain_heads IS 'The newest link of each tenant''s audit chain (nil uuid: the system''s entries); written only by the audit_events_chain trigger'`);

    // Backfill: the rows already there, per tenant in id order.
    await q.query(`DO $$
      DECLARE r record; prev text; key uuid; last_key uuid; seq bigint;
      BEGIN
        SET LOCAL TimeZone = 'UTC';
        FOR r IN SELECT * FROM audit_events ORDER BY COALESCE(organisation_id, '00000000-0000-0000-0000-000000000000'), id LOOP
          key := COALESCE(r.organisation_id, '00000000-0000-0000-0000-000000000000');
          IF last_key IS DISTINCT FROM key THEN prev := ''; seq := 0; last_key := key; END IF;
          seq := seq + 1;
          r.chain_seq := seq; r.prev_hash := prev;
          r.hash := audit_row_hash(prev, to_jsonb(r));
          UPDATE audit_events SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
          INSERT INTO audit_chain_heads VALUES (key, seq, r.hash)
            ON CONFLICT (chain_key) DO UPDATE SET chain_seq = EXCLUDED.chain_seq, hash = EXCLUDED.hash;
          prev := r.hash;
        END LOOP;
      END $$`);
    await q.query(`ALTER TABLE "audit_events" ALTER COLUMN "chain_seq" SET NOT NULL`);
    await q.query(`ALTER TABLE "audit_events" ALTER COLUMN "prev_hash" SET NOT NULL`);
    await q.query(`ALTER TABLE "audit_events" ALTER COLUMN "hash" SET NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "idx_audit_events_chain" ON "audit_events" ("organisation_id", "chain_seq")`);

    await q.query(`CREATE FUNCTION audit_events_chain() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public SET TimeZone = 'UTC' AS $$
      DECLARE key uuid := COALESCE(NEW.organisation_id, '00000000-0000-0000-0000-000000000000'); head record;
      BEGIN
        INSERT INTO audit_chain_heads VALUES (key, 0, '') ON CONFLICT (chain_key) DO NOTHING;
        SELECT chain_seq, hash INTO head FROM audit_chain_heads WHERE chain_key = key FOR UPDATE;
        NEW.chain_seq := head.chain_seq + 1;
        NEW.prev_hash := head.hash;
        NEW.hash := audit_row_hash(NEW.prev_hash, to_jsonb(NEW));
        UPDATE audit_chain_heads SET chain_seq = NEW.chain_seq, hash = NEW.hash WHERE chain_key = key;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain()`);

    // The archive: the same columns, rows moved as they are (their links unchanged).
    await q.query(`CREATE TABLE "audit_events_archive" (LIKE "audit_events", CONSTRAINT "pk_audit_events_archive" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_audit_events_archive_chain" ON "audit_events_archive" ("organisation_id", "chain_seq")`);
    await q.query(`ALTER TABLE "audit_events_archive" ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "audit_events_archive" FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY audit_events_archive_read ON audit_events_archive FOR SELECT USING (
      (SELECT app_kind()) = 'system' OR organisation_id = (SELECT app_org_id()))`);
    await q.query(`GRANT SELECT ON audit_events_archive TO accord_app`);

    // Moves rows older than the cutoff (never younger than 180 days) in batches; returns how many.
    // Runs as the owner, so the application may call it without holding DELETE on audit_events.
    await q.query(`CREATE FUNCTION audit_archive(cutoff timestamptz, batch integer DEFAULT 5000) RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE moved bigint;
      BEGIN
        IF cutoff > now() - interval '180 days' THEN
          RAISE EXCEPTION 'audit entries are kept in audit_events for at least 180 days (cutoff %)', cutoff;
        END IF;
        PERFORM set_config('app.kind', 'system', true);
        WITH gone AS (
          DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE at < cutoff ORDER BY id LIMIT batch)
          RETURNING *)
        INSERT INTO audit_events_archive SELECT * FROM gone;
        GET DIAGNOSTICS moved = ROW_COUNT;
        RETURN moved;
      END $$`);
    // Only the archive function (owner, system kind) deletes, and never a row of the last 180 days.
    await q.query(`CREATE POLICY audit_events_archive_move ON audit_events FOR DELETE USING (
      (SELECT app_kind()) = 'system' AND at < now() - interval '180 days')`);
    await q.query(`CREATE POLICY audit_events_archive_append ON audit_events_archive FOR INSERT WITH CHECK ((SELECT app_kind()) = 'system')`);

    // The first broken link of each tenant's chain (live and archived rows together); no row: intact.
    await q.query(`CREATE FUNCTION audit_verify() RETURNS TABLE (organisation_id uuid, chain_seq bigint, id bigint, problem text)
      LANGUAGE sql STABLE SET search_path = public SET TimeZone = 'UTC' AS $$
        WITH rows AS (
          SELECT * FROM audit_events UNION ALL SELECT * FROM audit_events_archive
        ), walked AS (
          SELECT r.organisation_id, r.chain_seq, r.id, r.hash, r.prev_hash,
                 audit_row_hash(r.prev_hash, to_jsonb(r)) AS recomputed,
                 lag(r.hash) OVER w AS before_hash, lag(r.chain_seq) OVER w AS before_seq
          FROM rows r WINDOW w AS (PARTITION BY r.organisation_id ORDER BY r.chain_seq)
        ), problems AS (
          SELECT organisation_id, chain_seq, id,
                 CASE WHEN hash <> recomputed THEN 'row altered: its hash does not match its content'
                      WHEN chain_seq <> COALESCE(before_seq, 0) + 1 THEN 'rows missing before this one'
                      WHEN prev_hash <> COALESCE(before_hash, '') THEN 'link broken: prev_hash is not the previous row''s hash' END AS problem
          FROM walked
          UNION ALL
          SELECT NULLIF(h.chain_key, '00000000-0000-0000-0000-000000000000'), h.chain_seq, NULL, 'newest rows missing: the chain head is further on'
          FROM audit_chain_heads h
          WHERE h.chain_seq > 0 AND h.hash IS DISTINCT FROM (
            SELECT r.hash FROM rows r WHERE r.organisation_id IS NOT DISTINCT FROM NULLIF(h.chain_key, '00000000-0000-0000-0000-000000000000')
            ORDER BY r.chain_seq DESC LIMIT 1)
        )
        SELECT DISTINCT ON (organisation_id) organisation_id, chain_seq, id, problem
        FROM problems WHERE problem IS NOT NULL ORDER BY organisation_id, chain_seq
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_verify() FROM PUBLIC`);
    await q.query(`REVOKE ALL ON FUNCTION audit_archive(timestamptz, integer) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION audit_archive(timestamptz, integer) TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_verify()`);
    await q.query(`DROP POLICY audit_events_archive_move ON audit_events`);
    await q.query(`DROP FUNCTION audit_archive(timestamptz, integer)`);
    await q.query(`DROP TABLE "audit_events_archive"`);
    await q.query(`DROP TRIGGER audit_events_chain ON audit_events`);
    await q.query(`DROP FUNCTION audit_events_chain()`);
    await q.query(`DROP INDEX "idx_audit_events_chain"`);
    await q.query(`DROP TABLE "audit_chain_heads"`);
    await q.query(`DROP FUNCTION audit_row_hash(text, jsonb)`);
    for (const c of ['hash', 'prev_hash', 'chain_seq', 'user_agent']) await q.query(`ALTER TABLE "audit_events" DROP COLUMN "${c}"`);
  }
}
