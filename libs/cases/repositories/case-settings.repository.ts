import { Injectable } from '@nestjs/common';
import { Database } from '@accord/core';
import type { CaseSettingsDto } from '../dto/case.dto';

export interface CaseSettingsView {
  smallClaimsMaxFen: number;
  intakeDays: number;
  smallClaimsContactDays: number;
  firstSessionDays: number;
  closedRetentionMonths: number;
  consumerChoosesMediator: boolean;
}

/** A center's time limits and small-claims threshold; the defaults answer until it saves its own. */
@Injectable()
export class CaseSettingsRepository {
  constructor(private readonly db: Database) {}

  async get(centerId: string): Promise<CaseSettingsView> {
    const [row] = (await this.db.manager.query(
      `SELECT coalesce(s.small_claims_max_fen, 500000)::float8 AS "smallClaimsMaxFen", coalesce(s.intake_days, 5) AS "intakeDays",
              coalesce(s.small_claims_contact_days, 2) AS "smallClaimsContactDays", coalesce(s.first_session_days, 10) AS "firstSessionDays",
              coalesce(s.closed_retention_months, 36) AS "closedRetentionMonths", coalesce(s.consumer_chooses_mediator, false) AS "consumerChoosesMediator"
       FROM (SELECT 1) one LEFT JOIN case_settings s ON s.center_id = $1`,
      [centerId],
    )) as CaseSettingsView[];
    return row;
  }

  async save(centerId: string, dto: CaseSettingsDto): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO case_settings (center_id, small_claims_max_fen, intake_days, small_claims_contact_days, first_session_days, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (center_id) DO UPDATE SET small_claims_max_fen = EXCLUDED.small_claims_max_fen, intake_days = EXCLUDED.intake_days,
         small_claims_contact_days = EXCLUDED.small_claims_contact_days, first_session_days = EXCLUDED.first_session_days, updated_at = now()`,
      [centerId, dto.smallClaimsMaxFen, dto.intakeDays, dto.smallClaimsContactDays, dto.firstSessionDays],
    );
  }

  /** Only whether consumers choose their mediator; the rest keeps its values (or defaults). */
  async saveConsumerChoice(centerId: string, enabled: boolean): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO case_settings (center_id, consumer_chooses_mediator, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (center_id) DO UPDATE SET consumer_chooses_mediator = EXCLUDED.consumer_chooses_mediator, updated_at = now()`,
      [centerId, enabled],
    );
  }

  /** Only the retention period; the clock settings keep their values (or defaults). */
  async saveRetention(centerId: string, closedRetentionMonths: number): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO case_settings (center_id, closed_retention_months, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (center_id) DO UPDATE SET closed_retention_months = EXCLUDED.closed_retention_months, updated_at = now()`,
      [centerId, closedRetentionMonths],
    );
  }
}
