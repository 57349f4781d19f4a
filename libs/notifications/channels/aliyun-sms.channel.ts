import { randomUUID } from 'node:crypto';
import { aliyunSignature, aliyunTimestamp, canonicalQuery, percentEncode } from './aliyun-signature';
import { DeliveryError, MessageChannel, OutgoingMessage } from './message-channel';

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  endpoint: string;
  timeoutMs?: number;
}

/** Refusals a retry cannot cure: a bad number, template or signature, wrong credentials. */
const PERMANENT =
  /^(isv\.(MOBILE_NUMBER_ILLEGAL|MOBILE_COUNT_OVER_LIMIT|INVALID_PARAMETERS|INVALID_JSON_PARAM|SMS_TEMPLATE_ILLEGAL|SMS_SIGNATURE_ILLEGAL|TEMPLATE_MISSING_PARAMETERS|PARAM_LENGTH_LIMIT|PARAM_NOT_SUPPORT_URL|BLACK_KEY_CONTROL_LIMIT|DOMESTIC_NUMBER_NOT_SUPPORTED|SMS_SIGN_ILLEGAL|ACCOUNT_NOT_EXISTS|ACCOUNT_ABNORMAL)|SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId(\..*)?|Forbidden\.RAM|MissingParameter)$/;

/**
 * Alibaba Cloud SMS (短信服务) SendSms, API version 2017-05-25, signed with signature v1
 * (HMAC-SHA1) by node's crypto and sent with fetch. China requires an approved signature and
 * template: SMS_TEMPLATE_CODE names a template whose whole text is the variable `${content}`,
 * and the provider adds 【SMS_SIGN_NAME】 itself, so our own 【…】 prefix is left out.
 */
export class AliyunSmsChannel implements MessageChannel {
  readonly channel = 'sms' as const;
  readonly provider = 'aliyun';

  constructor(private readonly options: AliyunSmsOptions) {}

  /** The signed form body of one SendSms call (exposed for tests that recompute it). */
  signedBody(message: OutgoingMessage, at = new Date(), nonce: string = randomUUID()): string {
    const params: Record<string, string> = {
      AccessKeyId: this.options.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      OutId: message.id,
      PhoneNumbers: message.to,
      RegionId: 'cn-hangzhou',
      SignName: this.options.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: nonce,
      SignatureVersion: '1.0',
      TemplateCode: this.options.templateCode,
      TemplateParam: JSON.stringify({ content: message.body.replace(/^【[^】]*】/, '') }),
      Timestamp: aliyunTimestamp(at),
      Version: '2017-05-25',
    };
    return `${canonicalQuery(params)}&Signature=${percentEncode(aliyunSignature('POST', params, this.options.accessKeySecret))}`;
  }

  async send(message: OutgoingMessage): Promise<{ ref: string }> {
    let response: Response;
    try {
      response = await fetch(`${this.options.endpoint.replace(/\/$/, '')}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
        body: this.signedBody(message),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new DeliveryError(`aliyun: ${(error as Error).message}`, false);
    }
    const text = await response.text();
    let answer: { Code?: string; Message?: string; BizId?: string; RequestId?: string };
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      throw new DeliveryError(`aliyun: HTTP ${response.status} ${text.slice(0, 200)}`, false);
    }
    if (response.ok && answer.Code === 'OK') return { ref: answer.BizId ?? answer.RequestId ?? '' };
    const code = answer.Code ?? `HTTP ${response.status}`;
    const permanent = PERMANENT.test(code) || (response.status >= 400 && response.status < 500 && response.status !== 429 && !answer.Code);
    throw new DeliveryError(`${code}: ${answer.Message ?? text.slice(0, 200)}`, permanent);
  }
}
