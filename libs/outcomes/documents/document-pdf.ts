import { readFileSync } from 'node:fs';
import Nzh from 'nzh';
import type { BusinessLine, DisputeType, ObligationParty, OtherRoute, SettlementTerms, SignatureParty, TerminationReason } from '@accord/contracts';
import { BUSINESS_LINE_ZH, DISPUTE_TYPE_ZH } from '@accord/contracts';
import { loadPdfKit } from '@accord/core';

/**
 * The case's documents as PDF, in Chinese: the mediation agreement (调解协议书) and the
 * termination notice (终止调解告知书). Pure: the same input gives the same text; the fonts come
 * from an npm package (Noto Sans SC, OFL) so a fresh machine renders them, and pdfkit embeds
 * only the glyphs used (a two-page agreement stays well under 100 kB).
 */

export interface DocumentCaseFacts {
  caseNumber: string;
  centerName: string;
  consumerName: string;
  institutionName: string;
  branchName: string | null;
  mediatorName: string;
  businessLine: BusinessLine | null;
  disputeType: DisputeType | null;
  amountFen: number | null;
  facts: string;
  claims: string;
}

export interface AgreementInput extends DocumentCaseFacts {
  kind: 'agreement';
  terms: SettlementTerms;
}

export interface TerminationNoticeInput extends DocumentCaseFacts {
  kind: 'termination_notice';
  outcome: 'not_settled' | 'terminated';
  notSettledReason: string | null;
  terminationReason: TerminationReason | null;
  otherRoutes: OtherRoute[];
}

export type DocumentInput = (AgreementInput | TerminationNoticeInput) & {
  /** Printed as the document's date (Asia/Shanghai) and stored as the PDF's creation date. */
  issuedAt: Date;
  version: number;
};

export interface SignatureRecord {
  party: SignatureParty;
  name: string;
  via: 'portal' | 'consumer_link';
  signedAt: Date;
}

export const DOCUMENT_TITLES = { agreement: '调解协议书', termination_notice: '终止调解告知书' } as const;

const TERMINATION_REASONS: Record<TerminationReason, string> = {
  time_limit: '调解期限届满，当事人未同意延长',
  no_show: '当事人无正当理由未参加调解',
  litigation_started: '一方当事人已就本纠纷提起诉讼或申请仲裁',
  party_refused: '一方当事人明确表示不愿继续调解',
  other: '其他导致调解无法继续的情形',
};
const OTHER_ROUTES: Record<OtherRoute, string> = {
  litigation: '依法向有管辖权的人民法院提起诉讼',
  arbitration: '依据双方之间有效的仲裁协议申请仲裁',
  regulator_complaint: '向金融监督管理部门反映（消费者投诉热线 12378）',
  other_mediation: '向其他依法设立的调解组织申请调解',
};
export const PARTY_LABELS: Record<SignatureParty, string> = { institution: '被申请人（金融机构）', consumer: '申请人（金融消费者）', mediator: '调解员' };
const OWED_BY: Record<ObligationParty, string> = { institution: '被申请人', consumer: '申请人' };
const VIA: Record<SignatureRecord['via'], string> = { portal: '平台账户确认', consumer_link: '短信验证码确认' };

/** 123456 fen → "¥1,234.56". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** 123456 fen → "人民币壹仟贰佰叁拾肆元伍角陆分" (the form written on contracts). */
export function yuanInCapitals(fen: number): string {
  if (fen === 0) return '人民币零元整';
  const words = Nzh.cn.toMoney((fen / 100).toFixed(2), { outSymbol: true }) as string;
  return fen % 100 === 0 ? `${words}整` : words;
}

/** Both forms together, as contracts write them: ¥1,234.56（人民币壹仟贰佰叁拾肆元伍角陆分）. */
export function amount(fen: number): string {
  return `${yuan(fen)}（${yuanInCapitals(fen)}）`;
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function shanghaiParts(at: Date) {
  const p = Object.fromEntries(SHANGHAI.formatToParts(at).map((x) => [x.type, x.value]));
  return { y: p.year, m: p.month, d: p.day, time: `${p.hour}:${p.minute}:${p.second}` };
}

/** "2026年12月01日" in Asia/Shanghai. */
export function chineseDate(at: Date): string {
  const { y, m, d } = shanghaiParts(at);
  return `${y}年${m}月${d}日`;
}

/** "2026-12-01 18:30:05（北京时间）". */
export function chineseDateTime(at: Date): string {
  const { y, m, d, time } = shanghaiParts(at);
  return `${y}-${m}-${d} ${time}（北京时间）`;
}

/** A calendar day (YYYY-MM-DD, already a Shanghai day) → "2027年01月15日". */
function day(isoDay: string): string {
  const [y, m, d] = isoDay.split('-');
  return `${y}年${m}月${d}日`;
}

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
const ordinal = (i: number) => CHINESE_ORDINALS[i] ?? String(i + 1);

let fonts: { regular: Buffer; bold: Buffer } | undefined;
/** Noto Sans SC regular and bold, read once: also the monthly report's (libs/supervision) Chinese fonts. */
export function loadFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  };
  return fonts;
}

const MARGIN = 64;

class Writer {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  title(text: string) {
    this.doc.font('bold').fontSize(20).text(text, { align: 'center', characterSpacing: 4 });
    this.doc.moveDown(0.3);
  }

  heading(text: string) {
    this.doc.moveDown(0.6);
    this.doc.font('bold').fontSize(12.5).text(text);
    this.doc.moveDown(0.2);
  }

  para(text: string, options: PDFKit.Mixins.TextOptions = {}) {
    this.doc.font('regular').fontSize(11).text(text, { lineGap: 3, ...options });
  }

  field(label: string, value: string) {
    this.doc.font('bold').fontSize(11).text(`${label}：`, { continued: true, lineGap: 3 });
    this.doc.font('regular').text(value || '—', { lineGap: 3 });
  }

  small(text: string, options: PDFKit.Mixins.TextOptions = {}) {
    this.doc.font('regular').fontSize(9).fillColor('#555555').text(text, { lineGap: 2, ...options });
    this.doc.fillColor('#000000');
  }

  rule() {
    const y = this.doc.y + 4;
    this.doc
      .moveTo(MARGIN, y)
      .lineTo(this.doc.page.width - MARGIN, y)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    this.doc.strokeColor('#000000');
    this.doc.y = y + 8;
  }
}

function parties(w: Writer, input: DocumentInput) {
  w.field('案件编号', input.caseNumber);
  w.field('调解组织', input.centerName);
  w.field('申请人（金融消费者）', input.consumerName);
  w.field('被申请人（金融机构）', input.branchName ? `${input.institutionName}（${input.branchName}）` : input.institutionName);
  w.field('调解员', input.mediatorName);
  const kind = [input.businessLine ? BUSINESS_LINE_ZH[input.businessLine] : null, input.disputeType ? DISPUTE_TYPE_ZH[input.disputeType] : null].filter(Boolean).join(' · ');
  if (kind) w.field('纠纷类型', kind);
  if (input.amountFen !== null) w.field('涉及金额', amount(input.amountFen));
}

function agreementBody(w: Writer, input: AgreementInput & DocumentInput) {
  w.heading('一、纠纷事实');
  w.para(input.facts);
  w.heading('二、申请人的请求');
  w.para(input.claims);
  w.heading('三、调解结果');
  w.para('经调解员主持调解，双方当事人在平等、自愿、合法的基础上，就上述纠纷自愿达成如下协议：');
  const t = input.terms;
  const clauses: string[] = [];
  if (t.refundFen > 0) clauses.push(`被申请人向申请人退还（赔偿）款项 ${amount(t.refundFen)}。`);
  if (t.feeWaiverFen > 0) clauses.push(`被申请人减免申请人相关息费 ${amount(t.feeWaiverFen)}。`);
  if (t.instalment) {
    clauses.push(
      `申请人剩余欠款 ${amount(t.instalment.totalFen)} 分 ${t.instalment.count} 期偿还，首期还款日为 ${day(t.instalment.firstDueOn)}，此后每月同日还款一期。`,
    );
  }
  t.obligations.forEach((o) => {
    const money = o.amountFen !== null ? `，金额 ${amount(o.amountFen)}` : '';
    clauses.push(`${OWED_BY[o.owedBy]}应于 ${day(o.dueOn)} 前${o.description}${money}。`);
  });
  if (t.freeText.trim()) clauses.push(t.freeText.trim());
  clauses.push('本协议履行完毕后，双方就本纠纷再无其他争议。');
  clauses.forEach((c, i) => w.para(`（${ordinal(i)}）${c}`));

  w.heading('四、其他约定');
  [
    '本协议系双方当事人在调解员主持下自愿达成，是双方真实意思表示，不违反法律、行政法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益。',
    '本协议经双方当事人和调解员签署后生效，具有法律约束力，当事人应当按照约定履行自己的义务，不得擅自变更或者解除。',
    '依照《中华人民共和国民事诉讼法》及《中华人民共和国人民调解法》的规定，双方当事人可以自本协议生效之日起三十日内，共同向有管辖权的人民法院申请司法确认。经人民法院确认有效后，一方拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行。',
    '一方当事人未按约定履行的，另一方可以向调解组织反映，也可以就履行争议或协议内容向人民法院提起诉讼。',
    '本协议以电子方式签署，签署完成后的文件以其 SHA-256 摘要登记于调解平台，任何人可凭原文件在平台核验其真实性与完整性。',
  ].forEach((c, i) => w.para(`（${ordinal(i)}）${c}`));
}

function terminationBody(w: Writer, input: TerminationNoticeInput & DocumentInput) {
  w.heading('一、纠纷事实与请求');
  w.para(input.facts);
  w.para(`申请人请求：${input.claims}`);
  w.heading('二、终止调解的原因');
  if (input.outcome === 'not_settled') {
    w.para(`本中心受理上述纠纷后，调解员主持进行了调解，双方当事人未能达成调解协议。${input.notSettledReason ? `原因：${input.notSettledReason}` : ''}`);
  } else {
    w.para(`本案因下列原因终止调解：${input.terminationReason ? TERMINATION_REASONS[input.terminationReason] : '调解无法继续'}。`);
  }
  w.para(`依照调解规则，本中心决定终止对本纠纷的调解，现予告知。`);
  w.heading('三、申请人的其他救济途径');
  const routes = input.otherRoutes.length ? input.otherRoutes : (['litigation', 'arbitration'] as OtherRoute[]);
  routes.forEach((r, i) => w.para(`（${ordinal(i)}）${OTHER_ROUTES[r]}；`));
  w.para('请注意法律规定的诉讼时效和仲裁时效。调解过程中当事人为达成调解协议作出的让步，不作为此后诉讼或仲裁中对其不利的依据。');
}

function signatureBlock(w: Writer, input: DocumentInput, signatures: SignatureRecord[] | null) {
  const needed: SignatureParty[] = input.kind === 'agreement' ? ['institution', 'consumer', 'mediator'] : ['mediator'];
  // The block stays on one page: a signature line apart from its heading reads as forged.
  const height = 60 + needed.length * 40 + (signatures ? 50 : 30);
  if (w.doc.y + height > w.doc.page.height - w.doc.page.margins.bottom) w.doc.addPage();
  w.heading(input.kind === 'agreement' ? '五、签署' : '四、签发');
  if (!signatures) {
    w.small(
      input.kind === 'agreement'
        ? '【审阅稿】本文件尚未签署。各方按 被申请人 → 申请人 → 调解员 的顺序在调解平台确认签署后，平台生成带签署记录的正式文本。'
        : '【审阅稿】本告知书尚未签发。调解员在调解平台签发后，平台生成带签发记录的正式文本。',
    );
    w.doc.moveDown(0.4);
    for (const party of needed) w.para(`${PARTY_LABELS[party]}：________________    日期：____年__月__日`);
    return;
  }
  for (const party of needed) {
    const s = signatures.find((x) => x.party === party);
    w.para(`${PARTY_LABELS[party]}：${s ? s.name : '（未签署）'}`);
    if (s) w.small(`签署方式：${VIA[s.via]}    签署时间：${chineseDateTime(s.signedAt)}`, { indent: 16 });
  }
  w.doc.moveDown(0.6);
  w.para(`${input.centerName}`, { align: 'right' });
  const last = signatures.reduce((a, s) => (s.signedAt > a ? s.signedAt : a), signatures[0]?.signedAt ?? input.issuedAt);
  w.para(chineseDate(last), { align: 'right' });
}

/**
 * The PDF of a document. Without `signatures` it is the review draft (blank signature lines);
 * with them it is the signed original, whose bytes are hashed and frozen.
 */
export async function renderDocumentPdf(input: DocumentInput, signatures: SignatureRecord[] | null = null): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const title = DOCUMENT_TITLES[input.kind];
  const doc = new (await loadPdfKit())({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `${title} ${input.caseNumber}`,
      Author: input.centerName,
      Subject: signatures ? '已签署' : '审阅稿',
      Creator: 'Accord',
      CreationDate: signatures ? signatures.reduce((a, s) => (s.signedAt > a ? s.signedAt : a), input.issuedAt) : input.issuedAt,
    },
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const w = new Writer(doc);

  w.title(title);
  w.small(`${input.centerName}    案件编号 ${input.caseNumber}    第 ${input.version} 版${signatures ? '' : '（审阅稿）'}`, { align: 'center' });
  w.rule();
  parties(w, input);
  if (input.kind === 'agreement') agreementBody(w, input as AgreementInput & DocumentInput);
  else terminationBody(w, input as TerminationNoticeInput & DocumentInput);
  signatureBlock(w, input, signatures);
  if (!signatures) {
    doc.moveDown(0.6);
    w.small(`生成时间：${chineseDateTime(input.issuedAt)}`);
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#777777')
      .text(`${title} · ${input.caseNumber} · 第 ${i + 1} 页 / 共 ${range.count} 页`, MARGIN, doc.page.height - 40, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
