export { caseEntities } from './entities';
export { caseMigrations } from './migrations';
export { CasesModule } from './cases.module';
export { CaseFacts } from './services/case-facts.service';
export { CaseReading } from './services/case-reading.service';
export { CaseLifecycle } from './services/case-lifecycle.service';
export type { CaseBankReference, ConcludedCaseFacts } from './services/case-facts.service';
