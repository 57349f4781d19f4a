import { Global, Module } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimePublisher } from './realtime.publisher';
import { RoomAccess } from './room-access.service';
import { CatchUpRepository } from './catch-up.repository';

/** The API side: the gateway and the room rules. */
@Global()
@Module({ providers: [RealtimeGateway, RoomAccess, CatchUpRepository], exports: [RoomAccess, RealtimeGateway] })
export class RealtimeModule {}

/** The worker side: publishing to the stream the API processes follow. */
@Global()
@Module({ providers: [RealtimePublisher], exports: [RealtimePublisher] })
export class RealtimePublisherModule {}
