export * from './realtime.module';
export * from './realtime.publisher';
export * from './realtime.gateway';
export * from './redis-io.adapter';
export * from './room-access.service';
