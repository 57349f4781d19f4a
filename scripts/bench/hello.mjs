// The baseline for `npm run bench`: the smallest Fastify app, on the same Fastify version
// the API uses. It runs in its own process, like the API, so both compete with the load
// generator for the CPUs in the same way and the ratio between them is fair.
import Fastify from 'fastify';

// No logger: the API logs only warnings under load, so per-request logging here would
// handicap the baseline rather than the thing being measured.
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));

const port = Number(process.env.PORT);
await app.listen({ port, host: '127.0.0.1' });

const stop = () => app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
