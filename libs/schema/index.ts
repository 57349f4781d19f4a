import { ApiKeyEntity, AuthSessionEntity, RecoveryCodeEntity, RefreshTokenEntity, SecondFactorEntity } from '@accord/core/auth/entities';
import { AuditEventEntity } from '@accord/core/audit/audit-event.entity';
import { OutboxEventEntity } from '@accord/core/queue/outbox-event.entity';
import { ProcessedJobEntity } from '@accord/core/queue/processed-job.entity';
import { calendarEntities } from '@accord/core/calendar/calendar-day.entity';
import { coreMigrations } from '@accord/core/database/migrations';
import { caseEntities, caseMigrations } from '@accord/cases';
import { notificationEntities, notificationMigrations } from '@accord/notifications';
import { schedulingEntities, schedulingMigrations } from '@accord/scheduling';
import { sessionConsoleEntities, sessionConsoleMigrations } from '@accord/sessions';
import { outcomeEntities, outcomeMigrations } from '@accord/outcomes';
import { organisationEntities } from '@accord/organisations';
import { videoEntities, videoMigrations } from '@accord/video';
import { statisticsEntities, statisticsMigrations } from '@accord/statistics';
import { supervisionEntities, supervisionMigrations } from '@accord/supervision';
import { webhookEntities, webhookMigrations } from '@accord/webhooks';
import { consentEntities, consentMigrations } from '@accord/consent';
import { qualityEntities, qualityMigrations } from '@accord/quality';
import { batchEntities, batchMigrations } from '@accord/batches';

/** The whole data model: the apps, the migration generator and the tests load this list. */
export const allEntities: Function[] = [
  ...organisationEntities,
  ...notificationEntities,
  ...caseEntities,
  ...schedulingEntities,
  ...sessionConsoleEntities,
  ...outcomeEntities,
  ...videoEntities,
  ...statisticsEntities,
  ...supervisionEntities,
  ...webhookEntities,
  ...consentEntities,
  ...qualityEntities,
  ...batchEntities,
  ...calendarEntities,
  AuthSessionEntity,
  RefreshTokenEntity,
  ApiKeyEntity,
  AuditEventEntity,
  OutboxEventEntity,
  ProcessedJobEntity,
  SecondFactorEntity,
  RecoveryCodeEntity,
];

/** The 13-digit timestamp that ends a migration's class name (TypeORM orders by it too). */
export function migrationTimestamp(migration: Function): number {
  const stamp = /(\d{13})$/.exec(migration.name);
  if (!stamp) throw new Error(`migration ${migration.name} does not end in a 13-digit timestamp`);
  return Number(stamp[1]);
}

/**
 * The one migration history, in the order it runs: each lib keeps its migrations beside its
 * entities (libs/<lib>/migrations, core's in libs/core/database/migrations) and they interleave
 * here by timestamp, so a database migrated before they moved sees nothing pending.
 */
export const allMigrations: Function[] = [
  ...coreMigrations,
  ...notificationMigrations,
  ...caseMigrations,
  ...schedulingMigrations,
  ...sessionConsoleMigrations,
  ...outcomeMigrations,
  ...videoMigrations,
  ...statisticsMigrations,
  ...supervisionMigrations,
  ...webhookMigrations,
  ...consentMigrations,
  ...qualityMigrations,
  ...batchMigrations,
].sort((a, b) => migrationTimestamp(a) - migrationTimestamp(b));
