import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import type { CaseImportResult } from '@accord/contracts';
import { APP_CONFIG, AppConfig, assertArchiveWithinLimits, Database, DomainError, ValidationFailedError } from '@accord/core';
import { DirectoryService } from '@accord/organisations';
import { AttachmentTooLarge, invalid } from '../cases.errors';
import { CreateCaseDto } from '../dto/case.dto';
import { CaseFiling } from './case-filing.service';
import type { IncomingFile } from './attachment.service';

/** The columns of the template, with the Chinese headings people type and the English ones systems send. */
const COLUMNS: { key: string; zh: string }[] = [
  { key: 'branchCode', zh: '网点代码' },
  { key: 'consumerName', zh: '消费者姓名' },
  { key: 'idType', zh: '证件类型' },
  { key: 'idNumber', zh: '证件号码' },
  { key: 'phone', zh: '手机号码' },
  { key: 'email', zh: '电子邮箱' },
  { key: 'businessLine', zh: '业务类型' },
  { key: 'disputeType', zh: '争议类型' },
  { key: 'amountYuan', zh: '涉及金额(元)' },
  { key: 'complaintReceivedOn', zh: '投诉受理日期' },
  { key: 'facts', zh: '事实与理由' },
  { key: 'claims', zh: '消费者诉求' },
  { key: 'preferredChannel', zh: '意向调解方式' },
  { key: 'consent', zh: '消费者同意调解' },
];
const MAX_ROWS = 1000;
const YES = new Set(['是', 'y', 'yes', 'true', '1', '同意']);

type Row = Record<string, string>;

function flatten(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    return [...Object.values(e.constraints ?? {}).map((message) => ({ field, message })), ...flatten(e.children ?? [], field)];
  });
}

/**
 * Batch filing (a branch's spreadsheet of referrals). Every row is validated; each good row is
 * filed whole inside its own savepoint, so a row that fails late leaves nothing behind; bad
 * rows come back with their row number and reason. Rows carry an idempotency key made of the
 * file's hash and the row number: uploading the same file twice files nothing twice.
 */
@Injectable()
export class CaseImportService {
  constructor(
    private readonly db: Database,
    private readonly filing: CaseFiling,
    private readonly directory: DirectoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  template(): string {
    return '\uFEFF' + COLUMNS.map((c) => c.zh).join(',') + '\r\n' +
      'QD-SN-01,张小三,resident_id,11010519491231002X,13812345678,,credit_card,fee_reduction,1234.50,2026-11-02,事实与理由,减免息费,phone,是\r\n';
  }

  async import(centerId: string | undefined, file: IncomingFile): Promise<CaseImportResult> {
    if (!centerId) throw invalid('centerId', 'choose the center to file to');
    if (!file.body) throw AttachmentTooLarge(this.config.UPLOAD_MAX_BYTES);
    const rows = await this.read(file);
    if (rows.length === 0) throw invalid('file', 'no rows under the heading row');
    if (rows.length > MAX_ROWS) throw invalid('file', `at most ${MAX_ROWS} rows per file`);
    const fileHash = createHash('sha256').update(file.body).digest('hex').slice(0, 32);
    const branches = await this.directory.branchIdsByCode(this.db.scope.organisationId!, rows.map((r) => r.data.branchCode).filter(Boolean) as string[]);
    const result: CaseImportResult = { filed: [], errors: [] };
    for (const { row, data } of rows) {
      const dto = this.toDto(centerId, data, branches);
      const errors = dto.error ? [dto.error] : flatten(await validate(dto.value!, { whitelist: true, forbidNonWhitelisted: true }));
      if (errors.length) {
        result.errors.push(...errors.map((e) => ({ row, ...e })));
        continue;
      }
      try {
        const { detail } = await this.db.savepoint(() => this.filing.file(dto.value!, `import:${fileHash}:${row}`));
        result.filed.push({ row, caseId: detail.id, caseNumber: detail.caseNumber! });
      } catch (error) {
        if (error instanceof ValidationFailedError) result.errors.push(...error.fields.map((f) => ({ row, field: f.field, message: f.message })));
        else if (error instanceof DomainError) result.errors.push({ row, field: '', message: error.message });
        else throw error;
      }
    }
    return result;
  }

  private toDto(centerId: string, d: Row, branches: Map<string, string>): { value?: CreateCaseDto; error?: { field: string; message: string } } {
    const branchId = branches.get(d.branchCode ?? '');
    if (!branchId) return { error: { field: 'branchCode', message: d.branchCode ? `no branch with code ${d.branchCode}` : 'required' } };
    const amount = d.amountYuan ? Math.round(Number(d.amountYuan.replace(/[,，¥\s]/g, '')) * 100) : 0;
    if (!Number.isFinite(amount)) return { error: { field: 'amountYuan', message: 'not a number' } };
    const plain = {
      centerId,
      branchId,
      submit: true,
      businessLine: d.businessLine || undefined,
      disputeType: d.disputeType || undefined,
      amountFen: amount,
      facts: d.facts || undefined,
      claims: d.claims || undefined,
      complaintReceivedOn: d.complaintReceivedOn || undefined,
      preferredChannel: d.preferredChannel || undefined,
      consentGiven: YES.has((d.consent ?? '').trim().toLowerCase()),
      consumer: {
        name: d.consumerName ?? '',
        idType: d.idType || 'resident_id',
        idNumber: d.idNumber ?? '',
        phone: d.phone ?? '',
        email: d.email || undefined,
      },
    };
    return { value: plainToInstance(CreateCaseDto, plain) };
  }

  /** Rows under the heading row, numbered as the spreadsheet numbers them (heading = row 1). */
  private async read(file: IncomingFile): Promise<{ row: number; data: Row }[]> {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const body = file.body!;
    const isZip = body[0] === 0x50 && body[1] === 0x4b;
    // exceljs inflates the whole workbook in memory: a zip bomb is refused before it gets the chance.
    if (isZip) await assertArchiveWithinLimits(body);
    try {
      if (isZip) await workbook.xlsx.load(body as unknown as ArrayBuffer);
      else {
        const text = body.toString('utf8').replace(/^\uFEFF/, '');
        await workbook.csv.read(Readable.from([text]));
      }
    } catch {
      throw invalid('file', 'not a readable XLSX or CSV file');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw invalid('file', 'the workbook has no sheet');
    const heading = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? '').trim());
    const keys = heading.map((h) => COLUMNS.find((c) => c.zh === h || c.key === h)?.key);
    if (!keys.includes('branchCode')) throw invalid('file', `the first row must be the headings (${COLUMNS.map((c) => c.zh).join(', ')})`);
    const out: { row: number; data: Row }[] = [];
    sheet.eachRow((r, number) => {
      if (number === 1) return;
      const data: Row = {};
      (r.values as unknown[]).forEach((v, i) => {
        const key = keys[i];
        if (!key || v === null || v === undefined) return;
        data[key] = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'object' && v && 'text' in v ? String((v as { text: string }).text) : String(v).trim();
      });
      if (Object.values(data).some((v) => v !== '')) out.push({ row: number, data });
    });
    return out;
  }
}
