export * from './data-source';
export * from './database.service';
export * from './naming.strategy';
export * from './timestamps';
export * from './database.module';
export * from './sql-params';
export * from './sql-executor';
export * from './case-owned';
