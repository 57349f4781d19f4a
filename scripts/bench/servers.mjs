// Child processes for `npm run bench`: start a server on a free port, wait until it
// answers, read its memory, and stop it again.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A port nobody listens on right now. The OS picks it; there is a short window before the
 * server binds it, which is acceptable on a machine that is not handing out ports in bulk.
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Every child from the moment it is spawned, so an interrupted or failed start-up still
// gets stopped by stopAll().
const running = new Set();

/**
 * Starts `node ...args` and resolves once `readyUrl` answers 200 (or, for a process without
 * HTTP such as the worker, once a line of its output matches `readyLine`). Output is kept
 * (the last lines only) instead of printed, so the report stays readable; it is shown when
 * the server fails to start or dies.
 */
export async function startServer({ name, args, cwd, env, readyUrl, readyLine, timeoutMs = 30_000 }) {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const tail = [];
  let sawReadyLine = false;
  const keep = (chunk) => {
    const lines = String(chunk).split('\n').filter(Boolean);
    if (readyLine && lines.some((line) => readyLine.test(line))) sawReadyLine = true;
    tail.push(...lines);
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const server = { name, child, pid: child.pid, output: () => tail.join('\n') };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited during start-up (${child.signalCode ?? child.exitCode}):\n${server.output()}`);
    }
    if (readyLine) {
      if (sawReadyLine) return server;
      await sleep(20);
      continue;
    }
    try {
      const response = await fetch(readyUrl);
      await response.arrayBuffer();
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  await stopChild(child);
  throw new Error(`${name} did not ${readyLine ? `print ${readyLine}` : `answer ${readyUrl}`} within ${timeoutMs / 1000} s:\n${server.output()}`);
}

/** Stops every server this process started and has not seen exit. */
export function stopAll() {
  return Promise.all([...running].map((child) => stopChild(child)));
}

/** Stops one server started by startServer(). */
export function stopServer(server) {
  return stopChild(server.child);
}

/** SIGKILL, as a crash or the OOM killer would: no shutdown hooks, nothing finished or acked. */
export async function killServer(server) {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** SIGTERM so the API closes its pools and Redis connections; SIGKILL if it hangs. */
async function stopChild(child, graceMs = 5_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A line of /proc/<pid>/status in MB: VmRSS is resident now, VmHWM the peak so far. */
export function memoryMb(pid, field = 'VmRSS') {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return kb / 1024;
}
