import { Injectable } from '@nestjs/common';
import { Database } from '@accord/core';

/** notification_preferences: which kinds a user also wants by e-mail (no row: portal only). */
@Injectable()
export class NotificationPreferenceRepository {
  constructor(private readonly db: Database) {}

  /** The kinds the user chose to get by e-mail. */
  async emailKinds(userId: string): Promise<Set<string>> {
    const rows = (await this.db.manager.query(`SELECT kind FROM notification_preferences WHERE user_id = $1 AND email`, [userId])) as { kind: string }[];
    return new Set(rows.map((r) => r.kind));
  }

  async wantsEmail(userId: string, kind: string): Promise<boolean> {
    const rows = (await this.db.manager.query(`SELECT 1 FROM notification_preferences WHERE user_id = $1 AND kind = $2 AND email`, [userId, kind])) as unknown[];
    return rows.length > 0;
  }

  /** Writes the user's choice for each kind given (kinds not given keep theirs). */
  async save(userId: string, organisationId: string, items: { kind: string; email: boolean }[]): Promise<void> {
    if (!items.length) return;
    await this.db.manager.query(
      `INSERT INTO notification_preferences (user_id, organisation_id, kind, email)
       SELECT $1, $2, k, e FROM unnest($3::text[], $4::boolean[]) AS t(k, e)
       ON CONFLICT (user_id, kind) DO UPDATE SET email = EXCLUDED.email, updated_at = now()`,
      [userId, organisationId, items.map((i) => i.kind), items.map((i) => i.email)],
    );
  }
}
