import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, environment, validateEnvironment } from './load-config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Validated configuration as one injectable object (`@Inject(APP_CONFIG)`). Overrides let a
 * test suite point an app at its own database and Redis prefix without touching process.env.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(overrides: Record<string, string> = {}): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useFactory: (): AppConfig => validateEnvironment({ ...environment(), ...overrides }) },
      ],
      exports: [APP_CONFIG],
    };
  }
}
