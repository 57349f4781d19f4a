import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An access token carries the user's roles, branch and reach (claims) for 15 minutes. A change
 * to any of them bumps the user's access_version; the per-request session check compares it with
 * the token's, so the old token stops at the next request and the portal's silent refresh
 * issues one with the new claims (re-read), instead of the user keeping old powers for minutes.
 */
export class AccessVersion1795471100000 implements MigrationInterface {
  name = 'AccessVersion1795471100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "access_version" integer NOT NULL DEFAULT 0`);
    await q.query(`CREATE FUNCTION users_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.roles IS DISTINCT FROM OLD.roles OR NEW.branch_id IS DISTINCT FROM OLD.branch_id
           OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id OR NEW.is_active IS DISTINCT FROM OLD.is_active THEN
          NEW.access_version := OLD.access_version + 1;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER users_access_changed BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_access_changed()`);
    // Open sockets joined their rooms under the old claims: end them (the relay disconnects the
    // user's sockets on session.ended; the portal refreshes its token and joins again as it now may).
    await q.query(`CREATE FUNCTION users_access_changed_notify() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        INSERT INTO outbox (organisation_id, type, rooms, payload)
          VALUES (NEW.organisation_id, 'session.ended', ARRAY['user:' || NEW.id], json_build_object('userId', NEW.id, 'reason', 'access-changed'));
        RETURN NULL;
      END $$`);
    // Not `UPDATE OF access_version`: a column trigger ignores what a BEFORE trigger changed.
    await q.query(`CREATE TRIGGER users_access_changed_notify AFTER UPDATE ON users
      FOR EACH ROW WHEN (NEW.access_version <> OLD.access_version) EXECUTE FUNCTION users_access_changed_notify()`);
    // An organisation's state and a regulator's jurisdiction are claims of all its users.
    await q.query(`CREATE FUNCTION organisation_access_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        UPDATE users SET access_version = access_version + 1 WHERE organisation_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER organisations_access_changed AFTER UPDATE OF is_active, kind ON organisations
      FOR EACH ROW WHEN (NEW.is_active IS DISTINCT FROM OLD.is_active OR NEW.kind IS DISTINCT FROM OLD.kind)
      EXECUTE FUNCTION organisation_access_changed()`);
    await q.query(`CREATE FUNCTION jurisdiction_access_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        UPDATE users SET access_version = access_version + 1
          WHERE organisation_id IN (SELECT regulator_id FROM changed);
        RETURN NULL;
      END $$`);
    // An update can move a jurisdiction from one regulator to another: both lose or gain a center.
    await q.query(`CREATE FUNCTION jurisdiction_access_moved() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        UPDATE users SET access_version = access_version + 1
          WHERE organisation_id IN (SELECT regulator_id FROM before_change UNION SELECT regulator_id FROM after_change);
        RETURN NULL;
      END $$`);
    for (const op of ['INSERT', 'DELETE']) {
      const table = op === 'DELETE' ? 'OLD TABLE' : 'NEW TABLE';
      await q.query(`CREATE TRIGGER regulator_jurisdictions_${op.toLowerCase()}_access AFTER ${op} ON regulator_jurisdictions
        REFERENCING ${table} AS changed FOR EACH STATEMENT EXECUTE FUNCTION jurisdiction_access_changed()`);
    }
    await q.query(`CREATE TRIGGER regulator_jurisdictions_update_access AFTER UPDATE ON regulator_jurisdictions
      REFERENCING OLD TABLE AS before_change NEW TABLE AS after_change FOR EACH STATEMENT EXECUTE FUNCTION jurisdiction_access_moved()`);

    await q.query(`DROP FUNCTION auth_session_active(uuid)`);
    // plpgsql: its plan is cached per connection; this runs on every authenticated request.
    await q.query(`CREATE FUNCTION auth_session_active(p_session_id uuid, p_access_version integer) RETURNS boolean
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        RETURN EXISTS (SELECT 1 FROM auth_sessions s JOIN users u ON u.id = s.user_id
                       WHERE s.id = p_session_id AND s.revoked_at IS NULL AND s.expires_at > now() AND u.is_active
                         AND u.access_version = p_access_version);
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION auth_session_active(uuid, integer) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION auth_session_active(uuid, integer) TO accord_app`);

    await q.query(`DROP FUNCTION auth_user_claims(text, uuid)`);
    await q.query(`CREATE FUNCTION auth_user_claims(p_username text, p_user_id uuid)
      RETURNS TABLE (user_id uuid, organisation_id uuid, organisation_kind text, organisation_active boolean,
                     password_hash text, roles text[], is_active boolean, branch_id uuid, branch_path text, center_ids uuid[],
                     access_version integer)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT u.id, o.id, o.kind, o.is_active, u.password_hash, u.roles, u.is_active, u.branch_id, b.path,
          CASE o.kind
            WHEN 'center' THEN ARRAY[o.id]
            WHEN 'regulator' THEN COALESCE((SELECT array_agg(j.center_id ORDER BY j.center_id)
                                            FROM regulator_jurisdictions j WHERE j.regulator_id = o.id), '{}')
            ELSE '{}'::uuid[] END,
          u.access_version
        FROM users u
        JOIN organisations o ON o.id = u.organisation_id
        LEFT JOIN branches b ON b.id = u.branch_id
        WHERE (p_username IS NOT NULL AND u.username = p_username) OR (p_user_id IS NOT NULL AND u.id = p_user_id)
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION auth_user_claims(text, uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION auth_user_claims(text, uuid) TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION auth_user_claims(text, uuid)`);
    await q.query(`CREATE FUNCTION auth_user_claims(p_username text, p_user_id uuid)
      RETURNS TABLE (user_id uuid, organisation_id uuid, organisation_kind text, organisation_active boolean,
                     password_hash text, roles text[], is_active boolean, branch_id uuid, branch_path text, center_ids uuid[])
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT u.id, o.id, o.kind, o.is_active, u.password_hash, u.roles, u.is_active, u.branch_id, b.path,
          CASE o.kind
            WHEN 'center' THEN ARRAY[o.id]
            WHEN 'regulator' THEN COALESCE((SELECT array_agg(j.center_id ORDER BY j.center_id)
                                            FROM regulator_jurisdictions j WHERE j.regulator_id = o.id), '{}')
            ELSE '{}'::uuid[] END
        FROM users u
        JOIN organisations o ON o.id = u.organisation_id
        LEFT JOIN branches b ON b.id = u.branch_id
        WHERE (p_username IS NOT NULL AND u.username = p_username) OR (p_user_id IS NOT NULL AND u.id = p_user_id)
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION auth_user_claims(text, uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION auth_user_claims(text, uuid) TO accord_app`);
    await q.query(`DROP FUNCTION auth_session_active(uuid, integer)`);
    await q.query(`CREATE FUNCTION auth_session_active(p_session_id uuid) RETURNS boolean
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        RETURN EXISTS (SELECT 1 FROM auth_sessions s JOIN users u ON u.id = s.user_id
                       WHERE s.id = p_session_id AND s.revoked_at IS NULL AND s.expires_at > now() AND u.is_active);
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION auth_session_active(uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION auth_session_active(uuid) TO accord_app`);
    for (const op of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER regulator_jurisdictions_${op}_access ON regulator_jurisdictions`);
    await q.query(`DROP FUNCTION jurisdiction_access_moved()`);
    await q.query(`DROP FUNCTION jurisdiction_access_changed()`);
    await q.query(`DROP TRIGGER organisations_access_changed ON organisations`);
    await q.query(`DROP FUNCTION organisation_access_changed()`);
    await q.query(`DROP TRIGGER users_access_changed_notify ON users`);
    await q.query(`DROP FUNCTION users_access_changed_notify()`);
    await q.query(`DROP TRIGGER users_access_changed ON users`);
    await q.query(`DROP FUNCTION users_access_changed()`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "access_version"`);
  }
}
