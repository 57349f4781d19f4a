import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operations: what readiness and /metrics ask before any tenant context exists: which migrations are applied,
 * and how far the outbox relay is behind. Narrow SECURITY DEFINER answers, like the auth look-ups,
 * so the application role needs no grant on the tables themselves and RLS stays closed to it.
 */
export class Operations1795471200000 implements MigrationInterface {
  name = 'Operations1795471200000';

  async up(q: QueryRunner): Promise<void> {
    // The request that wrote an event: its jobs run and log under the same id (trace HTTP → worker).
    await q.query(`ALTER TABLE "outbox" ADD "request_id" character varying(64)`);
    await q.query(`CREATE FUNCTION ops_applied_migrations() RETURNS SETOF text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT name FROM typeorm_migrations ORDER BY id
      $$`);
    // The partial index idx_outbox_unpublished makes both figures cheap however large the outbox grows.
    await q.query(`CREATE FUNCTION ops_outbox_backlog(OUT backlog bigint, OUT oldest_age_seconds double precision)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::double precision
        FROM outbox WHERE published_at IS NULL
      $$`);
    for (const fn of ['ops_applied_migrations()', 'ops_outbox_backlog()']) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO accord_app`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ops_outbox_backlog()`);
    await q.query(`DROP FUNCTION ops_applied_migrations()`);
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "request_id"`);
  }
}
