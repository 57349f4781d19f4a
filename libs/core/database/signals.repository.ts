import type { Client } from 'pg';

/** The channel writers outside the apps NOTIFY their after-commit keys on (see CommitSignals). */
export const SIGNALS_CHANNEL = 'accord_after_commit';

/** Subscribes a dedicated connection to it. */
export async function listenForCommitSignals(connection: Client): Promise<void> {
  await connection.query(`LISTEN ${SIGNALS_CHANNEL}`);
}
