import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A full rebuild and a case's recount no longer race. statistics_rebuild_all() empties the roll-ups
 * and inserts them again from the cases; a recount that was in flight meanwhile (the worker's
 * statistics.refresh-case) could commit a bucket row the rebuild's DELETE had not seen, and the
 * rebuild then failed on its primary key. Recounts now share one advisory lock that a rebuild takes
 * alone: a rebuild waits for the recounts in flight, and recounts that come during it wait for it
 * (then recount their case from the rebuilt figures, which changes nothing that is right).
 * The per-institution locks inside the recount stay as they are: they order recounts among
 * themselves.
 */
const REBUILD_LOCK = `hashtextextended('statistics:rebuild', 0)`;

export class StatisticsRebuildLock1796700000000 implements MigrationInterface {
  name = 'StatisticsRebuildLock1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION statistics_refresh_case(p_case uuid) RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        touched int;
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(${REBUILD_LOCK});
        touched := statistics_refresh_case_buckets(p_case);
        PERFORM statistics_refresh_case_lines(p_case);
        RETURN touched;
      END $$`);
    await q.query(`CREATE OR REPLACE FUNCTION statistics_rebuild_all() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(${REBUILD_LOCK});
        PERFORM statistics_rebuild_buckets();
        PERFORM statistics_rebuild_lines();
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION statistics_refresh_case(p_case uuid) RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        touched int;
      BEGIN
        touched := statistics_refresh_case_buckets(p_case);
        PERFORM statistics_refresh_case_lines(p_case);
        RETURN touched;
      END $$`);
    await q.query(`CREATE OR REPLACE FUNCTION statistics_rebuild_all() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM statistics_rebuild_buckets();
        PERFORM statistics_rebuild_lines();
      END $$`);
  }
}
