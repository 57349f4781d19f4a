import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity } from '@accord/core/database/rls';

/**
 * RLS for recordings, beside the table: read like the session (the center, the respondent bank
 * within its subtree); started, continued and stopped only by the center's own staff (the
 * server stops a recording through the system scope when a consent goes away). Never deleted
 * by the application role.
 */
export class VideoRecordingsIsolation1795470100003 implements MigrationInterface {
  name = 'VideoRecordingsIsolation1795470100003';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of enableRowLevelSecurity('video_recordings')) await q.query(sql);
    const centerOwn = `((SELECT app_kind()) = 'center' AND center_id = (SELECT app_org_id()))`;
    const institutionOwn = `((SELECT app_kind()) = 'institution' AND institution_id = (SELECT app_org_id())
      AND ((SELECT app_branch_path()) IS NULL OR branch_path LIKE (SELECT app_branch_path()) || '%'))`;
    await q.query(`CREATE POLICY video_recordings_read ON video_recordings FOR SELECT USING (
      (SELECT app_kind()) = 'system' OR ${centerOwn} OR ${institutionOwn})`);
    await q.query(`CREATE POLICY video_recordings_start ON video_recordings FOR INSERT WITH CHECK (
      (SELECT app_kind()) = 'system' OR (${centerOwn} AND started_by = (SELECT app_user_id())))`);
    await q.query(`CREATE POLICY video_recordings_change ON video_recordings FOR UPDATE
      USING ((SELECT app_kind()) = 'system' OR ${centerOwn}) WITH CHECK ((SELECT app_kind()) = 'system' OR ${centerOwn})`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON video_recordings TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON video_recordings FROM accord_app`);
    for (const p of ['video_recordings_read', 'video_recordings_start', 'video_recordings_change']) await q.query(`DROP POLICY ${p} ON video_recordings`);
  }
}
