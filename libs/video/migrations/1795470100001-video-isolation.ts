import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity } from '@accord/core/database/rls';

/**
 * RLS for recording consents, beside the table. Read like the session: the center, the
 * respondent bank (its subtree for a pinned user). Each portal user writes only their own
 * answer, for their own side (the center's staff as 'mediator', the bank's as 'bank'); the
 * consumer's answer comes through the system scope.
 */
export class VideoIsolation1795470100001 implements MigrationInterface {
  name = 'VideoIsolation1795470100001';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of enableRowLevelSecurity('video_consents')) await q.query(sql);
    const centerOwn = `((SELECT app_kind()) = 'center' AND center_id = (SELECT app_org_id()))`;
    const institutionOwn = `((SELECT app_kind()) = 'institution' AND institution_id = (SELECT app_org_id())
      AND ((SELECT app_branch_path()) IS NULL OR branch_path LIKE (SELECT app_branch_path()) || '%'))`;
    const ownAnswer = `participant_key = 'user:' || (SELECT app_user_id())::text`;
    await q.query(`CREATE POLICY video_consents_read ON video_consents FOR SELECT USING (
      (SELECT app_kind()) = 'system' OR ${centerOwn} OR ${institutionOwn})`);
    const write = `(SELECT app_kind()) = 'system' OR (${centerOwn} AND party = 'mediator' AND ${ownAnswer}) OR (${institutionOwn} AND party = 'bank' AND ${ownAnswer})`;
    await q.query(`CREATE POLICY video_consents_answer ON video_consents FOR INSERT WITH CHECK (${write})`);
    await q.query(`CREATE POLICY video_consents_change ON video_consents FOR UPDATE USING (${write}) WITH CHECK (${write})`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON video_consents TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON video_consents FROM accord_app`);
    for (const p of ['video_consents_read', 'video_consents_answer', 'video_consents_change']) await q.query(`DROP POLICY ${p} ON video_consents`);
  }
}
