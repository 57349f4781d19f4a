import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity } from '../rls';

/**
 * The second factor (TOTP secret sealed, last accepted step, recovery codes hashed), a session's
 * last-seen and second-factor times, and an institution's policy that all its users use one.
 * Both tables belong to their user's organisation (RLS); sign-in reads them through a SECURITY
 * DEFINER look-up before any scope exists, like auth_user_claims.
 */
export class SecondFactor1796612331292 implements MigrationInterface {
  name = 'SecondFactor1796612331292';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "second_factors" ("user_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "secret_sealed" bytea, "confirmed_at" TIMESTAMP WITH TIME ZONE, "last_step" bigint, "exempt_until" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_second_factors" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`CREATE TABLE "recovery_codes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "code_hash" text NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_recovery_codes" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_recovery_codes_user" ON "recovery_codes"  ("user_id") `);
    await queryRunner.query(`ALTER TABLE "auth_sessions" ADD "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "auth_sessions" ADD "second_factor_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "organisations" ADD "second_factor_required" boolean NOT NULL DEFAULT false`);
    for (const t of ['second_factors', 'recovery_codes']) {
      for (const sql of enableRowLevelSecurity(t)) await queryRunner.query(sql);
      await queryRunner.query(`CREATE POLICY ${t}_own_organisation ON ${t} FOR ALL
        USING (app_is_operator() OR organisation_id = app_org_id())
        WITH CHECK (app_is_operator() OR organisation_id = app_org_id())`);
      await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO accord_app`);
    }
    await queryRunner.query(`CREATE FUNCTION auth_second_factor(p_user_id uuid)
      RETURNS TABLE (policy_required boolean, secret_sealed bytea, confirmed_at timestamptz, last_step bigint, exempt_until timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT o.second_factor_required, f.secret_sealed, f.confirmed_at, f.last_step, f.exempt_until
        FROM users u JOIN organisations o ON o.id = u.organisation_id
        LEFT JOIN second_factors f ON f.user_id = u.id
        WHERE u.id = p_user_id
      $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION auth_second_factor(uuid) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION auth_second_factor(uuid) TO accord_app`);
    // An institution sets its own policy and nothing else of its row (organisations_write is the
    // operators'): one column, its own organisation, read from the transaction's RLS settings.
    await queryRunner.query(`CREATE FUNCTION organisation_set_second_factor_policy(p_required boolean) RETURNS integer
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
      DECLARE n integer;
      BEGIN
        UPDATE organisations SET second_factor_required = p_required WHERE id = app_org_id() AND app_kind() = 'institution' AND kind = 'institution';
        GET DIAGNOSTICS n = ROW_COUNT;
        RETURN n;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION organisation_set_second_factor_policy(boolean) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION organisation_set_second_factor_policy(boolean) TO accord_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION organisation_set_second_factor_policy(boolean)`);
    await queryRunner.query(`DROP FUNCTION auth_second_factor(uuid)`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "second_factor_required"`);
    await queryRunner.query(`ALTER TABLE "auth_sessions" DROP COLUMN "second_factor_at"`);
    await queryRunner.query(`ALTER TABLE "auth_sessions" DROP COLUMN "last_seen_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_recovery_codes_user"`);
    await queryRunner.query(`DROP TABLE "recovery_codes"`);
    await queryRunner.query(`DROP TABLE "second_factors"`);
  }
}
