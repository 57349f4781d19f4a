import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HealthService, SHIPPED_MIGRATIONS } from './health.service';

@Module({})
export class HealthModule {
  /** `migrations`: every migration the code ships (libs/schema's allMigrations); readiness wants them all applied. */
  static forRoot(migrations: Function[]): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
      controllers: [HealthController],
      providers: [HealthService, { provide: SHIPPED_MIGRATIONS, useValue: migrations }],
    };
  }
}
