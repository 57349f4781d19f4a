export { supervisionEntities } from './entities/warning.entities';
export { supervisionMigrations } from './migrations';
export { SupervisionModule } from './supervision.module';
export { WarningSchedule } from './jobs/warning-schedule';
export { METHOD_TEXT, poissonQuantile } from './services/poisson';
