import type { Writable } from 'node:stream';
import type { AuditEventView } from './audit.service';
import { loadExcelJS } from '../documents';

const COLUMNS: { header: string; width: number; value: (e: AuditEventView) => string | number | null }[] = [
  { header: '时间（北京时间） Time (Asia/Shanghai)', width: 22, value: (e) => new Date(e.at).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }) },
  { header: '操作人 Actor', width: 16, value: (e) => e.actorName ?? (e.actorApiKeyId ? `API key ${e.actorApiKeyId}` : '系统 system') },
  { header: '操作人 ID Actor id', width: 38, value: (e) => e.actorUserId ?? e.actorApiKeyId },
  { header: '操作 Action', width: 30, value: (e) => e.action },
  { header: '对象类型 Record type', width: 14, value: (e) => e.subjectType },
  { header: '对象 ID Record id', width: 38, value: (e) => e.subjectId },
  { header: '详情 Detail', width: 50, value: (e) => (Object.keys(e.detail).length ? JSON.stringify(e.detail) : null) },
  { header: 'IP', width: 16, value: (e) => e.ip },
  { header: '客户端 User agent', width: 40, value: (e) => e.userAgent },
  { header: '请求 ID Request id', width: 24, value: (e) => e.requestId },
  { header: '链序号 Chain #', width: 10, value: (e) => Number(e.chainSeq) },
  { header: '哈希 Hash (sha256)', width: 66, value: (e) => e.hash },
];

/** Streams the trail into `out` as XLSX (exceljs' streaming writer: memory stays bounded whatever the row count). */
export async function writeAuditWorkbook(batches: AsyncIterable<AuditEventView[]>, out: Writable): Promise<void> {
  const wb = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = wb.addWorksheet('审计日志 Audit log');
  sheet.columns = COLUMNS.map((c, i) => ({ key: String(i), width: c.width }));
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  for await (const batch of batches) {
    for (const e of batch) sheet.addRow(COLUMNS.map((c) => c.value(e))).commit();
  }
  sheet.commit();
  await wb.commit();
}
