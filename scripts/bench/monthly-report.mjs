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
 * Each format `runs` times, one request at a time (the first also warms the fonts); returns
 * { month, pdf: { seconds (worst), median, bytes }, xlsx: { … }, pass }.
 */
export async function benchMonthlyReport({ api, headers, month = lastCompleteMonth(), runs = MONTHLY_REPORT.runs, log = () => {} }) {
  const result = { month };
  for (const format of ['pdf', 'xlsx']) {
    const samples = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const response = await fetch(`${api}/api/v1/reports/monthly?month=${month}&format=${format}`, { headers });
      const body = Buffer.from(await response.arrayBuffer());
      if (!response.ok) throw new Error(`monthly report ${format} answered ${response.status}: ${body.toString().slice(0, 300)}`);
      samples.push((performance.now() - t) / 1000);
      bytes = body.length;
    }
    const sorted = [...samples].sort((a, b) => a - b);
    result[format] = { seconds: sorted.at(-1), median: sorted[Math.floor(sorted.length / 2)], bytes };
    log(`  monthly report ${format} (${month}): worst ${result[format].seconds.toFixed(2)} s, median ${result[format].median.toFixed(2)} s over ${runs}, ${bytes.toLocaleString('en')} bytes`);
  }
  result.pass = result.pdf.seconds < MONTHLY_REPORT.goals.pdfSeconds;
  return result;
}
