import { aliyunSignature, aliyunTimestamp, canonicalQuery, percentEncode, stringToSign } from './aliyun-signature';
import { AliyunSmsChannel } from './aliyun-sms.channel';

describe('Alibaba Cloud signature v1', () => {
  // The example of Alibaba Cloud's SMS documentation ("HTTP 协议及签名"), byte for byte.
  const docExample = {
    AccessKeyId: 'testId',
    Action: 'SendSms',
    Format: 'XML',
    OutId: '123',
    PhoneNumbers: '15300000001',
    RegionId: 'cn-hangzhou',
    SignName: '阿里云短信测试专用',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
    SignatureVersion: '1.0',
    TemplateCode: 'SMS_71390007',
    TemplateParam: '{"customer":"test"}',
    Timestamp: '2017-07-12T02:42:19Z',
    Version: '2017-05-25',
  };

  it('encodes as RFC 3986 wants: a space is %20, * is %2A, ~ stays, Chinese is UTF-8', () => {
    expect(percentEncode('a b')).toBe('a%20b');
    expect(percentEncode("*!'()")).toBe('%2A%21%27%28%29');
    expect(percentEncode('~-_.')).toBe('~-_.');
    expect(percentEncode('/=&+')).toBe('%2F%3D%26%2B');
    expect(percentEncode('派')).toBe('%E6%B4%BE');
  });

  it('reproduces the SendSms example of the documentation', () => {
    expect(canonicalQuery(docExample)).toBe(
      'AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001&RegionId=cn-hangzhou' +
        '&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8&SignatureMethod=HMAC-SHA1' +
        '&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0&TemplateCode=SMS_71390007' +
        '&TemplateParam=%7B%22customer%22%3A%22test%22%7D&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25',
    );
    expect(stringToSign('GET', docExample)).toMatch(/^GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26/);
    expect(aliyunSignature('GET', docExample, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('reproduces the RPC documentation example (DescribeRegions) and ignores a Signature already present', () => {
    const params = {
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      Version: '2014-05-26',
      Timestamp: '2016-02-23T12:46:24Z',
    };
    expect(aliyunSignature('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    expect(aliyunSignature('GET', { ...params, Signature: 'x' }, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    // The method is part of what is signed.
    expect(aliyunSignature('POST', params, 'testsecret')).not.toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('signs a SendSms form body that verifies, with our 【…】 prefix left to the provider', () => {
    const channel = new AliyunSmsChannel({ accessKeyId: 'LTAI-test', accessKeySecret: 's3cret', signName: '青岛调解中心', templateCode: 'SMS_100', endpoint: 'http://x' });
    const at = new Date('2027-03-01T01:02:03.456Z');
    const body = channel.signedBody({ id: 'm-1', to: '13812345678', subject: '', body: '【青岛调解中心】验证码 123456，10 分钟内有效。', attachments: [] }, at, 'nonce-1');
    const params = Object.fromEntries(new URLSearchParams(body));
    expect(params).toMatchObject({
      Action: 'SendSms',
      PhoneNumbers: '13812345678',
      SignName: '青岛调解中心',
      TemplateCode: 'SMS_100',
      TemplateParam: '{"content":"验证码 123456，10 分钟内有效。"}',
      Timestamp: aliyunTimestamp(at),
      OutId: 'm-1',
    });
    expect(aliyunTimestamp(at)).toBe('2027-03-01T01:02:03Z');
    expect(params.Signature).toBe(aliyunSignature('POST', params, 's3cret'));
    expect(params.Signature).not.toBe(aliyunSignature('POST', params, 'other'));
  });
});
