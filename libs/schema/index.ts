import { ApiKeyEntity, AuthSessionEntity, RefreshTokenEntity } from '@accord/core/auth/entities';
import { AuditEventEntity } from '@accord/core/audit/audit-event.entity';
import { OutboxEventEntity } from '@accord/core/queue/outbox-event.entity';
import { ProcessedJobEntity } from '@accord/core/queue/processed-job.entity';
import { calendarEntities } from '@accord/core/calendar/calendar-day.entity';
import { caseEntities } from '@accord/cases';
import { notificationEntities } from '@accord/notifications';
import { schedulingEntities } from '@accord/scheduling';
import { sessionConsoleEntities } from '@accord/sessions';
import { outcomeEntities } from '@accord/outcomes';
import { organisationEntities } from '@accord/organisations';
import { videoEntities } from '@accord/video';
import { statisticsEntities } from '@accord/statistics';

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
  ...calendarEntities,
  AuthSessionEntity,
  RefreshTokenEntity,
  ApiKeyEntity,
  AuditEventEntity,
  OutboxEventEntity,
  ProcessedJobEntity,
];
