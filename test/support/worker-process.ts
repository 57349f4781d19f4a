import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/**
 * Loads the worker's TypeScript straight from the source tree in a plain Node process: swc
 * compiles each .ts file as it is required (the options of jest.config.js) and the @accord/*
 * aliases resolve to libs/, as dist/aliases.js does for the build. No build step, no stale dist.
 */
const loader = `
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const { transformSync } = require('@swc/core');
const root = ${JSON.stringify(root)};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request.startsWith('@accord/')) {
    const [, lib, ...sub] = request.split('/');
    request = path.join(root, 'libs', lib, sub.length ? sub.join('/') : 'index');
  }
  return resolve.call(this, request, ...rest);
};
Module._extensions['.ts'] = function (module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(path.join(root, 'apps/worker/src/main.ts'));
`;

export interface WorkerProcess {
  child: ChildProcess;
  /** What the process wrote, for a failing test's message. */
  output: () => string;
  /** SIGKILL: no shutdown hook runs, the jobs in hand stay locked until BullMQ sees them stalled. */
  kill: () => Promise<void>;
}

/**
 * The real worker (apps/worker/src/main.ts) in its own process, on the suite's database and Redis
 * prefix; resolves once it says it runs (its relay and job consumer are up).
 */
export async function spawnWorker(env: Record<string, string>, timeoutMs = 60000): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['-e', loader], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = () => {
      if (output.includes('Accord worker running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`worker exited (${code ?? signal}) before it ran:\n${output}`));
    });
  });
  return {
    child,
    output: () => output,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
