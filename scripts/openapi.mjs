// Writes the OpenAPI spec the API serves at /api/docs to apps/api/openapi.json;
// `--check` fails when the committed file differs from the code (CI).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { loadDist, root } from './lib/dist.mjs';

const { AppModule } = loadDist('apps/api/src/app.module.js');
const { buildOpenApi } = loadDist('apps/api/src/bootstrap.js');
const require = createRequire(import.meta.url);
const { NestFactory } = require('@nestjs/core');
const { FastifyAdapter } = require('@nestjs/platform-fastify');

// Preview mode builds the module graph without instantiating providers: no database needed.
const app = await NestFactory.create(AppModule.forRoot({ LOG_LEVEL: 'silent' }), new FastifyAdapter(), { preview: true, logger: false });
app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready'] });
const spec = JSON.stringify(buildOpenApi(app), null, 2) + '\n';
const target = path.join(root, 'apps/api/openapi.json');
if (process.argv.includes('--check')) {
  if (!existsSync(target) || readFileSync(target, 'utf8') !== spec) {
    console.error('apps/api/openapi.json is out of date: run `npm run openapi` and commit it.');
    process.exit(1);
  }
  console.log(`openapi: apps/api/openapi.json matches the code (${Object.keys(JSON.parse(spec).paths).length} paths)`);
} else {
  writeFileSync(target, spec);
  console.log(`openapi: wrote apps/api/openapi.json (${Object.keys(JSON.parse(spec).paths).length} paths)`);
}
process.exit(0);
