import { nextWebhookAttempt, WEBHOOK_RETRY_CAP_MS, WEBHOOK_RETRY_WINDOW_MS, webhookRetryDelay } from './webhook-retry';
import { webhookEventOf } from './webhook-events';
import { isForbiddenAddress } from './webhook-sender';
import { signWebhook } from './webhook-signing';
import { Webhook } from 'standardwebhooks';

describe('webhook retries', () => {
  it('doubles from the base with ±20 % jitter, capped at 6 hours', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6].map((n) => webhookRetryDelay(n, 5000, mid))).toEqual([5000, 10000, 20000, 40000, 80000, 160000]);
    expect(webhookRetryDelay(20, 5000, mid)).toBe(WEBHOOK_RETRY_CAP_MS);
    expect(webhookRetryDelay(1, 5000, () => 0)).toBe(4000);
    expect(webhookRetryDelay(1, 5000, () => 1)).toBe(6000);
    expect(webhookRetryDelay(3, 5000, () => 0.999999)).toBeLessThanOrEqual(24000);
  });

  it('stops after 3 days of attempts (the delivery is then failed)', () => {
    const first = new Date('2026-12-01T00:00:00Z');
    let now = first;
    const attempts: Date[] = [first];
    for (let failed = 1; ; failed++) {
      const next = nextWebhookAttempt(first, failed, 5000, now, () => 0.5);
      if (!next) break;
      attempts.push(next);
      now = next;
    }
    const last = attempts[attempts.length - 1];
    expect(last.getTime() - first.getTime()).toBeLessThanOrEqual(WEBHOOK_RETRY_WINDOW_MS);
    expect(last.getTime() - first.getTime()).toBeGreaterThan(WEBHOOK_RETRY_WINDOW_MS - WEBHOOK_RETRY_CAP_MS * 1.2);
    // 13 doubling waits (5 s … 5.7 h), then every 6 hours until the third day ends.
    expect(attempts).toHaveLength(24);
  });
});

describe('webhook events from outbox events', () => {
  const caseId = 'c1';
  it('maps the case moves, sessions, outcomes and obligations banks subscribe to', () => {
    expect(webhookEventOf('case.updated', { caseId, change: 'filed', status: 'submitted' })?.type).toBe('case.submitted');
    expect(webhookEventOf('case.updated', { caseId, change: 'submitted', status: 'submitted' })?.type).toBe('case.submitted');
    expect(webhookEventOf('case.updated', { caseId, change: 'returned', status: 'returned' })?.type).toBe('case.returned');
    expect(webhookEventOf('case.updated', { caseId, change: 'assignment', status: 'assigned' })?.type).toBe('case.assigned');
    expect(webhookEventOf('case.updated', { caseId, change: 'closed', status: 'closed' })?.type).toBe('case.closed');
    expect(webhookEventOf('case.updated', { caseId, change: 'consent_declined', status: 'draft', reason: 'privacy' })).toEqual({ type: 'consent.declined', caseId, data: { reason: 'privacy' } });
    expect(webhookEventOf('case.updated', { caseId, change: 'consent_expired', status: 'draft' })).toEqual({ type: 'consent.expired', caseId, data: {} });
    expect(webhookEventOf('case.updated', { caseId, change: 'consent_given', status: 'submitted' })?.type).toBe('case.submitted');
    expect(webhookEventOf('case.updated', { caseId, change: 'document_signed', status: 'settled' })?.type).toBe('agreement.signed');
    expect(webhookEventOf('session.updated', { caseId, sessionId: 's', status: 'booked', startsAt: 'x' })).toEqual({
      type: 'session.booked',
      caseId,
      data: { sessionId: 's', startsAt: 'x', previousStartsAt: null },
    });
    expect(webhookEventOf('session.updated', { caseId, sessionId: 's', status: 'concluded', change: 'concluded' })?.type).toBe('session.held');
    expect(webhookEventOf('case.outcome-recorded', { caseId, outcome: 'settled' })).toEqual({ type: 'outcome.recorded', caseId, data: { outcome: 'settled' } });
    expect(webhookEventOf('obligation.reminded', { caseId, obligationId: 'o', kind: 'overdue' })?.type).toBe('obligation.overdue');
    expect(webhookEventOf('obligation.reminded', { caseId, obligationId: 'o', kind: 'before_due' })?.type).toBe('obligation.due');
  });

  it('ignores what banks are not told (comments, edits, a mediator re-assigned within the center, session console steps)', () => {
    expect(webhookEventOf('case.updated', { caseId, change: 'comment', status: 'assigned' })).toBeNull();
    expect(webhookEventOf('case.updated', { caseId, change: 'edited', status: 'draft' })).toBeNull();
    expect(webhookEventOf('case.updated', { caseId, change: 'assignment', status: 'accepted' })).toBeNull();
    expect(webhookEventOf('session.updated', { caseId, status: 'waiting', change: 'opened' })).toBeNull();
    expect(webhookEventOf('case.updated', { change: 'accepted', status: 'accepted' })).toBeNull();
  });
});

describe('webhook addresses and signatures', () => {
  it('forbids loopback, private, link-local and mapped addresses, allows public ones', () => {
    for (const a of ['127.0.0.1', '10.0.0.8', '172.16.5.4', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a00:1', '::']) {
      expect([a, isForbiddenAddress(a)]).toEqual([a, true]);
    }
    for (const a of ['203.0.113.10', '8.8.8.8', '2001:4860:4860::8888', '::ffff:808:808']) expect([a, isForbiddenAddress(a)]).toEqual([a, false]);
  });

  it('signs as the Standard Webhooks reference library verifies, with one signature per valid secret', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const old = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
    const at = Math.floor(Date.now() / 1000);
    const body = '{"type":"case.accepted"}';
    const header = signWebhook([secret, old], 'msg_1', at, body);
    expect(header.split(' ')).toHaveLength(2);
    expect(header.split(' ')[0]).toBe(new Webhook(secret).sign('msg_1', new Date(at * 1000), body));
    for (const s of [secret, old]) {
      expect(() => new Webhook(s).verify(body, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(at), 'webhook-signature': header })).not.toThrow();
    }
  });
});
