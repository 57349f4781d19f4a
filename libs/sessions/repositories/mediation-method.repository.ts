import { Injectable } from '@nestjs/common';
import { columns, Database, RowOf } from '@accord/core';
import { MediationMethodStepEntity } from '../entities/session-console.entities';

const STEP = columns(MediationMethodStepEntity, ['id', 'position', 'title', 'hint'] as const);
export type StepRow = RowOf<typeof STEP>;

/** The center's method checklist, and the steps ticked in a session. */
@Injectable()
export class MediationMethodRepository {
  constructor(private readonly db: Database) {}

  async steps(centerId: string): Promise<StepRow[]> {
    return (await this.db.manager.query(`SELECT ${STEP.select()} FROM mediation_method_steps WHERE center_id = $1 ORDER BY position`, [centerId])) as StepRow[];
  }

  /** The checklist with when each step was ticked in the session. */
  async stepsTicked(centerId: string, sessionId: string): Promise<(StepRow & { tickedAt: Date | null })[]> {
    return (await this.db.manager.query(
      `SELECT ${STEP.select('m')}, t.ticked_at AS "tickedAt" FROM mediation_method_steps m
       LEFT JOIN session_step_ticks t ON t.step_id = m.id AND t.session_id = $2
       WHERE m.center_id = $1 ORDER BY m.position`,
      [centerId, sessionId],
    )) as (StepRow & { tickedAt: Date | null })[];
  }

  async step(id: string, centerId: string): Promise<Omit<StepRow, 'hint'> | undefined> {
    const [step] = (await this.db.manager.query(`SELECT id, position, title FROM mediation_method_steps WHERE id = $1 AND center_id = $2`, [id, centerId])) as Omit<
      StepRow,
      'hint'
    >[];
    return step;
  }

  /** The tick keeps the step's position and title as they were when ticked. */
  async tick(sessionId: string, centerId: string, step: Omit<StepRow, 'hint'>, by: string | null): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO session_step_ticks (session_id, center_id, step_id, position, title, ticked_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (session_id, step_id) DO NOTHING`,
      [sessionId, centerId, step.id, step.position, step.title, by],
    );
  }

  async untick(sessionId: string, stepId: string): Promise<void> {
    await this.db.manager.query(`DELETE FROM session_step_ticks WHERE session_id = $1 AND step_id = $2`, [sessionId, stepId]);
  }

  async titles(centerId: string): Promise<{ id: string; title: string }[]> {
    return (await this.db.manager.query(`SELECT id, title FROM mediation_method_steps WHERE center_id = $1`, [centerId])) as { id: string; title: string }[];
  }

  /**
   * The checklist becomes `steps`, in order: the steps in `keep` (by id) stay, with their new
   * position and hint; the others go; new titles are added. Positions move out of the way first.
   */
  async replace(centerId: string, keep: string[], steps: { id?: string; title: string; hint: string | null }[]): Promise<void> {
    await this.db.manager.query(`DELETE FROM mediation_method_steps WHERE center_id = $1 AND NOT (id = ANY($2::uuid[]))`, [centerId, keep]);
    await this.db.manager.query(`UPDATE mediation_method_steps SET position = position + 1000 WHERE center_id = $1`, [centerId]);
    for (const [i, step] of steps.entries()) {
      if (step.id) await this.db.manager.query(`UPDATE mediation_method_steps SET position = $2, hint = $3 WHERE id = $1`, [step.id, i + 1, step.hint]);
      else await this.db.manager.query(`INSERT INTO mediation_method_steps (center_id, position, title, hint) VALUES ($1, $2, $3, $4)`, [centerId, i + 1, step.title, step.hint]);
    }
  }
}
