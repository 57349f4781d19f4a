// Writes the OpenAPI spec the API serves at /api/docs to apps/api/openapi.json, the parts of it
// derived from the TypeScript types to apps/api/src/openapi-types.json (the server merges them in
// at start), and the portal's client types generated from the spec to
// apps/portal/src/api/schema.d.ts (openapi-typescript). `--check` fails when a committed file
// differs from the code (CI): a server change that breaks the portal then fails its typecheck.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { apiSchemas } from './lib/api-schemas.mjs';
import { clientTypes } from './lib/client-types.mjs';
import { loadDist, root } from './lib/dist.mjs';

const check = process.argv.includes('--check');
let derived;
try {
  derived = apiSchemas(root);
} catch (error) {
  console.error(`openapi: ${error.message}`);
  process.exit(1);
}

const { AppModule } = loadDist('apps/api/src/app.module.js');
const { buildOpenApi } = loadDist('apps/api/src/openapi.js');
const require = createRequire(import.meta.url);
const { NestFactory } = require('@nestjs/core');
const { FastifyAdapter } = require('@nestjs/platform-fastify');

// Preview mode builds the module graph without instantiating providers: no database needed.
const app = await NestFactory.create(AppModule.forRoot({ LOG_LEVEL: 'silent' }), new FastifyAdapter(), { preview: true, logger: false });
app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready'] });
const document = buildOpenApi(app, derived);

const files = {
  'apps/api/src/openapi-types.json': JSON.stringify(derived, null, 2) + '\n',
  'apps/api/openapi.json': JSON.stringify(document, null, 2) + '\n',
  'apps/portal/src/api/schema.d.ts': await clientTypes(document),
};
const paths = Object.keys(document.paths).length;
let stale = 0;
for (const [file, text] of Object.entries(files)) {
  const target = path.join(root, file);
  if (!check) writeFileSync(target, text);
  else if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
    console.error(`${file} is out of date: run \`npm run build:server && npm run openapi\` and commit it.`);
    stale++;
  }
}
if (stale) process.exit(1);
console.log(check ? `openapi: the spec and the portal's client types match the code (${paths} paths)` : `openapi: wrote ${Object.keys(files).join(', ')} (${paths} paths)`);
process.exit(0);
