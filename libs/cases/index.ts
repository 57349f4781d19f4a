export { caseEntities } from './entities';
export { caseMigrations } from './migrations';
export { CasesModule } from './cases.module';
export { CaseService } from './services/case.service';
export { CaseFacts } from './services/case-facts.service';
