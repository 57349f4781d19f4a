export * from './audit.service';
export * from './audit-event.entity';
export * from './audit.sql';
