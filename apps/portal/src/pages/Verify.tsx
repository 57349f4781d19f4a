import { useEffect, useState } from 'react';
import { Alert, Card, Descriptions, Flex, Result, Spin, Typography, Upload, theme } from 'antd';
import { InboxOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { documentsApi } from '../api/documents';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/format';

/**
 * /verify — anyone (a court, a consumer, the bank's auditor) drops a PDF and reads whether it
 * is a signed original registered on the platform, byte for byte. No sign-in; the file is
 * hashed by the server and not kept. `?sha256=` checks a hash without the file.
 */
export default function VerifyPage() {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const [params] = useSearchParams();
  const [fileName, setFileName] = useState<string | null>(null);
  const check = useMutation({
    mutationFn: (input: File | string) =>
      typeof input === 'string'
        ? documentsApi.verifyHash(input)
        : documentsApi.verify(input),
  });
  const hash = params.get('sha256');
  useEffect(() => {
    document.title = t('verify.title');
    if (hash) check.mutate(hash);
  }, [hash]);

  const v = check.data;
  return (
    <div style={{ minHeight: '100vh', background: token.colorBgLayout }}>
      <header style={{ background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}`, padding: '10px 16px' }}>
        <Flex align="center" justify="space-between" style={{ maxWidth: 640, margin: '0 auto' }}>
          <Flex align="center" gap={8}>
            <SafetyCertificateOutlined style={{ color: token.colorPrimary, fontSize: 20 }} />
            <h1 style={{ margin: 0, fontSize: 'inherit' }}>
              <Typography.Text strong>{t('verify.title')}</Typography.Text>
            </h1>
          </Flex>
          <LanguageSwitch />
        </Flex>
      </header>
      <main style={{ maxWidth: 640, margin: '0 auto', padding: 16 }}>
        <Card>
          <Typography.Paragraph>{t('verify.intro')}</Typography.Paragraph>
          <Upload.Dragger
            accept="application/pdf,.pdf"
            multiple={false}
            showUploadList={false}
            beforeUpload={(file) => {
              setFileName(file.name);
              check.mutate(file);
              return false;
            }}
            data-testid="verify-drop"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('verify.drop')}</p>
            <p className="ant-upload-hint">{t('verify.hint')}</p>
          </Upload.Dragger>
        </Card>
        <div style={{ marginTop: 16 }} data-testid="verify-result">
          {check.isPending ? (
            <Flex justify="center" style={{ padding: 24 }}>
              <Spin />
            </Flex>
          ) : check.isError ? (
            <Alert type="error" showIcon title={errorMessage(check.error, t)} />
          ) : v?.valid ? (
            <Card>
              <Result status="success" title={<span data-testid="verify-valid">{t('verify.valid')}</span>} subTitle={fileName ?? undefined} style={{ padding: '16px 0' }} />
              <Descriptions
                column={1}
                size="small"
                bordered
                items={[
                  { key: 'kind', label: t('verify.kind'), children: t(`documents.kind.${v.kind}`) },
                  { key: 'case', label: t('verify.caseNumber'), children: v.caseNumber },
                  { key: 'center', label: t('verify.center'), children: v.centerName },
                  { key: 'signedAt', label: t('verify.signedAt'), children: formatDateTime(v.signedAt, i18n.language) },
                  ...v.signatures.map((s) => ({
                    key: s.party,
                    label: t(`documents.party.${s.party}`),
                    children: `${s.name} · ${formatDateTime(s.signedAt, i18n.language)}`,
                  })),
                  { key: 'sha', label: 'SHA-256', children: <Typography.Text code style={{ wordBreak: 'break-all' }}>{v.sha256}</Typography.Text> },
                ]}
              />
            </Card>
          ) : v ? (
            <Card>
              <Result
                status="error"
                title={<span data-testid="verify-invalid">{t('verify.invalid')}</span>}
                subTitle={
                  <>
                    <div>{t('verify.invalidText')}</div>
                    <Typography.Text code style={{ wordBreak: 'break-all' }}>
                      {v.sha256}
                    </Typography.Text>
                  </>
                }
              />
            </Card>
          ) : null}
        </div>
      </main>
    </div>
  );
}
