import { BUSINESS_LINE_ZH, DISPUTE_TYPE_ZH, OUTCOME_ZH, type BusinessLine, type DisputeType, type IdDocumentType, type Outcome } from '@accord/contracts';
import type { ConsumerDataCopy } from '@accord/cases';
import { chineseDateTime, loadFonts } from './document-pdf';
import { loadPdfKit } from '@accord/core';

const ID_TYPES: Record<IdDocumentType, string> = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  foreign_permanent: '外国人永久居留身份证',
  other: '其他证件',
};
const CHANNEL_ZH: Record<string, string> = { phone: '电话调解', video: '视频调解', on_site: '现场调解' };
const MARGIN = 56;

const yuan = (fen: string | number) => `${(Number(fen) / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * 个人信息副本: what a center holds about a consumer for one case, as PIPL art. 45 gives them the
 * right to a copy. Chinese, with the fonts embedded (subset), so the text extracts back as Chinese.
 * Pure: the caller reads the data (and audits the request).
 */
export async function renderPersonalDataCopy(copy: ConsumerDataCopy, centerName: string, generatedAt: Date): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new (await loadPdfKit())({
    size: 'A4',
    margin: MARGIN,
    info: { Title: '个人信息副本', Author: centerName, Creator: 'Accord', CreationDate: generatedAt },
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

  const heading = (text: string) => {
    doc.moveDown(0.7);
    doc.font('bold').fontSize(12.5).text(text);
    doc.moveDown(0.2);
  };
  const field = (label: string, value: string | null | undefined) => {
    doc.font('bold').fontSize(10.5).text(`${label}：`, { continued: true, lineGap: 3 });
    doc.font('regular').text(value || '—', { lineGap: 3 });
  };
  const para = (text: string) => doc.font('regular').fontSize(10.5).text(text || '—', { lineGap: 3 });
  const small = (text: string) => {
    doc.font('regular').fontSize(8.5).fillColor('#555555').text(text, { lineGap: 2 });
    doc.fillColor('#000000');
  };

  doc.font('bold').fontSize(19).text('个人信息副本', { align: 'center' });
  doc.moveDown(0.2);
  small(`依据《中华人民共和国个人信息保护法》第四十五条，应您通过案件链接提出的请求，${centerName}向您提供其就本案处理的您的个人信息。生成时间：${chineseDateTime(generatedAt)}`);

  heading('一、身份信息');
  if (copy.identity) {
    field('姓名', copy.identity.name);
    field('证件类型', copy.identity.idType ? (ID_TYPES[copy.identity.idType as IdDocumentType] ?? copy.identity.idType) : null);
    field('证件号码', copy.identity.idNumber);
    field('手机号码', copy.identity.phone);
    field('电子邮箱', copy.identity.email);
  } else {
    para(`您的姓名、证件号码、手机号码、电子邮箱和证据材料已按本中心的个人信息保存期限删除${copy.erasedAt ? `（删除时间：${chineseDateTime(new Date(copy.erasedAt))}）` : ''}，本中心不再持有。`);
  }

  heading('二、案件信息');
  field('案件编号', copy.caseNumber);
  field('调解组织', centerName);
  field('被申请金融机构', copy.institutionName);
  field('提交时间', copy.submittedAt ? chineseDateTime(new Date(copy.submittedAt)) : null);
  field('业务类型', copy.businessLine ? (BUSINESS_LINE_ZH[copy.businessLine as BusinessLine] ?? copy.businessLine) : null);
  field('纠纷类型', copy.disputeType ? (DISPUTE_TYPE_ZH[copy.disputeType as DisputeType] ?? copy.disputeType) : null);
  field('涉及金额', yuan(copy.amountFen));
  field('调解结果', copy.outcome ? (OUTCOME_ZH[copy.outcome as Outcome] ?? copy.outcome) : null);
  field('办结时间', copy.concludedAt ? chineseDateTime(new Date(copy.concludedAt)) : null);
  field('同意调解时间', copy.consentAt ? chineseDateTime(new Date(copy.consentAt)) : null);
  field('希望的调解方式', copy.preferredChannel ? (CHANNEL_ZH[copy.preferredChannel] ?? copy.preferredChannel) : null);
  field('方便的时间', copy.preferredTimes);
  doc.moveDown(0.3);
  doc.font('bold').fontSize(10.5).text('纠纷事实：');
  para(copy.facts);
  doc.font('bold').fontSize(10.5).text('您的请求：');
  para(copy.claims);

  heading('三、证据材料');
  if (!copy.attachments.length) para('无');
  for (const a of copy.attachments) {
    para(a.erasedAt ? `· 已删除的材料（${a.contentType}，${kb(a.sizeBytes)}，删除于 ${chineseDateTime(new Date(a.erasedAt))}）` : `· ${a.fileName}（${a.contentType}，${kb(a.sizeBytes)}，上传于 ${chineseDateTime(new Date(a.createdAt))}）`);
  }

  heading('四、发送给您的消息');
  if (!copy.messages.length) para('无');
  for (const m of copy.messages) {
    para(`· ${chineseDateTime(new Date(m.createdAt))} ${m.channel === 'sms' ? '短信' : '电子邮件'}${m.subject ? `「${m.subject}」` : ''}：${m.body}`);
  }

  doc.moveDown(1);
  small('如需更正或删除您的个人信息，或对本副本有疑问，请联系调解中心。本副本仅供您本人使用，请妥善保管。');
  doc.end();
  return done;
}
