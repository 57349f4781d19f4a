import { CaseAttachmentEntity } from './case-attachment.entity';
import { CaseEventEntity } from './case-event.entity';
import { CaseNumberCounterEntity } from './case-number-counter.entity';
import { CaseSettingsEntity } from './case-settings.entity';
import { CaseEntity } from './case.entity';

export const caseEntities = [CaseEntity, CaseEventEntity, CaseAttachmentEntity, CaseNumberCounterEntity, CaseSettingsEntity];
