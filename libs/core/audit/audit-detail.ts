/**
 * What an audit entry's `detail` may keep: the facts of an action (which record, which version,
 * which state to which, how many), never the content of a case — free text (notes, notice texts,
 * comments, reasons typed by a person), consumers' or participants' names, amounts, survey answers.
 * The trail is append-only and kept for years, so personal data written into it could never be
 * erased (the retention job cannot touch it): content is left out when the entry is written, and
 * rows written before this rule are filtered the same way when read or exported.
 *
 * An allow-list rather than a deny-list: a key a future caller adds is left out until someone
 * decides it is a fact. Left-out keys are named under `omitted`, so a reader knows there was more.
 */
const FACT_KEYS = new Set([
  'caseNumber', 'from', 'to', 'status', 'kind', 'version', 'documentId', 'attachmentId', 'sessionId', 'nextSessionId',
  'recordingId', 'callId', 'noticeId', 'obligationId', 'institutionId', 'centerId', 'mediatorId', 'outletId', 'adminId',
  'month', 'year', 'format', 'warnings', 'spans', 'steps', 'exceptions', 'bytes', 'sizeBytes', 'contentType', 'party',
  'via', 'result', 'applying', 'rank', 'override', 'channel', 'startsAt', 'answerBy', 'change', 'fields', 'roles',
  'username', 'prefix', 'level', 'overdue', 'performed', 'amended', 'track', 'method', 'path', 'why', 'filter', 'rows',
  'erased', 'files', 'closedAt', 'retentionMonths', 'messages', 'omitted', 'mfa', 'sessions', 'action', 'actorUserId',
  'subjectType', 'subjectId', 'smallClaimsMaxFen', 'intakeDays', 'smallClaimsContactDays', 'firstSessionDays',
  // Sign-in, tokens, second factor and rate limits (issue 18): counts, limits and where, no content.
  'limit', 'route', 'ratePerMinute', 'failures', 'secondFactor', 'count', 'hadFactor', 'userAgent',
  // A list export's filters (issue 16): which list, which order, which prefix — and which personal searches were made, never their values.
  'view', 'sort', 'q', 'businessLine', 'disputeType', 'dueBy', 'awaiting', 'branchId', 'searched',
  // The consumer's own consent and choice of mediator (issues 17, 20): how, which text version, whether their pick was taken.
  'consumerChoice',
  // Quality review and extensions (issue 20): the rule's share, which review and its score, the extension's days and due days.
  'settledPercent', 'reviewId', 'total', 'max', 'extensionId', 'days', 'previousDueOn', 'newDueOn',
  // Similar cases as a batch (issue 20): which batch, its lead, and how an action applied to all its cases went.
  'batchId', 'leadMediatorId', 'succeeded', 'failed', 'jointId',
]);
/** A reason is kept when it is a code (SESSION_ENDED, password); a sentence someone typed is content. */
const CODE = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/;
/** Names of things staff create (rooms, organisations, API keys) are facts; on a case or session a name is a person's. */
const NAMED_THINGS = new Set(['room', 'organisation', 'api-key', 'user', 'branch', 'outlet', 'membership']);
const MAX_TEXT = 120;

type Fact = string | number | boolean | null | Fact[] | { [key: string]: Fact };

function fact(value: unknown, depth = 0): Fact | undefined {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length <= MAX_TEXT ? value : undefined;
  if (Array.isArray(value) && depth === 0) {
    const items = value.map((v) => fact(v, depth + 1));
    return items.every((v) => v !== undefined) ? (items as Fact[]) : undefined;
  }
  if (typeof value === 'object' && value && depth === 0) {
    const inner = factsOnly(value as Record<string, unknown>, null);
    return inner as { [key: string]: Fact };
  }
  return undefined;
}

export function factsOnly(detail: Record<string, unknown> | null | undefined, subjectType: string | null): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  const omitted: string[] = [];
  for (const [key, value] of Object.entries(detail ?? {})) {
    const allowed =
      FACT_KEYS.has(key) || (key === 'name' && subjectType !== null && NAMED_THINGS.has(subjectType)) || (key === 'reason' && typeof value === 'string' && CODE.test(value));
    const v = allowed ? fact(value) : undefined;
    if (key === 'omitted' && Array.isArray(value)) omitted.push(...value.filter((k): k is string => typeof k === 'string'));
    else if (v === undefined) omitted.push(key);
    else kept[key] = v;
  }
  if (omitted.length) kept.omitted = [...new Set(omitted)];
  return kept;
}
