/**
 * What a message's text may show outside the message log's own page: the consumer's links carry
 * their capability token in the path (/c/<token>) and the verification SMS a one-time code, and
 * either, copied into a spreadsheet, would let whoever holds the file act as the consumer. The
 * export keeps each link's address (so one sees that a link went out, and where to) with the
 * secret parts replaced by "…", and each code as "******".
 */
/** A link runs over URL characters only (ASCII): a Chinese bracket or full stop after it ends it. */
const URL_RE = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&*+,;=%]+/g;
/** Punctuation that ends a sentence rather than the link. */
const TRAILING = /[.,;:!?]+$/;
/** A path segment long enough to be a capability (base64url of ≥ 12 random bytes), unless it is a uuid. */
const TOKEN_SEGMENT = /^.{16,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A code after the words that introduce one (验证码 123456, code: 123456). */
const CODE_RE = /(验证码|校验码|动态码|verification code|one-time code|code)([\s:：是为]*)(\d{4,8})/gi;

function redactUrl(match: string): string {
  const tail = TRAILING.exec(match)?.[0] ?? '';
  const raw = match.slice(0, match.length - tail.length);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `…${tail}`;
  }
  const path = url.pathname
    .split('/')
    .map((seg) => (TOKEN_SEGMENT.test(seg) && !UUID.test(seg) ? '…' : seg))
    .join('/');
  return `${url.origin}${path}${url.search || url.hash ? '?…' : ''}${tail}`;
}

export function redactMessageSecrets(text: string): string {
  return text.replace(URL_RE, redactUrl).replace(CODE_RE, (_m, word: string, gap: string) => `${word}${gap}******`);
}
