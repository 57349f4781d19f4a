// The regulator's monthly report (监管月报, issue 15): GET /api/v1/reports/monthly as PDF and as
// XLSX, timed end to end (roll-up reads, rendering, download) against an API the caller runs —
// meant for `benchStatistics`, with its `api` and its signed-in `users.regulator` headers, on
// the 1-million-case bench database. Goal: the PDF in < 3 s.
import { performance } from 'node:perf_hooks';

export const MONTHLY_REPORT = { runs: 5, goals: { pdfSeconds: 3 } };

/** The last complete Asia/Shanghai month: the one a monthly report is usually about. */
export function lastCompleteMonth(now = new Date()) {
  const shanghai = new Date(now.getTime() + 8 * 3600_000);
  return new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

/**
 * Each format `runs` times after a first request, one at a time; returns
 * { month, pdf: { seconds (worst), median, first, bytes }, xlsx: { … }, pass }.
 */
export async function benchMonthlyReport({ api, headers, month = lastCompleteMonth(), runs = MONTHLY_REPORT.runs, log = () => {} }) {
  const result = { month };
  for (const format of ['pdf', 'xlsx']) {
    const samples = [];
    let bytes = 0;
    let first = 0;
    // One request more than `runs`: the API's first report loads the fonts and warms the renderer;
    // it is reported apart (`first`), the goal is judged on the ones after it.
    for (let i = 0; i <= runs; i++) {
      const t = performance.now();
      const response = await fetch(`${api}/api/v1/reports/monthly?month=${month}&format=${format}`, { headers });
      const body = Buffer.from(await response.arrayBuffer());
      if (!response.ok) throw new Error(`monthly report ${format} answered ${response.status}: ${body.toString().slice(0, 300)}`);
      const seconds = (performance.now() - t) / 1000;
      if (i === 0) first = seconds;
      else samples.push(seconds);
      bytes = body.length;
    }
    const sorted = [...samples].sort((a, b) => a - b);
    result[format] = { seconds: sorted.at(-1), median: sorted[Math.floor(sorted.length / 2)], first, bytes };
    log(`  monthly report ${format} (${month}): worst ${result[format].seconds.toFixed(2)} s, median ${result[format].median.toFixed(2)} s over ${runs} (first ${first.toFixed(2)} s), ${bytes.toLocaleString('en')} bytes`);
  }
  result.pass = result.pdf.seconds < MONTHLY_REPORT.goals.pdfSeconds;
  return result;
}
