/** Every answer a scenario got, by route: how many, which statuses, how slow, and what was wrong with them. */
export interface Outcome {
  route: string;
  status: number; // 0: no answer (connection refused, reset or timed out)
  ms: number;
  problemJson: boolean;
  retryAfter: boolean;
  stack: boolean;
  at: number;
  /** The problem's code, for an answer that is not 2xx. */
  code?: string;
}

export class Recorder {
  readonly outcomes: Outcome[] = [];

  /** Sends one request and records its answer; never throws. */
  async send(route: string, call: () => Promise<{ status: number; headers: Record<string, string>; text?: string }>): Promise<{ status: number; body?: unknown; headers?: Record<string, string> } | undefined> {
    const started = Date.now();
    try {
      const res = (await call()) as { status: number; headers: Record<string, string>; text?: string; body?: unknown };
      const type = res.headers['content-type'] ?? '';
      this.outcomes.push({
        route,
        status: res.status,
        ms: Date.now() - started,
        problemJson: type.startsWith('application/problem+json'),
        retryAfter: Boolean(res.headers['retry-after']),
        // A stack trace or a driver's message leaking into an answer.
        stack: /\n\s+at |node_modules|QueryFailedError|ECONNREFUSED/.test(res.text ?? ''),
        at: started,
        code: res.status >= 300 ? String((res.body as { code?: string } | undefined)?.code ?? res.status) : undefined,
      });
      return res;
    } catch {
      this.outcomes.push({ route, status: 0, ms: Date.now() - started, problemJson: false, retryAfter: false, stack: false, at: started });
      return undefined;
    }
  }

  /** How often each problem code came back, per route ("POST /cases 503 DEPENDENCY_UNAVAILABLE": 3). */
  problems(outcomes = this.outcomes): Record<string, number> {
    const out: Record<string, number> = {};
    for (const o of outcomes) if (o.code) out[`${o.route} ${o.status} ${o.code}`] = (out[`${o.route} ${o.status} ${o.code}`] ?? 0) + 1;
    return out;
  }

  between(from: number, to: number): Outcome[] {
    return this.outcomes.filter((o) => o.at >= from && o.at < to);
  }

  /** Per route: sent, 2xx, 4xx, 503 (with problem+json and Retry-After), other 5xx, no answer, p99 ms. */
  summary(outcomes = this.outcomes): Record<string, Record<string, number>> {
    const routes = new Map<string, Outcome[]>();
    for (const o of outcomes) routes.set(o.route, [...(routes.get(o.route) ?? []), o]);
    const out: Record<string, Record<string, number>> = {};
    for (const [route, list] of [...routes].sort()) {
      const ms = list.map((o) => o.ms).sort((a, b) => a - b);
      out[route] = {
        sent: list.length,
        ok: list.filter((o) => o.status >= 200 && o.status < 300).length,
        '4xx': list.filter((o) => o.status >= 400 && o.status < 500).length,
        '503': list.filter((o) => o.status === 503).length,
        '503 bad': list.filter((o) => o.status === 503 && !(o.problemJson && o.retryAfter)).length,
        '5xx other': list.filter((o) => o.status >= 500 && o.status !== 503).length,
        'no answer': list.filter((o) => o.status === 0).length,
        stack: list.filter((o) => o.stack).length,
        p99ms: ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))] ?? 0,
      };
    }
    return out;
  }
}

export function total(summary: Record<string, Record<string, number>>, key: string): number {
  return Object.values(summary).reduce((n, s) => n + (s[key] ?? 0), 0);
}
