import type { Pool } from 'pg';

/** The primary's current WAL write position ('16/B374D848'), for the replica floor (ReadReplica). */
export async function primaryWalPosition(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
  return rows[0].lsn;
}
