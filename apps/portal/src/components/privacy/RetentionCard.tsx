import { useEffect } from 'react';
import { App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { caseSettingsApi } from '../../api/cases';
import { applyFieldErrors, errorMessage } from '../../lib/errors';

/** The center admin's retention period for closed cases' personal data (PIPL); the daily erasure job applies it. */
export function RetentionCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ closedRetentionMonths: number }>();
  const settings = useQuery({ queryKey: caseSettingsApi.key, queryFn: ({ signal }) => caseSettingsApi.get(signal) });
  useEffect(() => {
    if (settings.data) form.setFieldsValue({ closedRetentionMonths: settings.data.closedRetentionMonths });
  }, [settings.data, form]);
  const months = Form.useWatch('closedRetentionMonths', form);
  const save = useMutation({
    mutationFn: (v: { closedRetentionMonths: number }) => caseSettingsApi.saveRetention(v.closedRetentionMonths),
    onSuccess: (data) => {
      queryClient.setQueryData(caseSettingsApi.key, data);
      void message.success(t('privacy.retentionSaved'));
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err)) void message.error(errorMessage(err, t));
    },
  });
  return (
    <Card title={t('privacy.retentionTitle')} loading={settings.isPending} data-testid="retention-card">
      <Typography.Paragraph type="secondary">{t('privacy.retentionIntro')}</Typography.Paragraph>
      <Form form={form} name="retention" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="closedRetentionMonths"
          label={t('privacy.retentionMonths')}
          extra={t('privacy.retentionHelp')}
          rules={[{ required: true, type: 'integer', min: 6, max: 360, message: t('privacy.retentionHelp') }]}
        >
          <InputNumber min={6} max={360} precision={0} style={{ width: 160 }} data-testid="retention-months" />
        </Form.Item>
        <Space align="center">
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="retention-save">
            {t('privacy.retentionSave')}
          </Button>
          {months ? <Typography.Text type="secondary">{t('privacy.retentionInYears', { years: Math.round((months / 12) * 10) / 10 })}</Typography.Text> : null}
        </Space>
      </Form>
    </Card>
  );
}
