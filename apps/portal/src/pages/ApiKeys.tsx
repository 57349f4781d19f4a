import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiKeysApi } from '../api/organisations';
import type { ApiKey, CreatedApiKey } from '../api/types';
import { FormModal } from '../components/FormModal';
import { ProblemAlert } from '../components/ProblemAlert';
import { applyFieldErrors, errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { tablePagination, usePaging } from '../lib/paging';

interface CreateKeyForm {
  name: string;
  ratePerMinute?: number;
}

interface RateForm {
  ratePerMinute: number;
}

export default function ApiKeysPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { page, pageSize, setParam } = usePaging();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [form] = Form.useForm<CreateKeyForm>();
  const [editing, setEditing] = useState<ApiKey | null>(null);
  const [rateForm] = Form.useForm<RateForm>();

  const list = useQuery({
    queryKey: ['api-keys', { page, pageSize }],
    queryFn: ({ signal }) => apiKeysApi.list({ page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });

  const create = useMutation({
    mutationFn: (v: CreateKeyForm) => apiKeysApi.create(v.name.trim(), v.ratePerMinute ?? undefined),
    onSuccess: (key) => {
      setOpen(false);
      setCreated(key);
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
    onError: (err) => applyFieldErrors(form, err),
  });

  const setRate = useMutation({
    mutationFn: (v: RateForm) => apiKeysApi.setRate(editing!.id, v.ratePerMinute),
    onSuccess: () => {
      setEditing(null);
      void message.success(t('apiKeys.rateSaved'));
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
    onError: (err) => applyFieldErrors(rateForm, err),
  });

  const revoke = useMutation({
    mutationFn: (id: string) => apiKeysApi.revoke(id),
    onSuccess: () => {
      void message.success(t('apiKeys.revokedMsg'));
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
    onError: (err) => void message.error(errorMessage(err, t)),
  });

  const copyKey = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.key);
      void message.success(t('common.copied'));
    } catch {
      void message.warning(t('common.copyFailed'));
    }
  };

  const columns: TableColumnsType<ApiKey> = [
    { title: t('apiKeys.name'), dataIndex: 'name', key: 'name', width: 180 },
    {
      title: t('apiKeys.prefix'),
      dataIndex: 'prefix',
      key: 'prefix',
      width: 160,
      render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
    },
    {
      title: t('apiKeys.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 190,
      render: (v: string) => formatDateTime(v, i18n.language),
    },
    {
      title: t('apiKeys.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      key: 'lastUsedAt',
      width: 190,
      render: (v: string | null) => (v ? formatDateTime(v, i18n.language) : t('apiKeys.never')),
    },
    {
      title: t('apiKeys.rate'),
      dataIndex: 'ratePerMinute',
      key: 'ratePerMinute',
      width: 200,
      render: (n: number, k: ApiKey) => (
        <Flex gap={4} align="center">
          <span data-testid="api-key-rate">{t('apiKeys.rateValue', { n })}</span>
          {k.revokedAt ? null : (
            <Button
              size="small"
              type="link"
              onClick={() => {
                rateForm.setFieldsValue({ ratePerMinute: n });
                setEditing(k);
              }}
            >
              {t('apiKeys.rateEdit')}
            </Button>
          )}
        </Flex>
      ),
    },
    {
      title: t('apiKeys.status'),
      key: 'status',
      width: 200,
      render: (_: unknown, k: ApiKey) =>
        k.revokedAt ? (
          <Tag>
            {t('apiKeys.revoked')} · {formatDateTime(k.revokedAt, i18n.language)}
          </Tag>
        ) : (
          <Tag color="green">{t('apiKeys.active')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_: unknown, k: ApiKey) =>
        k.revokedAt ? null : (
          <Popconfirm
            title={t('apiKeys.revokeConfirm', { name: k.name })}
            okText={t('apiKeys.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke.mutateAsync(k.id).catch(() => undefined)}
          >
            <Button size="small" danger loading={revoke.isPending && revoke.variables === k.id}>
              {t('apiKeys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  const data = list.data;
  const paged = typeof data?.total === 'number';

  return (
    <Card
      title={t('apiKeys.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="api-key-create">
          {t('apiKeys.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('apiKeys.intro')}</Typography.Paragraph>
      <ProblemAlert error={list.error} />
      <Table<ApiKey>
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={list.isFetching}
        pagination={
          paged ? tablePagination(t, page, pageSize, data?.total, (p, s) => setParam({ page: p, pageSize: s })) : false
        }
        // Wide only with rows, whose buttons make the scrolled region reachable by keyboard; an empty
        // table that scrolls sideways would be a region no keyboard can reach (axe: scrollable-region-focusable).
        scroll={data?.items.length ? { x: 1280 } : undefined}
      />

      <FormModal<CreateKeyForm>
        open={open}
        title={t('apiKeys.create')}
        form={form}
        pending={create.isPending}
        error={create.error}
        onSubmit={(v) => create.mutate(v)}
        onCancel={() => setOpen(false)}
        afterClose={() => create.reset()}
      >
        <Form.Item
          name="name"
          label={t('apiKeys.name')}
          rules={[{ required: true, whitespace: true, message: t('common.requiredField', { field: t('apiKeys.name') }) }]}
        >
          <Input maxLength={100} placeholder={t('apiKeys.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="ratePerMinute" label={t('apiKeys.rate')} extra={t('apiKeys.rateHelp')}>
          <InputNumber min={1} max={100000} precision={0} placeholder="600" style={{ width: 200 }} />
        </Form.Item>
      </FormModal>

      <FormModal<RateForm>
        open={editing !== null}
        title={`${t('apiKeys.rateEdit')} · ${editing?.name ?? ''}`}
        form={rateForm}
        pending={setRate.isPending}
        error={setRate.error}
        onSubmit={(v) => setRate.mutate(v)}
        onCancel={() => setEditing(null)}
        afterClose={() => setRate.reset()}
      >
        <Form.Item
          name="ratePerMinute"
          label={t('apiKeys.rate')}
          extra={t('apiKeys.rateHelp')}
          rules={[{ required: true, message: t('common.requiredField', { field: t('apiKeys.rate') }) }]}
        >
          <InputNumber min={1} max={100000} precision={0} style={{ width: 200 }} />
        </Form.Item>
      </FormModal>

      <Modal
        open={created !== null}
        title={t('apiKeys.createdTitle')}
        closable={false}
        mask={{ closable: false }}
        keyboard={false}
        footer={
          <Button type="primary" onClick={() => setCreated(null)} data-testid="api-key-saved">
            {t('apiKeys.saved')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('apiKeys.createdWarning')} style={{ marginBottom: 16 }} />
        {created ? (
          <Flex gap={8} align="center">
            <Input readOnly value={created.key} data-testid="api-key-secret" onFocus={(e) => e.currentTarget.select()} />
            <Button icon={<CopyOutlined />} onClick={() => void copyKey()}>
              {t('common.copy')}
            </Button>
          </Flex>
        ) : null}
      </Modal>
    </Card>
  );
}
