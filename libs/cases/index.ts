export { caseEntities } from './entities';
export { CasesModule } from './cases.module';
export { CaseService } from './services/case.service';
export { CaseFacts } from './services/case-facts.service';
export { CaseReading } from './services/case-reading.service';
export { CaseLifecycle } from './services/case-lifecycle.service';
export type { ConcludedCaseFacts } from './services/case-facts.service';
