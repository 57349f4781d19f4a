export * from './queue-board.module';
export * from './queue-board.service';
