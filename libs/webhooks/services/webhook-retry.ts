/** Retries stop (the delivery is failed, a dead letter to replay by hand) 3 days after the first attempt. */
export const WEBHOOK_RETRY_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
/** No wait between two attempts is longer than this, so a receiver that comes back is served within hours. */
export const WEBHOOK_RETRY_CAP_MS = 6 * 60 * 60 * 1000;

/**
 * The wait before attempt `failed + 1` after `failed` failures: exponential (base × 2^(failed−1),
 * capped) with ±20 % jitter, so endpoints that failed together do not all retry in the same second.
 */
export function webhookRetryDelay(failed: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(WEBHOOK_RETRY_CAP_MS, baseMs * 2 ** Math.max(0, failed - 1));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}

/** When the next attempt is due, or null when the 3-day window would be over by then. */
export function nextWebhookAttempt(firstAttemptAt: Date, failed: number, baseMs: number, now: Date, random?: () => number): Date | null {
  const at = new Date(now.getTime() + webhookRetryDelay(failed, baseMs, random));
  return at.getTime() - firstAttemptAt.getTime() > WEBHOOK_RETRY_WINDOW_MS ? null : at;
}
