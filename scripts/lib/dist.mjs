// Loads the built server code (dist/) from plain Node scripts.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

export function loadDist(relative) {
  const aliases = path.join(root, 'dist/aliases.js');
  if (!existsSync(aliases)) {
    console.error('dist/ is missing: run `npm run build:server` first.');
    process.exit(1);
  }
  require(aliases);
  require('reflect-metadata');
  return require(path.join(root, 'dist', relative));
}

export function databaseUrl() {
  return process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/accord';
}
