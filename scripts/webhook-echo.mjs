// `npm run webhook:echo -- --secret whsec_… [--port 4400]`: a bank's webhook receiver for trying
// Accord's webhooks locally. It verifies each request's Standard Webhooks signature with the
// secret the portal showed when the endpoint was added (the reference `standardwebhooks` library),
// prints the event, and answers 204 — or 401 when the signature does not verify (Accord then
// retries, as it would with any non-2xx answer). Register http://127.0.0.1:<port>/webhooks as the
// endpoint; development allows loopback endpoints (WEBHOOK_ALLOW_PRIVATE_URLS=true).
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Webhook } = require('standardwebhooks');

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};
const secret = arg('secret') ?? process.env.WEBHOOK_SECRET;
const port = Number(arg('port') ?? process.env.PORT ?? 4400);
if (!secret?.startsWith('whsec_')) {
  console.error('usage: npm run webhook:echo -- --secret whsec_… [--port 4400]   (the secret the portal showed once)');
  process.exit(1);
}
const webhook = new Webhook(secret);

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const at = new Date().toISOString();
    try {
      const event = webhook.verify(body, req.headers);
      const c = event.data?.case ?? {};
      console.log(`${at}  ✔ ${event.type.padEnd(30)} ${c.caseNumber ?? '(no number)'}  branch ${c.branchCode ?? '-'}  complaint ${c.externalComplaintId ?? '-'}  status ${event.data?.status}  id ${req.headers['webhook-id']}`);
      if (process.argv.includes('--verbose')) console.log(JSON.stringify(event, null, 2));
      res.writeHead(204).end();
    } catch (error) {
      console.log(`${at}  ✖ signature did not verify (${error.message}); webhook-id ${req.headers['webhook-id'] ?? '-'}`);
      res.writeHead(401, { 'content-type': 'text/plain' }).end('signature did not verify');
    }
  });
});
server.listen(port, '127.0.0.1', () => console.log(`webhook:echo listening on http://127.0.0.1:${port}/webhooks — add this URL as an endpoint in the portal (Webhook 推送)`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
