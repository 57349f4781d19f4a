import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { shanghaiDate } from '../calendar/working-days';
import { DomainError } from '../errors/domain-error';
import { loadExcelJS } from '../documents';

/** The most rows one list export holds: past it the caller narrows the filters (a spreadsheet is not a backup). */
export const LIST_EXPORT_MAX_ROWS = 50_000;

/** Rows read per transaction while the file goes out: memory stays bounded by one batch. */
export const LIST_EXPORT_BATCH = 1000;

/** A list's column in its export: bilingual header (zh first, as on a zh screen), width in characters, the cell. */
export interface ListColumn<T> {
  header: string;
  width: number;
  value: (row: T) => string | number | null;
  /** Excel number format, e.g. '#,##0.00' for yuan. */
  numFmt?: string;
}

export class ExportTooLargeError extends DomainError {
  constructor(rows: number) {
    super('EXPORT_TOO_LARGE', 422, `The list holds more than ${LIST_EXPORT_MAX_ROWS} rows (${rows}+): narrow the filters and export again`, {
      maxRows: LIST_EXPORT_MAX_ROWS,
    });
  }
}

/**
 * Streams one list as a single-sheet XLSX into `out` with exceljs' streaming writer: each batch
 * is written and flushed before the next is read, so a 50,000-row export never sits in memory.
 * The first row says what the list is and with which filters, the second holds the headers.
 */
export async function writeListWorkbook<T>(
  out: Writable,
  sheetName: string,
  caption: string,
  columns: ListColumn<T>[],
  batches: AsyncIterable<T[]>,
): Promise<void> {
  const wb = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = columns.map((c, i) => ({ key: `c${i}`, width: c.width }));
  const title = sheet.addRow([caption]);
  title.font = { italic: true };
  title.commit();
  const head = sheet.addRow(columns.map((c) => c.header));
  head.font = { bold: true };
  head.commit();
  for await (const batch of batches) {
    for (const item of batch) {
      const row = sheet.addRow(columns.map((c) => c.value(item)));
      columns.forEach((c, i) => {
        if (c.numFmt) row.getCell(i + 1).numFmt = c.numFmt;
      });
      row.commit();
    }
    // A slow download holds the next read back.
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  sheet.commit();
  await wb.commit();
}

/**
 * Starts the workbook on a stream and sets the download headers; the controller returns the
 * stream. A failure after the headers went out can only cut the download short (logged).
 */
export function sendListWorkbook<T>(reply: FastifyReply, file: ListExport<T>, onError: (error: Error) => void): PassThrough {
  const out = new PassThrough();
  writeListWorkbook(out, file.sheetName, file.caption, file.columns, file.batches).catch((error: Error) => {
    onError(error);
    out.destroy(error);
  });
  void reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('cache-control', 'private, no-store');
  return out;
}

/**
 * Reads a list batch after batch, each in its own transaction (the request's has ended by the
 * time the file streams), the next one while the current is written. `read(after)` returns a
 * batch ordered like the list and `cursor` names the last row's place for the next keyset read.
 */
export function batchesOf<R, C>(read: (after: C | null) => Promise<R[]>, cursor: (last: R) => C, size = LIST_EXPORT_BATCH): AsyncIterable<R[]> {
  return {
    async *[Symbol.asyncIterator]() {
      let pending = read(null);
      for (;;) {
        const rows = await pending;
        if (!rows.length) return;
        if (rows.length === size) pending = read(cursor(rows[rows.length - 1]));
        yield rows;
        if (rows.length < size) return;
      }
    },
  };
}

/** What a service hands its controller for a list export. */
export interface ListExport<T> {
  columns: ListColumn<T>[];
  fileName: string;
  asciiName: string;
  sheetName: string;
  caption: string;
  batches: AsyncIterable<T[]>;
}

/** A row and the place it holds in its list's order (the next keyset read starts after it); null: read but not shown. */
export interface Placed<T, C> {
  cursor: C;
  item: T | null;
}

/**
 * A list export's description from its name and filters: file names stamped with today's date
 * (Beijing), the sheet name and the caption row that says what the file holds. `filters` are
 * the ones the list was asked with (undefined ones left out); personal searches are named by
 * the caller, never given with their values.
 */
export function describeListExport<T>(
  name: { zh: string; en: string; file: string },
  rows: number,
  filters: Record<string, unknown>,
  columns: ListColumn<T>[],
  batches: AsyncIterable<T[]>,
): ListExport<T> {
  const stamp = shanghaiDate(new Date());
  const shown = Object.entries(filters)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${String(v)}`);
  return {
    columns,
    fileName: `${name.zh}_${stamp}.xlsx`,
    asciiName: `${name.file}-${stamp}.xlsx`,
    sheetName: `${name.zh} ${name.en}`,
    caption: `${name.zh} ${name.en} · ${rows} 件 rows · 导出于 exported ${stamp} · 筛选 filters: ${shown.join(', ') || '—'}`,
    batches,
  };
}

/** Keyset batches of placed rows as batches of their items (what the workbook writes). */
export function placedBatches<T, C>(read: (after: C | null) => Promise<Placed<T, C>[]>, size = LIST_EXPORT_BATCH): AsyncIterable<T[]> {
  const batches = batchesOf(read, (last) => last.cursor, size);
  return {
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches) yield batch.flatMap((b) => (b.item === null ? [] : [b.item]));
    },
  };
}

/** Refuses a list past the cap before anything is written (`rows` counted up to cap + 1). */
export function assertExportable(rows: number): void {
  if (rows > LIST_EXPORT_MAX_ROWS) throw new ExportTooLargeError(rows);
}
