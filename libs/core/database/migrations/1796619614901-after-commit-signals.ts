import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a transaction changed that other processes must hear of once it commits, collected in
 * the transaction-local setting `app.after_commit` (comma-separated keys) by triggers, so no
 * code path can forget it: `s:<session>` a session revoked or cut short, `u:<user>` a user
 * changed (access version, activity, profile), `o:<organisation>` an organisation or one of its
 * branches changed, `outbox` new outbox rows. Database.run reads the setting in its COMMIT round
 * trip and publishes the keys on Redis after the commit: the API processes drop cached sessions
 * and profiles (SessionCache), the outbox relay wakes.
 *
 * It replaces the outbox's NOTIFY trigger: a notifying commit takes a database-wide lock held
 * through the commit's WAL flush, so NOTIFY serialised every filing's commit behind every other
 * (and behind every other outbox write); the Redis signal costs PostgreSQL nothing, and the
 * relay still polls each second should a signal be lost.
 *
 * A writer outside the apps (no `app.kind` setting: a script, psql) NOTIFYs its keys on
 * `accord_after_commit` instead, which every app process LISTENs to.
 *
 * `auth_session_until` answers when a live session ends (NULL when it is not live), so a
 * cached session never outlives its row.
 */
export class AfterCommitSignals1796619614901 implements MigrationInterface {
  name = 'AfterCommitSignals1796619614901';

  async up(q: QueryRunner): Promise<void> {
    // A writer outside the apps (no app.kind: a script, psql as the owner) is not read back by
    // Database.run: it NOTIFYs instead, which the apps LISTEN to. The apps' own transactions
    // never NOTIFY.
    await q.query(`CREATE FUNCTION app_after_commit(p_key text) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF coalesce(current_setting('app.kind', true), '') = '' THEN
          PERFORM pg_notify('accord_after_commit', p_key);
        ELSIF coalesce(current_setting('app.after_commit', true), '') = '' THEN
          PERFORM set_config('app.after_commit', p_key, true);
        ELSIF position(p_key IN current_setting('app.after_commit', true)) = 0 THEN
          PERFORM set_config('app.after_commit', current_setting('app.after_commit', true) || ',' || p_key, true);
        END IF;
      END $$`);
    await q.query(`CREATE FUNCTION auth_sessions_after_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM app_after_commit('s:' || OLD.id); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER auth_sessions_after_commit AFTER UPDATE OR DELETE ON auth_sessions FOR EACH ROW
      WHEN (OLD.revoked_at IS NULL) EXECUTE FUNCTION auth_sessions_after_commit()`);
    await q.query(`CREATE FUNCTION users_after_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM app_after_commit('u:' || OLD.id); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER users_after_commit AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION users_after_commit()`);
    await q.query(`CREATE FUNCTION organisations_after_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM app_after_commit('o:' || OLD.id); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER organisations_after_commit AFTER UPDATE OR DELETE ON organisations FOR EACH ROW EXECUTE FUNCTION organisations_after_commit()`);
    // A profile names its branch.
    await q.query(`CREATE FUNCTION branches_after_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM app_after_commit('o:' || OLD.institution_id); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER branches_after_commit AFTER UPDATE OR DELETE ON branches FOR EACH ROW EXECUTE FUNCTION branches_after_commit()`);

    await q.query(`DROP TRIGGER outbox_notify ON outbox`);
    await q.query(`DROP FUNCTION outbox_notify()`);
    await q.query(`CREATE FUNCTION outbox_after_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM app_after_commit('outbox'); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER outbox_after_commit AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_after_commit()`);

    await q.query(`CREATE FUNCTION auth_session_until(p_session_id uuid, p_access_version integer) RETURNS timestamptz
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT s.expires_at FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = p_session_id AND s.revoked_at IS NULL AND s.expires_at > now() AND u.is_active
          AND u.access_version = p_access_version $$`);
    await q.query(`REVOKE ALL ON FUNCTION auth_session_until(uuid, integer) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION auth_session_until(uuid, integer) TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION auth_session_until(uuid, integer)`);
    await q.query(`DROP TRIGGER outbox_after_commit ON outbox`);
    await q.query(`DROP FUNCTION outbox_after_commit()`);
    await q.query(`CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
    for (const t of ['branches', 'organisations', 'users', 'auth_sessions']) {
      await q.query(`DROP TRIGGER ${t}_after_commit ON ${t}`);
      await q.query(`DROP FUNCTION ${t}_after_commit()`);
    }
    await q.query(`DROP FUNCTION app_after_commit(text)`);
  }
}
