export { caseEntities } from './entities';
