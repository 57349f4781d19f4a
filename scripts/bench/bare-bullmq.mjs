// The reminders baseline for `npm run bench`: bare BullMQ delayed jobs (the BullMQ version
// the worker uses, a queue of its own under the run's Redis prefix), in a process of its own
// like the worker. Prints one JSON line: how late each job's processor started after the job
// was due, in ms.
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';

const { REDIS_URL, PREFIX, JOBS, SPREAD_MS, LEAD_MS } = process.env;
const jobs = Number(JOBS);
const connection = () => new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
const queue = new Queue('bare-delayed', { connection: connection(), prefix: PREFIX });
const lags = [];
let resolveAll;
const all = new Promise((resolve) => (resolveAll = resolve));
const worker = new Worker(
  'bare-delayed',
  async (job) => {
    lags.push(Date.now() - job.data.due);
    if (lags.length === jobs) resolveAll();
  },
  { connection: connection(), prefix: PREFIX, concurrency: 8 },
);
await worker.waitUntilReady();
const base = Date.now() + Number(LEAD_MS);
await queue.addBulk(
  Array.from({ length: jobs }, (_, i) => {
    const due = base + Math.round((i * Number(SPREAD_MS)) / jobs);
    return { name: 'bare', data: { due }, opts: { jobId: `bare-${i}`, delay: due - Date.now(), removeOnComplete: true } };
  }),
);
const timer = setTimeout(() => resolveAll(), Number(LEAD_MS) + Number(SPREAD_MS) + 10_000);
await all;
clearTimeout(timer);
await worker.close();
await queue.obliterate({ force: true }).catch(() => undefined);
await queue.close();
console.log(JSON.stringify({ expected: jobs, lags }));
process.exit(0);
