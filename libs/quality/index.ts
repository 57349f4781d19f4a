export { qualityEntities } from './entities/quality.entities';
export { qualityMigrations } from './migrations';
export { QualityModule } from './quality.module';
export { QualityService } from './services/quality.service';
export { drawnBySeed } from './services/sampling';
