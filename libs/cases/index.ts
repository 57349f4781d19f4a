export { caseEntities } from './entities';
export { CasesModule } from './cases.module';
export { CaseService } from './services/case.service';
