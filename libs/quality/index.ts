export { qualityEntities } from './entities/quality.entities';
export { qualityMigrations } from './migrations';
