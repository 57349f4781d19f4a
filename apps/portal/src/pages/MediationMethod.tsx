import { useEffect } from 'react';
import { App, Button, Card, Flex, Form, Input, Space, Spin, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { consoleApi, consoleKeys } from '../api/console';
import { applyFieldErrors, errorMessage } from '../lib/errors';
import { RetentionCard } from '../components/privacy/RetentionCard';
import { ConsumerChoiceCard } from '../components/cases/ConsumerChoiceCard';

interface MethodForm {
  steps: { title: string; hint?: string }[];
}

/**
 * 调解方法: the center's ordered checklist that every session console ticks with times. The
 * center admin writes, orders and removes steps; a step kept by its title keeps the ticks it
 * already has, and ticks of a removed step keep the title they were given under. Below it, the
 * center's retention period for closed cases' personal data.
 */
export default function MediationMethodPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<MethodForm>();
  const method = useQuery({ queryKey: consoleKeys.method, queryFn: ({ signal }) => consoleApi.method(signal) });
  useEffect(() => {
    if (method.data) form.setFieldsValue({ steps: method.data.steps.map((s) => ({ title: s.title, hint: s.hint ?? undefined })) });
  }, [method.data, form]);
  const save = useMutation({
    mutationFn: (v: MethodForm) => consoleApi.saveMethod((v.steps ?? []).map((s) => ({ title: s.title.trim(), hint: s.hint?.trim() || undefined }))),
    onSuccess: (data) => {
      queryClient.setQueryData(consoleKeys.method, data);
      void message.success(t('method.saved'));
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err)) void message.error(errorMessage(err, t));
    },
  });
  if (method.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  return (
    <Flex vertical gap={16}>
      <Card title={t('method.title')}>
        <Typography.Paragraph type="secondary">{t('method.intro')}</Typography.Paragraph>
        <Form form={form} name="mediation-method" layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.List name="steps">
            {(fields, { add, remove, move }) => (
              <Flex vertical gap={8}>
                {fields.map((f, i) => (
                  <Space key={f.key} align="start" wrap data-testid="method-step">
                    <Typography.Text strong style={{ display: 'inline-block', width: 24, paddingTop: 5 }}>
                      {i + 1}.
                    </Typography.Text>
                    <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: t('method.titleRequired') }]} style={{ marginBottom: 0 }}>
                      <Input placeholder={t('method.stepTitle')} aria-label={t('method.stepTitle')} maxLength={120} style={{ width: 260 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'hint']} style={{ marginBottom: 0 }}>
                      <Input placeholder={t('method.stepHint')} aria-label={t('method.stepHint')} maxLength={500} style={{ width: 360 }} />
                    </Form.Item>
                    <Button icon={<ArrowUpOutlined />} aria-label={t('method.up')} disabled={i === 0} onClick={() => move(i, i - 1)} />
                    <Button icon={<ArrowDownOutlined />} aria-label={t('method.down')} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} />
                    <Button icon={<DeleteOutlined />} aria-label={t('method.remove')} danger onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Space>
                  <Button icon={<PlusOutlined />} onClick={() => add({ title: '' })} data-testid="method-add">
                    {t('method.add')}
                  </Button>
                  <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="method-save">
                    {t('method.save')}
                  </Button>
                </Space>
              </Flex>
            )}
          </Form.List>
        </Form>
      </Card>
      {/* The center's other standing rule kept on this page: how long closed cases' personal data is held. */}
      <RetentionCard />
      <ConsumerChoiceCard />
    </Flex>
  );
}