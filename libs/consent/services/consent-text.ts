import { createHash } from 'node:crypto';
import { BUSINESS_LINE_ZH, DISPUTE_TYPE_ZH } from '@accord/contracts';
import type { BusinessLine, DisputeType } from '@accord/contracts';

/**
 * The consent text's version: an answer records it with the exact text and its SHA-256, so a
 * change of wording is a new version and never rewrites what someone agreed to.
 */
export const CONSENT_TEXT_VERSION = 'consent-2026-12';

export interface ConsentTextFacts {
  centerName: string;
  institutionName: string;
  branchName: string;
  businessLine: BusinessLine | null;
  disputeType: DisputeType | null;
  amountFen: number;
}

const yuan = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const words = (key: string | null) => (key ?? 'other').replace(/_/g, ' ');

/**
 * What the consumer reads before answering, in plain words (PIPL art. 14, 17, 23: who receives
 * which data, why, for how long, and that saying no costs them nothing). Chinese is the text of
 * record; English is offered beside it and recorded as such when chosen.
 */
export function consentText(lang: 'zh' | 'en', f: ConsentTextFacts): string[] {
  if (lang === 'en') {
    return [
      `${f.institutionName} (${f.branchName}) handled your complaint and proposes to refer it to ${f.centerName} for mediation. Mediation is voluntary: the center receives this referral only if you agree.`,
      `The dispute: ${words(f.businessLine)}, ${words(f.disputeType)}, amount in dispute CNY ${yuan(f.amountFen)}.`,
      `What the center will receive: your name, ID document type and number, mobile number and e-mail address (if given); the facts of the dispute, your claims and the amount; the bank's position and the evidence attached.`,
      `Why: only for the center to accept and mediate this dispute, to contact you to arrange sessions, and to draw up the mediation documents. The center processes your personal data under the Personal Information Protection Law, keeps it for the period its rules set after the case is closed, and then erases it.`,
      `You may say no. Saying no does not stop you from resolving the dispute in other ways (a complaint, arbitration, a lawsuit). If you agree, you may still withdraw from mediation at any time.`,
      `By choosing "I agree" you give your separate consent for ${f.institutionName} to provide the personal data above to ${f.centerName} for the mediation of this dispute.`,
    ];
  }
  return [
    `${f.institutionName}${f.branchName}受理了您的投诉，拟将该纠纷提交${f.centerName}进行调解。调解是自愿的：只有您同意，调解中心才会收到这份申请。`,
    `纠纷概况：${f.businessLine ? BUSINESS_LINE_ZH[f.businessLine] : '其他'}，${f.disputeType ? DISPUTE_TYPE_ZH[f.disputeType] : '其他'}，涉及金额 ${yuan(f.amountFen)} 元。`,
    `将提供给调解中心的信息：您的姓名、证件类型及号码、手机号码、电子邮箱（如有）；纠纷的事实经过、您的诉求及涉及金额；银行的意见及所附证据材料。`,
    `用途：仅用于调解中心受理和调解本纠纷、联系您安排调解、制作调解协议等文书。调解中心依照《中华人民共和国个人信息保护法》处理您的个人信息，结案后按规定期限保存，期满删除。`,
    `您可以不同意。不同意不影响您通过投诉、仲裁、诉讼等其他途径解决纠纷。同意后，您在调解过程中仍可随时撤回调解申请。`,
    `点击“同意”，即表示您单独同意${f.institutionName}将上述个人信息提供给${f.centerName}，用于调解本纠纷。`,
  ];
}

/** The SHA-256 (hex) of the text as shown: its paragraphs joined by newlines. */
export function consentTextSha256(paragraphs: string[]): string {
  return createHash('sha256').update(paragraphs.join('\n')).digest('hex');
}
