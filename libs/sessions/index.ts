export { sessionConsoleEntities } from './entities/session-console.entities';
export { sessionConsoleMigrations } from './migrations';
export { SessionsModule } from './sessions.module';
export { SessionConsoleService } from './services/session-console.service';
