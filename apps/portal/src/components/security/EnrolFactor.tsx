import { Alert, Button, Flex, List, QRCode, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CodeForm } from './CodeForm';

/** The QR code of the new secret (AntD's <QRCode>), its key for typing, and the confirm step. */
export function EnrolFactor({ enrolment, onConfirm, pending }: { enrolment: { secret: string; otpauthUri: string }; onConfirm: (code: string) => void; pending: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{t('security.enrolScan')}</Typography.Paragraph>
      <Flex justify="center">
        <QRCode value={enrolment.otpauthUri} size={180} data-testid="second-factor-qr" />
      </Flex>
      <Typography.Text>
        {t('security.secret')}:{' '}
        <Typography.Text code copyable data-testid="second-factor-secret">
          {enrolment.secret}
        </Typography.Text>
      </Typography.Text>
      <CodeForm onSubmit={onConfirm} pending={pending} submitLabel={t('security.confirm')} />
    </Flex>
  );
}

/** The ten recovery codes, shown once after enrolment or renewal. */
export function RecoveryCodesList({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12}>
      <Alert type="warning" showIcon title={t('security.recoveryTitle')} description={t('security.recoveryHint')} />
      <List
        size="small"
        bordered
        grid={{ column: 2 }}
        dataSource={codes}
        renderItem={(c) => (
          <List.Item style={{ marginBottom: 0 }}>
            <Typography.Text code data-testid="recovery-code">
              {c}
            </Typography.Text>
          </List.Item>
        )}
      />
      <Button type="primary" onClick={onDone} data-testid="recovery-codes-saved">
        {t('security.recoverySaved')}
      </Button>
    </Flex>
  );
}
