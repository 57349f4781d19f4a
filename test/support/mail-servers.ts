import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { leaves, parseMime, type MimePart } from './mime';

export interface ReceivedMail {
  from: string;
  to: string[];
  user: string | undefined;
  mime: MimePart;
  subject: string;
  text: string;
  attachments: { filename: string | undefined; contentType: string; content: string }[];
}

/**
 * A real SMTP server (smtp-server) on a free loopback port: it asks for the password, refuses
 * recipients at bounce.example.cn with 550 like a real one, and keeps what it received, parsed.
 */
export async function startSmtpServer(credentials: { user: string; password: string }) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.password) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@bounce.example.cn')) return callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mime = parseMime(Buffer.concat(chunks));
        const parts = leaves(mime);
        const isAttachment = (p: MimePart) => /attachment/i.test(p.headers['content-disposition'] ?? '');
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          mime,
          subject: mime.headers.subject ?? '',
          text: parts.filter((p) => !isAttachment(p) && /^text\/plain/i.test(p.headers['content-type'] ?? 'text/plain')).map((p) => p.body.toString('utf8')).join('\n'),
          attachments: parts.filter(isAttachment).map((p) => ({
            filename: /filename="?([^";]+)"?/.exec(p.headers['content-disposition'] ?? '')?.[1],
            contentType: p.headers['content-type'] ?? '',
            content: p.body.toString('utf8'),
          })),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface SmsRequest {
  params: Record<string, string>;
  signatureValid: boolean;
  content: string;
}

/**
 * Alibaba Cloud's SMS endpoint as far as SendSms goes: it recomputes the v1 signature
 * (HMAC-SHA1 over the sorted, RFC 3986-encoded form, written out here on its own, not taken
 * from the code under test) and answers SignatureDoesNotMatch when it differs, refuses
 * 13800000000 as an illegal number, and replies with the business errors it is told to.
 */
export async function startAliyunSms(accessKeyId: string, accessKeySecret: string) {
  const requests: SmsRequest[] = [];
  const failNext: { Code: string; Message: string }[] = [];
  const encode = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const { Signature: given = '', ...signed } = params;
      const canonical = Object.keys(signed).sort().map((k) => `${encode(k)}=${encode(signed[k])}`).join('&');
      const expected = createHmac('sha1', `${accessKeySecret}&`).update(`${req.method}&${encode('/')}&${encode(canonical)}`).digest();
      const givenBytes = Buffer.from(given, 'base64');
      const signatureValid = givenBytes.length === expected.length && timingSafeEqual(givenBytes, expected);
      const content = (() => {
        try {
          return (JSON.parse(params.TemplateParam ?? '{}') as { content?: string }).content ?? '';
        } catch {
          return '';
        }
      })();
      requests.push({ params, signatureValid, content });
      const reply = (status: number, body: Record<string, string>) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ RequestId: `req-${requests.length}`, ...body }));
      };
      const fresh = Math.abs(Date.parse(params.Timestamp ?? '') - Date.now()) < 15 * 60_000;
      if (req.method !== 'POST' || params.Action !== 'SendSms' || params.Version !== '2017-05-25' || params.SignatureMethod !== 'HMAC-SHA1' || !fresh) {
        return reply(400, { Code: 'InvalidParameter', Message: 'unexpected request' });
      }
      if (params.AccessKeyId !== accessKeyId) return reply(404, { Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' });
      if (!signatureValid) return reply(400, { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.' });
      if (params.PhoneNumbers === '13800000000') return reply(200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' });
      const failure = failNext.shift();
      if (failure) return reply(200, failure);
      return reply(200, { Code: 'OK', Message: 'OK', BizId: `biz-${requests.length}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // fetch keeps its connections alive: end them so close() returns
      server.closeAllConnections();
    });
  return { port, requests, failNext, close };
}
