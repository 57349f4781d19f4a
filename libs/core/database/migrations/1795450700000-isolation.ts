import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity } from '../rls';

/**
 * The database wall. The application connects as accord_app: no superuser, no BYPASSRLS,
 * owns nothing, DML only. Every tenant table has RLS enabled and forced; policies read the
 * transaction-local settings through app_* functions, so a missing context sees nothing.
 * Sign-in needs a few look-ups before any context exists: narrow SECURITY DEFINER functions.
 */
export class Isolation1795450700000 implements MigrationInterface {
  name = 'Isolation1795450700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      CREATE ROLE accord_app LOGIN PASSWORD 'accord_app' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await q.query(`DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO accord_app', current_database()); END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO accord_app`);

    await q.query(`CREATE FUNCTION app_kind() RETURNS text LANGUAGE sql STABLE AS
      $$ SELECT NULLIF(current_setting('app.kind', true), '') $$`);
    await q.query(`CREATE FUNCTION app_org_id() RETURNS uuid LANGUAGE sql STABLE AS
      $$ SELECT NULLIF(current_setting('app.org_id', true), '')::uuid $$`);
    await q.query(`CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
      $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$`);
    await q.query(`CREATE FUNCTION app_branch_path() RETURNS text LANGUAGE sql STABLE AS
      $$ SELECT NULLIF(current_setting('app.branch_path', true), '') $$`);
    await q.query(`CREATE FUNCTION app_center_ids() RETURNS uuid[] LANGUAGE sql STABLE AS
      $$ SELECT COALESCE(string_to_array(NULLIF(current_setting('app.center_ids', true), ''), ',')::uuid[], '{}') $$`);
    await q.query(`CREATE FUNCTION app_is_operator() RETURNS boolean LANGUAGE sql STABLE AS
      $$ SELECT COALESCE(app_kind() IN ('platform', 'system'), false) $$`);

    const tables = [
      'organisations',
      'regulator_jurisdictions',
      'branches',
      'memberships',
      'users',
      'auth_sessions',
      'refresh_tokens',
      'api_keys',
      'audit_events',
      'outbox',
      'processed_jobs',
      'notifications',
    ];
    for (const t of tables) for (const sql of enableRowLevelSecurity(t)) await q.query(sql);

    // Organisations: one's own; a center sees the institutions it can admit, an institution
    // the centers it belongs to, a regulator its jurisdiction and their members.
    await q.query(`CREATE POLICY organisations_read ON organisations FOR SELECT USING (
      app_is_operator()
      OR id = app_org_id()
      OR (app_kind() = 'center' AND kind = 'institution')
      OR (app_kind() = 'institution' AND kind = 'center' AND EXISTS (
            SELECT 1 FROM memberships m WHERE m.center_id = organisations.id AND m.institution_id = app_org_id()))
      OR (app_kind() = 'regulator' AND (id = ANY (app_center_ids()) OR (kind = 'institution' AND EXISTS (
            SELECT 1 FROM memberships m WHERE m.institution_id = organisations.id AND m.center_id = ANY (app_center_ids())))))
    )`);
    await q.query(`CREATE POLICY organisations_write ON organisations FOR ALL
      USING (app_is_operator()) WITH CHECK (app_is_operator())`);

    await q.query(`CREATE POLICY regulator_jurisdictions_read ON regulator_jurisdictions FOR SELECT USING (
      app_is_operator() OR regulator_id = app_org_id() OR center_id = app_org_id())`);
    await q.query(`CREATE POLICY regulator_jurisdictions_write ON regulator_jurisdictions FOR ALL
      USING (app_is_operator()) WITH CHECK (app_is_operator())`);

    // Branches: the institution's own tree (a pinned user only its subtree); centers and
    // regulators see the trees of the member institutions they deal with.
    await q.query(`CREATE POLICY branches_read ON branches FOR SELECT USING (
      app_is_operator()
      OR (institution_id = app_org_id() AND (app_branch_path() IS NULL OR path LIKE app_branch_path() || '%'))
      OR (app_kind() = 'center' AND EXISTS (
            SELECT 1 FROM memberships m WHERE m.institution_id = branches.institution_id AND m.center_id = app_org_id()))
      OR (app_kind() = 'regulator' AND EXISTS (
            SELECT 1 FROM memberships m WHERE m.institution_id = branches.institution_id AND m.center_id = ANY (app_center_ids())))
    )`);
    await q.query(`CREATE POLICY branches_write ON branches FOR ALL
      USING (app_is_operator() OR (app_kind() = 'institution' AND institution_id = app_org_id() AND app_branch_path() IS NULL))
      WITH CHECK (app_is_operator() OR (app_kind() = 'institution' AND institution_id = app_org_id() AND app_branch_path() IS NULL))`);

    await q.query(`CREATE POLICY memberships_read ON memberships FOR SELECT USING (
      app_is_operator() OR center_id = app_org_id() OR institution_id = app_org_id()
      OR (app_kind() = 'regulator' AND center_id = ANY (app_center_ids())))`);
    await q.query(`CREATE POLICY memberships_write ON memberships FOR ALL
      USING (app_is_operator() OR (app_kind() = 'center' AND center_id = app_org_id()))
      WITH CHECK (app_is_operator() OR (app_kind() = 'center' AND center_id = app_org_id()))`);

    await q.query(`CREATE POLICY users_own_organisation ON users FOR ALL
      USING (app_is_operator() OR organisation_id = app_org_id())
      WITH CHECK (app_is_operator() OR organisation_id = app_org_id())`);

    for (const t of ['auth_sessions', 'refresh_tokens']) {
      await q.query(`CREATE POLICY ${t}_own_organisation ON ${t} FOR ALL
        USING (app_is_operator() OR organisation_id = app_org_id())
        WITH CHECK (app_is_operator() OR organisation_id = app_org_id())`);
    }

    await q.query(`CREATE POLICY api_keys_own_institution ON api_keys FOR ALL
      USING (app_kind() = 'system' OR (app_kind() = 'institution' AND institution_id = app_org_id()))
      WITH CHECK (app_kind() = 'system' OR (app_kind() = 'institution' AND institution_id = app_org_id()))`);

    // Audit: append-only (grants below), each organisation reads its own trail.
    await q.query(`CREATE POLICY audit_events_read ON audit_events FOR SELECT USING (
      app_kind() = 'system' OR organisation_id = app_org_id())`);
    await q.query(`CREATE POLICY audit_events_append ON audit_events FOR INSERT WITH CHECK (
      app_kind() IS NOT NULL AND (app_is_operator() OR organisation_id = app_org_id()))`);

    // Outbox: any scoped transaction appends its own events; only the relay reads them all.
    await q.query(`CREATE POLICY outbox_append ON outbox FOR INSERT WITH CHECK (
      app_kind() IS NOT NULL AND (app_is_operator() OR organisation_id = app_org_id()))`);
    await q.query(`CREATE POLICY outbox_relay ON outbox FOR ALL
      USING (app_kind() = 'system') WITH CHECK (app_kind() = 'system')`);
    await q.query(`CREATE POLICY processed_jobs_worker ON processed_jobs FOR ALL
      USING (app_kind() = 'system') WITH CHECK (app_kind() = 'system')`);

    await q.query(`CREATE POLICY notifications_read ON notifications FOR SELECT USING (
      app_kind() = 'system' OR (organisation_id = app_org_id() AND user_id = app_user_id()))`);
    await q.query(`CREATE POLICY notifications_mark_read ON notifications FOR UPDATE
      USING (organisation_id = app_org_id() AND user_id = app_user_id())
      WITH CHECK (organisation_id = app_org_id() AND user_id = app_user_id())`);
    await q.query(`CREATE POLICY notifications_deliver ON notifications FOR INSERT WITH CHECK (app_kind() = 'system')`);

    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON
      organisations, regulator_jurisdictions, branches, memberships, users, auth_sessions, refresh_tokens, api_keys,
      outbox, notifications TO accord_app`);
    await q.query(`GRANT SELECT, INSERT ON audit_events, processed_jobs TO accord_app`);
    await q.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO accord_app`);

    // Look-ups before a tenant context exists. Each answers one narrow question.
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
    // plpgsql: its plan is cached per connection; this runs on every authenticated request.
    await q.query(`CREATE FUNCTION auth_session_active(p_session_id uuid) RETURNS boolean
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        RETURN EXISTS (SELECT 1 FROM auth_sessions s JOIN users u ON u.id = s.user_id
                       WHERE s.id = p_session_id AND s.revoked_at IS NULL AND s.expires_at > now() AND u.is_active);
      END $$`);
    await q.query(`CREATE FUNCTION auth_refresh_token(p_hash bytea)
      RETURNS TABLE (token_id uuid, session_id uuid, organisation_id uuid, user_id uuid, used_at timestamptz,
                     expires_at timestamptz, session_revoked_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT t.id, t.session_id, t.organisation_id, s.user_id, t.used_at, t.expires_at, s.revoked_at
        FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id WHERE t.token_hash = p_hash
      $$`);
    // Volatile: it also stamps last_used_at (at most once a minute, to spare writes).
    await q.query(`CREATE FUNCTION auth_api_key(p_hash bytea)
      RETURNS TABLE (api_key_id uuid, institution_id uuid, revoked_at timestamptz, institution_active boolean)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        UPDATE api_keys k SET last_used_at = now()
          WHERE k.key_hash = p_hash AND k.revoked_at IS NULL
            AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute');
        RETURN QUERY SELECT k.id, k.institution_id, k.revoked_at, o.is_active
          FROM api_keys k JOIN organisations o ON o.id = k.institution_id WHERE k.key_hash = p_hash;
      END $$`);
    for (const fn of [
      'auth_user_claims(text, uuid)',
      'auth_session_active(uuid)',
      'auth_refresh_token(bytea)',
      'auth_api_key(bytea)',
    ]) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO accord_app`);
    }

    // Wakes the outbox relay at once instead of at its next poll.
    await q.query(`CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER outbox_notify ON outbox`);
    await q.query(`DROP FUNCTION outbox_notify()`);
    for (const fn of ['auth_api_key(bytea)', 'auth_refresh_token(bytea)', 'auth_session_active(uuid)', 'auth_user_claims(text, uuid)']) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    const policies: [string, string][] = [
      ['notifications', 'notifications_deliver'],
      ['notifications', 'notifications_mark_read'],
      ['notifications', 'notifications_read'],
      ['processed_jobs', 'processed_jobs_worker'],
      ['outbox', 'outbox_relay'],
      ['outbox', 'outbox_append'],
      ['audit_events', 'audit_events_append'],
      ['audit_events', 'audit_events_read'],
      ['api_keys', 'api_keys_own_institution'],
      ['refresh_tokens', 'refresh_tokens_own_organisation'],
      ['auth_sessions', 'auth_sessions_own_organisation'],
      ['users', 'users_own_organisation'],
      ['memberships', 'memberships_write'],
      ['memberships', 'memberships_read'],
      ['branches', 'branches_write'],
      ['branches', 'branches_read'],
      ['regulator_jurisdictions', 'regulator_jurisdictions_write'],
      ['regulator_jurisdictions', 'regulator_jurisdictions_read'],
      ['organisations', 'organisations_write'],
      ['organisations', 'organisations_read'],
    ];
    for (const [t, p] of policies) await q.query(`DROP POLICY ${p} ON ${t}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM accord_app`);
    for (const fn of ['app_is_operator', 'app_center_ids', 'app_branch_path', 'app_user_id', 'app_org_id', 'app_kind']) {
      await q.query(`DROP FUNCTION ${fn}()`);
    }
  }
}
