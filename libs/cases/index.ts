export { caseEntities } from './entities';
export { CasesModule } from './cases.module';
