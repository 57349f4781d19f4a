import { pdfText } from '../../testing/pdf-text';
import { amount, chineseDate, renderDocumentPdf, yuan, yuanInCapitals, type DocumentInput } from './document-pdf';

const compact = (s: string) => s.replace(/\s+/g, '');
const contains = (text: string, s: string) => expect(compact(text)).toContain(compact(s));

const facts = {
  caseNumber: 'SH-2026-000123',
  centerName: '上海市金融消费纠纷调解中心',
  consumerName: '王小明',
  institutionName: '示例银行股份有限公司',
  branchName: '浦东支行',
  mediatorName: '李调解',
  businessLine: 'credit_card' as const,
  disputeType: 'fee_reduction' as const,
  amountFen: 1_250_000,
  facts: '申请人因信用卡逾期产生违约金及利息，认为收费过高。',
  claims: '减免违约金并分期还款。',
  issuedAt: new Date('2026-12-01T17:30:00Z'),
  version: 2,
};

const agreement: DocumentInput = {
  ...facts,
  kind: 'agreement',
  terms: {
    refundFen: 123_456,
    feeWaiverFen: 50_000,
    instalment: { totalFen: 900_000, count: 12, firstDueOn: '2027-01-15' },
    freeText: '双方同意对本协议内容保密。',
    obligations: [{ owedBy: 'institution', description: '更正申请人的征信记录', amountFen: null, dueOn: '2026-12-20' }],
  },
};

describe('document PDFs', () => {
  it('formats fen as yuan and in Chinese capitals', () => {
    expect(yuan(123_456)).toBe('¥1,234.56');
    expect(yuan(5)).toBe('¥0.05');
    expect(yuanInCapitals(123_456)).toBe('人民币壹仟贰佰叁拾肆元伍角陆分');
    expect(yuanInCapitals(10_000)).toBe('人民币壹佰元整');
    expect(amount(0)).toBe('¥0.00（人民币零元整）');
    // 01:30 on 2 December in Shanghai is still 1 December in UTC.
    expect(chineseDate(new Date('2026-12-01T17:30:00Z'))).toBe('2026年12月02日');
  });

  it('renders the agreement in Chinese, with the terms and amounts, as extractable text', async () => {
    const pdf = await renderDocumentPdf(agreement);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(200_000);
    const text = await pdfText(pdf);
    for (const s of [
      '调解协议书',
      'SH-2026-000123',
      '上海市金融消费纠纷调解中心',
      '王小明',
      '示例银行股份有限公司（浦东支行）',
      '李调解',
      '信用卡 · 息费减免',
      '¥12,500.00',
      '¥1,234.56',
      '人民币壹仟贰佰叁拾肆元伍角陆分',
      '¥500.00',
      '分 12 期偿还',
      '2027年01月15日',
      '被申请人应于 2026年12月20日 前更正申请人的征信记录',
      '双方同意对本协议内容保密',
      '司法确认',
      '三十日内',
      '民事诉讼法',
      '审阅稿',
    ]) {
      contains(text, s);
    }
  });

  it('puts the signature record into the signed original', async () => {
    const signedAt = new Date('2026-12-02T02:03:04Z');
    const pdf = await renderDocumentPdf(agreement, [
      { party: 'institution', name: '张经理', via: 'portal', signedAt },
      { party: 'consumer', name: '王小明', via: 'consumer_link', signedAt },
      { party: 'mediator', name: '李调解', via: 'portal', signedAt },
    ]);
    const text = await pdfText(pdf);
    contains(text, '张经理');
    contains(text, '短信验证码确认');
    contains(text, '2026-12-02 10:03:04（北京时间）');
    expect(text).not.toContain('审阅稿');
  });

  it('renders the termination notice with the reason and the other routes', async () => {
    const pdf = await renderDocumentPdf({
      ...facts,
      kind: 'termination_notice',
      outcome: 'terminated',
      notSettledReason: null,
      terminationReason: 'litigation_started',
      otherRoutes: ['litigation', 'arbitration', 'regulator_complaint'],
    });
    const text = await pdfText(pdf);
    for (const s of ['终止调解告知书', '已就本纠纷提起诉讼或申请仲裁', '人民法院提起诉讼', '申请仲裁', '12378', '王小明']) contains(text, s);
  });
});
