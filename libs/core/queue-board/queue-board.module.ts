import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config';
import { QueueBoardController } from './queue-board.controller';
import { QueueBoardService } from './queue-board.service';

/** The API's door to the queue dashboard; the dashboard itself is a Fastify plugin of the API. */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as string }),
    }),
  ],
  controllers: [QueueBoardController],
  providers: [QueueBoardService],
  exports: [QueueBoardService],
})
export class QueueBoardModule {}
