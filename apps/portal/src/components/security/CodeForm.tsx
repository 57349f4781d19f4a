import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** One field for the authenticator's 6 digits or a recovery code (xxxxx-xxxxx). */
export function CodeForm({ onSubmit, pending, submitLabel }: { onSubmit: (code: string) => void; pending: boolean; submitLabel?: string }) {
  const { t } = useTranslation();
  return (
    <Form<{ code: string }> layout="vertical" requiredMark={false} onFinish={(v) => onSubmit(v.code.trim())} disabled={pending}>
      <Form.Item
        label={t('security.code')}
        name="code"
        rules={[{ required: true, pattern: /^\s*(\d{3}\s?\d{3}|[0-9a-fA-F]{5}-?[0-9a-fA-F]{5})\s*$/, message: t('security.codeRequired') }]}
      >
        <Input autoComplete="one-time-code" inputMode="numeric" autoFocus maxLength={11} data-testid="second-factor-code" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" block loading={pending} data-testid="second-factor-submit">
          {submitLabel ?? t('security.verify')}
        </Button>
      </Form.Item>
    </Form>
  );
}
