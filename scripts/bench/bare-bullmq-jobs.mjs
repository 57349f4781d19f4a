// The webhooks baseline for `npm run bench`: bare BullMQ jobs (no database, no HTTP) added at the
// same pace as the webhook section's deliveries, in a process of its own like the worker, with
// the worker's concurrency. Prints one JSON line: for each job, ms from add() to its processor.
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';

const { REDIS_URL, PREFIX, JOBS, RATE_PER_SECOND, BATCH } = process.env;
const jobs = Number(JOBS);
const batch = Number(BATCH) || 1;
const connection = () => new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
const queue = new Queue('bare-jobs', { connection: connection(), prefix: PREFIX });
const latencies = [];
let resolveAll;
const all = new Promise((resolve) => (resolveAll = resolve));
const worker = new Worker(
  'bare-jobs',
  async (job) => {
    latencies.push(Date.now() - job.data.at);
    if (latencies.length === jobs) resolveAll();
  },
  { connection: connection(), prefix: PREFIX, concurrency: 8 },
);
await worker.waitUntilReady();
const start = Date.now();
const intervalMs = (1000 * batch) / Number(RATE_PER_SECOND);
for (let i = 0; i < jobs; i += batch) {
  const due = start + (i / batch) * intervalMs;
  const wait = due - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const at = Date.now();
  await queue.addBulk(Array.from({ length: Math.min(batch, jobs - i) }, (_, k) => ({ name: 'bare', data: { at }, opts: { jobId: `bare-${i + k}`, removeOnComplete: true } })));
}
const timer = setTimeout(() => resolveAll(), 30_000);
await all;
clearTimeout(timer);
await worker.close();
await queue.obliterate({ force: true }).catch(() => undefined);
await queue.close();
console.log(JSON.stringify({ expected: jobs, latencies }));
process.exit(0);
