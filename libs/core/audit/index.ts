export * from './audit.service';
export * from './audit-event.entity';
