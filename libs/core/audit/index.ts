export * from './audit.service';
export * from './audit-event.entity';
export * from './audit.sql';
export * from './audit-detail';
export { AuditArchiveSchedule } from './archive-audit.job';
