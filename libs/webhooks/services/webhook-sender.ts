import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may never reach unless configuration allows it (SSRF): loopback, private
 * (RFC 1918, unique-local), link-local (cloud metadata lives there), carrier-grade NAT, unspecified,
 * multicast and reserved ranges, and IPv4 written inside IPv6.
 */
const FORBIDDEN_V4 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) FORBIDDEN_V4.addSubnet(net, prefix, 'ipv4');
// A separate list: BlockList matches IPv4 addresses against IPv4-mapped IPv6 ranges too.
const FORBIDDEN_V6 = new BlockList();
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) {
  FORBIDDEN_V6.addSubnet(net, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped IPv6 one (::ffff:127.0.0.1, also written ::ffff:7f00:1). */
function mappedV4(address: string): string | undefined {
  const m = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/i.exec(address);
  if (!m) return undefined;
  if (isIP(m[1]) === 4) return m[1];
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(m[1]);
  if (!hex) return undefined;
  const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 4) return FORBIDDEN_V4.check(address, 'ipv4');
  const v4 = mappedV4(address);
  return v4 ? FORBIDDEN_V4.check(v4, 'ipv4') : FORBIDDEN_V6.check(address, 'ipv6');
}

export class WebhookAddressRefused extends Error {
  constructor(readonly host: string, readonly address: string) {
    super(`${host} resolves to ${address}, a private, loopback or link-local address`);
  }
}

/**
 * The address check sits in the connection's own DNS look-up: the address checked is the one
 * connected to, so a name that resolves differently a second later (DNS rebinding) gains nothing.
 */
function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, []);
      const refused = allowPrivate ? undefined : addresses.find((a) => isForbiddenAddress(a.address));
      if (refused) return callback(new WebhookAddressRefused(hostname, refused.address), []);
      if ((options as { all?: boolean }).all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** Resolves the URL's host as a delivery would and refuses what a delivery would refuse. */
export async function checkWebhookUrl(url: URL, allowPrivate: boolean): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    if (!allowPrivate && isForbiddenAddress(host)) throw new WebhookAddressRefused(host, host);
    return;
  }
  await new Promise<void>((resolve, reject) =>
    guardedLookup(allowPrivate)(host, {}, (error) => (error ? reject(error) : resolve())),
  );
}

export interface WebhookResponse {
  /** null when no answer came (refused, reset, timed out). */
  statusCode: number | null;
  latencyMs: number;
  /** The first 1 KB of the answer, or the network error. */
  snippet: string;
}

const SNIPPET_BYTES = 1024;

/**
 * One POST. Redirects are not followed (a 3xx is a failure like any non-2xx); the whole exchange
 * must finish within `timeoutMs`; at most 1 KB of the answer is read.
 */
export function postWebhook(url: URL, headers: Record<string, string>, body: string, options: { timeoutMs: number; allowPrivate: boolean }): Promise<WebhookResponse> {
  const started = performance.now();
  // Node connects to an address literal without a look-up: check it here.
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) && !options.allowPrivate && isForbiddenAddress(literal)) {
    return Promise.resolve({ statusCode: null, latencyMs: 0, snippet: new WebhookAddressRefused(literal, literal).message });
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (statusCode: number | null, snippet: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ statusCode, latencyMs: Math.round(performance.now() - started), snippet: snippet.slice(0, SNIPPET_BYTES) });
    };
    const req = request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Accord-Webhooks/1' },
        lookup: guardedLookup(options.allowPrivate) as never,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < SNIPPET_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size >= SNIPPET_BYTES) {
            finish(res.statusCode ?? null, Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8'));
            res.destroy();
          }
        });
        res.on('end', () => finish(res.statusCode ?? null, Buffer.concat(chunks).toString('utf8')));
        res.on('error', (error) => finish(null, error.message));
      },
    );
    const timer = setTimeout(() => {
      finish(null, `no answer within ${options.timeoutMs} ms`);
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (error) => finish(null, error.message));
    req.end(body);
  });
}
