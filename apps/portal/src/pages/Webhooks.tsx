import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, Modal, Popconfirm, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CopyOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@accord/contracts';
import { webhooksApi, type WebhookDelivery, type WebhookEndpoint, type WebhookEndpointWithSecret } from '../api/webhooks';
import { FormModal } from '../components/FormModal';
import { ProblemAlert } from '../components/ProblemAlert';
import { applyFieldErrors, errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { tablePagination, usePaging } from '../lib/paging';

interface CreateEndpointForm {
  url: string;
  description?: string;
  eventTypes: WebhookEventType[];
}

const STATUS_COLOR: Record<WebhookDelivery['status'], string> = { pending: 'default', delivered: 'green', retrying: 'orange', failed: 'red' };

/** 机构管理 → Webhook 推送: the institution's endpoints, the secret shown once, and each endpoint's delivery log. */
export default function WebhooksPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { page, pageSize, params, setParam } = usePaging();
  const selected = params.get('endpoint') ?? undefined;
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<WebhookEndpointWithSecret | null>(null);
  const [form] = Form.useForm<CreateEndpointForm>();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['webhooks'] });

  const list = useQuery({ queryKey: ['webhooks', 'endpoints'], queryFn: ({ signal }) => webhooksApi.list(signal) });
  const endpoint = list.data?.items.find((e) => e.id === selected);
  const deliveries = useQuery({
    queryKey: ['webhooks', 'deliveries', selected, { page, pageSize }],
    queryFn: ({ signal }) => webhooksApi.deliveries(selected!, { page, pageSize }, signal),
    enabled: Boolean(selected),
    placeholderData: keepPreviousData,
    // Retries land on their own: the log follows them while it is open.
    refetchInterval: 5000,
  });

  const create = useMutation({
    mutationFn: (v: CreateEndpointForm) => webhooksApi.create({ url: v.url.trim(), description: v.description?.trim() || undefined, eventTypes: v.eventTypes }),
    onSuccess: (created) => {
      setOpen(false);
      setSecret(created);
      setParam({ endpoint: created.id, page: undefined });
      refresh();
    },
    onError: (err) => applyFieldErrors(form, err),
  });
  const rotate = useMutation({
    mutationFn: (id: string) => webhooksApi.rotate(id),
    onSuccess: (rotated) => {
      setSecret(rotated);
      refresh();
    },
    onError: (err) => void message.error(errorMessage(err, t)),
  });
  const toggle = useMutation({
    mutationFn: (e: WebhookEndpoint) => webhooksApi.update(e.id, { enabled: !e.enabled }),
    onSuccess: (e) => {
      void message.success(t(e.enabled ? 'webhooks.enabledMsg' : 'webhooks.disabledMsg'));
      refresh();
    },
    onError: (err) => void message.error(errorMessage(err, t)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => webhooksApi.remove(id),
    onSuccess: (_, id) => {
      void message.success(t('webhooks.removedMsg'));
      if (id === selected) setParam({ endpoint: undefined, page: undefined });
      refresh();
    },
    onError: (err) => void message.error(errorMessage(err, t)),
  });
  const replay = useMutation({
    mutationFn: (d: WebhookDelivery) => webhooksApi.replay(selected!, d.id),
    onSuccess: () => {
      void message.success(t('webhooks.deliveries.replayed'));
      refresh();
    },
    onError: (err) => void message.error(errorMessage(err, t)),
  });

  const copySecret = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret.secret);
      void message.success(t('common.copied'));
    } catch {
      void message.warning(t('common.copyFailed'));
    }
  };

  const endpointColumns: TableColumnsType<WebhookEndpoint> = [
    {
      title: t('webhooks.url'),
      key: 'url',
      render: (_: unknown, e) => (
        <Space direction="vertical" size={0}>
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {e.url}
          </Typography.Text>
          {e.description ? <Typography.Text type="secondary">{e.description}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: t('webhooks.eventTypes'),
      key: 'events',
      width: 260,
      render: (_: unknown, e) =>
        e.eventTypes.length === WEBHOOK_EVENT_TYPES.length ? (
          <Tag>{t('webhooks.selectAll')}</Tag>
        ) : (
          <Flex wrap gap={4}>
            {e.eventTypes.map((type) => (
              <Tag key={type}>{t(`webhooks.events.${type}`)}</Tag>
            ))}
          </Flex>
        ),
    },
    {
      title: t('webhooks.status'),
      key: 'status',
      width: 200,
      render: (_: unknown, e) => (
        <Space direction="vertical" size={0}>
          {e.enabled ? (
            <Tag color="green">{t('webhooks.enabled')}</Tag>
          ) : (
            <Tag color="red">{t(e.disabledReason === 'failures' ? 'webhooks.disabledFailures' : 'webhooks.disabled')}</Tag>
          )}
          {e.consecutiveFailures > 0 ? <Typography.Text type="warning">{t('webhooks.failures', { count: e.consecutiveFailures })}</Typography.Text> : null}
          {e.previousSecretExpiresAt ? <Typography.Text type="secondary">{t('webhooks.rotating', { at: formatDateTime(e.previousSecretExpiresAt, i18n.language) })}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 330,
      render: (_: unknown, e) => (
        <Flex wrap gap={4}>
          <Button size="small" type={e.id === selected ? 'primary' : 'default'} onClick={() => setParam({ endpoint: e.id, page: undefined })} data-testid="webhook-show-deliveries">
            {t('webhooks.showDeliveries')}
          </Button>
          <Popconfirm title={t('webhooks.rotateConfirm')} okText={t('webhooks.rotate')} cancelText={t('common.cancel')} onConfirm={() => rotate.mutateAsync(e.id).catch(() => undefined)}>
            <Button size="small" loading={rotate.isPending && rotate.variables === e.id}>
              {t('webhooks.rotate')}
            </Button>
          </Popconfirm>
          <Button size="small" loading={toggle.isPending && toggle.variables?.id === e.id} onClick={() => toggle.mutate(e)}>
            {t(e.enabled ? 'webhooks.disable' : 'webhooks.enable')}
          </Button>
          <Popconfirm
            title={t('webhooks.removeConfirm', { url: e.url })}
            okText={t('webhooks.remove')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => remove.mutateAsync(e.id).catch(() => undefined)}
          >
            <Button size="small" danger loading={remove.isPending && remove.variables === e.id}>
              {t('webhooks.remove')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  const deliveryColumns: TableColumnsType<WebhookDelivery> = [
    { title: t('webhooks.deliveries.at'), dataIndex: 'createdAt', key: 'at', width: 150, render: (v: string) => formatDateTime(v, i18n.language) },
    { title: t('webhooks.deliveries.event'), dataIndex: 'eventType', key: 'event', width: 150, render: (v: WebhookEventType) => t(`webhooks.events.${v}`) },
    {
      title: t('webhooks.deliveries.caseNumber'),
      key: 'case',
      width: 150,
      render: (_: unknown, d) => <Typography.Text style={{ whiteSpace: 'nowrap' }}>{d.payload.data.case.caseNumber ?? '—'}</Typography.Text>,
    },
    {
      title: t('webhooks.deliveries.status'),
      key: 'status',
      width: 150,
      render: (_: unknown, d) => (
        <Space direction="vertical" size={0}>
          <Tag color={STATUS_COLOR[d.status]}>{t(`webhooks.deliveries.statuses.${d.status}`)}</Tag>
          {d.nextAttemptAt ? <Typography.Text type="secondary">{t('webhooks.deliveries.next', { at: formatDateTime(d.nextAttemptAt, i18n.language) })}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('webhooks.deliveries.attempts'), dataIndex: 'attempts', key: 'attempts', width: 105, align: 'right' },
    {
      title: t('webhooks.deliveries.httpStatus'),
      key: 'http',
      width: 110,
      render: (_: unknown, d) => (d.attempts === 0 ? '—' : (d.lastStatusCode ?? t('webhooks.deliveries.noAnswer'))),
    },
    { title: t('webhooks.deliveries.latency'), dataIndex: 'lastLatencyMs', key: 'latency', width: 90, align: 'right', render: (v: number | null) => (v === null ? '—' : `${v} ms`) },
    {
      title: t('webhooks.deliveries.response'),
      dataIndex: 'lastResponse',
      key: 'response',
      width: 180,
      ellipsis: { showTitle: false },
      render: (v: string | null, d) => (
        <Tooltip title={<span style={{ whiteSpace: 'pre-wrap' }}>{`${t('webhooks.deliveries.webhookId')}: ${d.id}\n${v ?? ''}`}</span>}>
          <Typography.Text type="secondary">{v ?? '—'}</Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_: unknown, d) => (
        <Button size="small" icon={<ReloadOutlined />} loading={replay.isPending && replay.variables?.id === d.id} onClick={() => replay.mutate(d)} data-testid="webhook-replay">
          {t('webhooks.deliveries.replay')}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        title={t('webhooks.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="webhook-create">
            {t('webhooks.create')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('webhooks.intro')}</Typography.Paragraph>
        <ProblemAlert error={list.error} />
        <Table<WebhookEndpoint>
          rowKey="id"
          columns={endpointColumns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={false}
          locale={{ emptyText: t('webhooks.noEndpoints') }}
          scroll={{ x: 1000 }}
          data-testid="webhook-endpoints"
        />
      </Card>

      {endpoint ? (
        <Card title={t('webhooks.deliveries.title', { url: endpoint.url })} data-testid="webhook-deliveries">
          <ProblemAlert error={deliveries.error} />
          <Table<WebhookDelivery>
            rowKey="id"
            columns={deliveryColumns}
            dataSource={deliveries.data?.items}
            loading={deliveries.isFetching && !deliveries.data}
            locale={{ emptyText: t('webhooks.deliveries.empty') }}
            pagination={tablePagination(t, page, pageSize, deliveries.data?.total, (p, s) => setParam({ page: p, pageSize: s }))}
            scroll={{ x: 1255 }}
          />
        </Card>
      ) : null}

      <FormModal<CreateEndpointForm>
        open={open}
        title={t('webhooks.create')}
        form={form}
        pending={create.isPending}
        error={create.error}
        onSubmit={(v) => create.mutate(v)}
        onCancel={() => setOpen(false)}
        afterClose={() => create.reset()}
        initialValues={{ eventTypes: [...WEBHOOK_EVENT_TYPES] }}
      >
        <Form.Item
          name="url"
          label={t('webhooks.url')}
          extra={t('webhooks.urlHelp')}
          rules={[{ required: true, whitespace: true, message: t('common.requiredField', { field: t('webhooks.url') }) }]}
        >
          <Input maxLength={2000} placeholder={t('webhooks.urlPlaceholder')} data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="description" label={t('webhooks.description')}>
          <Input maxLength={200} placeholder={t('webhooks.descriptionPlaceholder')} />
        </Form.Item>
        <Form.Item name="eventTypes" label={t('webhooks.eventTypes')} rules={[{ required: true, type: 'array', min: 1, message: t('webhooks.eventTypesRequired') }]}>
          <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 4 }}>
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <Checkbox key={type} value={type}>
                {t(`webhooks.events.${type}`)}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
      </FormModal>

      <Modal
        open={secret !== null}
        title={t('webhooks.secretTitle')}
        closable={false}
        mask={{ closable: false }}
        keyboard={false}
        // The secret leaves the page once acknowledged: nothing keeps it in a hidden modal.
        destroyOnHidden
        footer={
          <Button type="primary" onClick={() => setSecret(null)} data-testid="webhook-secret-saved">
            {t('webhooks.saved')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('webhooks.secretWarning')} style={{ marginBottom: 16 }} />
        {secret ? (
          <Flex gap={8} align="center">
            <Input readOnly value={secret.secret} data-testid="webhook-secret" onFocus={(e) => e.currentTarget.select()} />
            <Button icon={<CopyOutlined />} onClick={() => void copySecret()}>
              {t('common.copy')}
            </Button>
          </Flex>
        ) : null}
      </Modal>
    </Flex>
  );
}
