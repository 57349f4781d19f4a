export * from './calendar.module';
export * from './calendar.service';
export * from './working-days';
export * from './national-calendar';
export * from './calendar.sql';
