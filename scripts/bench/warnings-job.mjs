// Issue 15's early-warning figure, run as a child of `npm run bench -- --only=statistics` with the
// bench database's environment: the worker's own module graph (not a copy of its queries), built
// without starting its consumers or schedules, and WarningDetectionService.detect() — the whole
// job: every institution × center and institution × business line, week and month, read, judged
// and inserted — timed `RUNS` times. Prints one JSON line: { seconds: [...], raised }.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { loadDist } from '../lib/dist.mjs';

const require = createRequire(import.meta.url);

const RUNS = Number(process.env.RUNS || 5);
const { WorkerModule } = loadDist('apps/worker/src/worker.module.js');
const { WarningDetectionService } = loadDist('libs/supervision/services/warning-detection.service.js');
const { Database, SYSTEM_SCOPE } = loadDist('libs/core/index.js');
const { NestFactory } = require('@nestjs/core');

// createApplicationContext resolves the providers (and opens the pool) but runs no bootstrap
// hooks: no relay, no job consumer, no schedule competing with the measurement.
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({}), { logger: false });
try {
  const detection = app.get(WarningDetectionService);
  const db = app.get(Database);
  const seconds = [];
  let raised = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    raised += await db.run(SYSTEM_SCOPE, () => detection.detect());
    seconds.push((performance.now() - t) / 1000);
  }
  console.log(JSON.stringify({ seconds, raised }));
} finally {
  await app.close();
}
