import { redactMessageSecrets } from './message-redaction';

describe('redactMessageSecrets', () => {
  it('masks the token of a consumer link and keeps the rest of the sentence', () => {
    const body = '【青岛中心】您的调解会议已预约，请点击 http://127.0.0.1:3000/c/q5Zt0m3f-Xk2_aaBBccDDeeFFgg9 确认时间或申请改期（需短信验证码）。';
    expect(redactMessageSecrets(body)).toBe('【青岛中心】您的调解会议已预约，请点击 http://127.0.0.1:3000/c/… 确认时间或申请改期（需短信验证码）。');
  });

  it('masks a one-time code, in Chinese and English', () => {
    expect(redactMessageSecrets('【青岛中心】验证码 482913，10 分钟内有效。请勿告诉他人。')).toBe('【青岛中心】验证码 ******，10 分钟内有效。请勿告诉他人。');
    expect(redactMessageSecrets('Your verification code: 4829')).toBe('Your verification code: ******');
  });

  it('drops query strings and fragments, keeps ordinary paths and case ids', () => {
    expect(redactMessageSecrets('see https://accord.example/video?token=abc#x')).toBe('see https://accord.example/video?…');
    expect(redactMessageSecrets('https://accord.example/cases/26c8a9e0-1111-4a2b-9c3d-0123456789ab')).toBe('https://accord.example/cases/26c8a9e0-1111-4a2b-9c3d-0123456789ab');
    // A link ended by Chinese punctuation: the punctuation stays outside.
    expect(redactMessageSecrets('请点击 https://a.example/c/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA，谢谢')).toBe('请点击 https://a.example/c/…，谢谢');
    expect(redactMessageSecrets('评价：http://localhost:3000/c/Y-YLxEm6HWR9z72a_w5kELV6Z-swqL7-（需短信验证码）')).toBe('评价：http://localhost:3000/c/…（需短信验证码）');
    expect(redactMessageSecrets('open https://a.example/c/AAAAAAAAAAAAAAAAAAAAAAAA.')).toBe('open https://a.example/c/….');
  });

  it('leaves amounts, dates and case numbers alone', () => {
    const text = '案件 QD-2026-000014 约定于 2026-12-15 前退还 12800.00 元';
    expect(redactMessageSecrets(text)).toBe(text);
  });
});
