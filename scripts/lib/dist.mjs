// Loads the built server code (dist/) from plain Node scripts.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
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

/**
 * How the API and the worker are started from dist/: Node's arguments before the entry file.
 * The V8 flags (server-node-flags.json, which the fault suite's processes read too) are the
 * servers' memory budget. They size the heap when the process starts, so they go on the
 * command line. Node 24 sizes the young generation from the machine's memory (64 MB
 * semi-spaces here, 24 GB), and lets the old generation fill with garbage promoted from
 * requests in flight before it marks: the API held 610 MB under /me load with 230 MB of heap
 * in use. 32 MB semi-spaces and a 384 MB old generation keep it near 300 MB at the same
 * throughput; the old generation's ceiling leaves about 250 MB above what a loaded API holds
 * (sockets, exports streamed in batches). The Dockerfile sets the same flags in NODE_OPTIONS
 * (a unit test keeps the two alike).
 */
export const SERVER_NODE_FLAGS = JSON.parse(readFileSync(path.join(root, 'scripts/lib/server-node-flags.json'), 'utf8'));

/** Node's arguments to run `dist/apps/<app>/src/main.js` (app: api or worker). */
export function serverArgs(app) {
  return [...SERVER_NODE_FLAGS, '-r', './dist/aliases.js', `dist/apps/${app}/src/main.js`];
}
