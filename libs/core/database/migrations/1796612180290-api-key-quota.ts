import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each API key's own quota of requests per minute, set by its institution's admin; the
 * authentication look-up returns it with the key, so counting it costs no extra query.
 */
export class ApiKeyQuota1796612180290 implements MigrationInterface {
  name = 'ApiKeyQuota1796612180290';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "api_keys" ADD "rate_per_minute" integer NOT NULL DEFAULT 600`);
    await q.query(`ALTER TABLE "api_keys" ADD CONSTRAINT "chk_api_keys_rate_per_minute" CHECK (rate_per_minute BETWEEN 1 AND 100000)`);
    // A function's result columns cannot change in place: dropped and created again, grants too.
    await q.query(`DROP FUNCTION auth_api_key(bytea)`);
    await q.query(API_KEY_FUNCTION(true));
    await q.query(`REVOKE ALL ON FUNCTION auth_api_key(bytea) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION auth_api_key(bytea) TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION auth_api_key(bytea)`);
    await q.query(API_KEY_FUNCTION(false));
    await q.query(`REVOKE ALL ON FUNCTION auth_api_key(bytea) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION auth_api_key(bytea) TO accord_app`);
    await q.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "chk_api_keys_rate_per_minute"`);
    await q.query(`ALTER TABLE "api_keys" DROP COLUMN "rate_per_minute"`);
  }
}

const API_KEY_FUNCTION = (withRate: boolean) => `CREATE FUNCTION auth_api_key(p_hash bytea)
  RETURNS TABLE (api_key_id uuid, institution_id uuid, revoked_at timestamptz, institution_active boolean${withRate ? ', rate_per_minute integer' : ''})
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  BEGIN
    UPDATE api_keys k SET last_used_at = now()
      WHERE k.key_hash = p_hash AND k.revoked_at IS NULL
        AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute');
    RETURN QUERY SELECT k.id, k.institution_id, k.revoked_at, o.is_active${withRate ? ', k.rate_per_minute' : ''}
      FROM api_keys k JOIN organisations o ON o.id = k.institution_id WHERE k.key_hash = p_hash;
  END $$`;
