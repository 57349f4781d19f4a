export { batchEntities } from './entities/batch.entities';
export { batchMigrations } from './migrations';
export { BatchesModule } from './batches.module';
export { BatchService } from './services/batch.service';
