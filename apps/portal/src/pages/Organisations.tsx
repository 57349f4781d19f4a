import { useState } from 'react';
import { App, Button, Card, Divider, Flex, Form, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { organisationsApi } from '../api/organisations';
import type { OrgKind, Organisation } from '../api/types';
import { FormModal } from '../components/FormModal';
import { CENTER_CODE, PASSWORD_MIN, REGION_CODE, USERNAME } from '../lib/rules';
import { ProblemAlert } from '../components/ProblemAlert';
import { applyFieldErrors } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { tablePagination, usePaging } from '../lib/paging';

type CreatableKind = Exclude<OrgKind, 'platform'>;

interface CreateOrgForm {
  kind: CreatableKind;
  name: string;
  code?: string;
  regionCode?: string;
  jurisdictionCenterIds?: string[];
  admin: { username: string; displayName: string; password: string };
}

const KINDS: CreatableKind[] = ['center', 'institution', 'regulator'];
const KIND_COLORS: Record<OrgKind, string> = {
  platform: 'purple',
  center: 'blue',
  institution: 'green',
  regulator: 'orange',
};

export default function OrganisationsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { page, pageSize, params, setParam } = usePaging();
  const kind = (params.get('kind') ?? undefined) as OrgKind | undefined;
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<CreateOrgForm>();
  const formKind = Form.useWatch('kind', form);

  const list = useQuery({
    queryKey: ['organisations', { kind, page, pageSize }],
    queryFn: ({ signal }) =>
      organisationsApi.list({ kind, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });

  const centers = useQuery({
    queryKey: ['organisations', { kind: 'center', page: 1, pageSize: 100 }],
    queryFn: ({ signal }) =>
      organisationsApi.list({ kind: 'center', page: 1, pageSize: 100 }, signal),
    enabled: open && formKind === 'regulator',
  });

  const create = useMutation({
    mutationFn: (v: CreateOrgForm) =>
      organisationsApi.create({
        kind: v.kind,
        name: v.name.trim(),
        code: v.kind === 'center' ? v.code : undefined,
        regionCode: v.regionCode?.trim() || undefined,
        jurisdictionCenterIds: v.kind === 'regulator' ? (v.jurisdictionCenterIds ?? []) : undefined,
        admin: { ...v.admin, username: v.admin.username.trim(), displayName: v.admin.displayName.trim() },
      }),
    onSuccess: (org, v) => {
      void message.success(t('organisations.createdMsg', { name: org?.name ?? v.name }));
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['organisations'] });
    },
    onError: (err) => applyFieldErrors(form, err),
  });

  const columns: TableColumnsType<Organisation> = [
    { title: t('organisations.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('organisations.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 140,
      render: (k: OrgKind) => <Tag color={KIND_COLORS[k]}>{t(`orgKind.${k}`, { defaultValue: k })}</Tag>,
    },
    { title: t('organisations.code'), dataIndex: 'code', key: 'code', width: 120, render: (v: string | null) => v || '—' },
    { title: t('organisations.region'), dataIndex: 'regionCode', key: 'regionCode', width: 120, render: (v: string | null) => v || '—' },
    {
      title: t('organisations.status'),
      dataIndex: 'isActive',
      key: 'isActive',
      width: 100,
      render: (active: boolean) =>
        active ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>,
    },
    {
      title: t('organisations.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 190,
      render: (v: string) => formatDateTime(v, i18n.language),
    },
  ];

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.requiredField', { field }) });

  return (
    <Card
      title={t('organisations.title')}
      extra={
        <Flex gap={8}>
          <Select
            allowClear
            placeholder={t('organisations.filterKind')}
            aria-label={t('organisations.filterKind')}
            style={{ width: 160 }}
            value={kind}
            onChange={(v?: string) => setParam({ kind: v, page: undefined })}
            options={(['platform', ...KINDS] as OrgKind[]).map((k) => ({ value: k, label: t(`orgKind.${k}`) }))}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="org-create">
            {t('organisations.create')}
          </Button>
        </Flex>
      }
    >
      <ProblemAlert error={list.error} />
      <Table<Organisation>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={tablePagination(t, page, pageSize, list.data?.total, (p, s) =>
          setParam({ page: p, pageSize: s }),
        )}
        scroll={{ x: 720 }}
      />

      <FormModal<CreateOrgForm>
        open={open}
        title={t('organisations.create')}
        form={form}
        pending={create.isPending}
        error={create.error}
        onSubmit={(v) => create.mutate(v)}
        onCancel={() => setOpen(false)}
        afterClose={() => create.reset()}
        initialValues={{ kind: 'center' }}
        width={620}
      >
        <Form.Item name="kind" label={t('organisations.kind')} rules={[{ required: true }]}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('organisations.name')}
          rules={[required(t('organisations.name')), { min: 2, message: t('common.tooShort', { min: 2 }) }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        {formKind === 'center' ? (
          <Form.Item
            name="code"
            label={t('organisations.code')}
            extra={t('organisations.codeHelp')}
            normalize={(v?: string) => v?.toUpperCase().replace(/\s/g, '')}
            rules={[
              required(t('organisations.code')),
              { pattern: CENTER_CODE, message: t('organisations.codeInvalid') },
            ]}
          >
            <Input maxLength={6} style={{ width: 160 }} placeholder="QD" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="regionCode"
          label={t('organisations.region')}
          extra={t('organisations.regionHelp')}
          rules={[{ pattern: REGION_CODE, message: t('organisations.regionInvalid') }]}
        >
          <Input maxLength={6} style={{ width: 160 }} placeholder="370200" inputMode="numeric" />
        </Form.Item>
        {formKind === 'regulator' ? (
          <Form.Item name="jurisdictionCenterIds" label={t('organisations.jurisdictionCenters')}>
            <Select
              mode="multiple"
              loading={centers.isFetching}
              optionFilterProp="label"
              options={(centers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        ) : null}
        <Divider titlePlacement="start" plain>
          <Typography.Text strong>{t('organisations.admin')}</Typography.Text>
        </Divider>
        <Form.Item
          name={['admin', 'username']}
          label={t('organisations.adminUsername')}
          extra={t('users.usernameHelp')}
          normalize={(v?: string) => v?.toLowerCase().trim()}
          rules={[required(t('organisations.adminUsername')), { pattern: USERNAME, message: t('users.usernameInvalid') }]}
        >
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item
          name={['admin', 'displayName']}
          label={t('organisations.adminDisplayName')}
          rules={[required(t('organisations.adminDisplayName'))]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name={['admin', 'password']}
          label={t('organisations.adminPassword')}
          extra={t('users.passwordHelp')}
          rules={[
            { required: true, message: t('common.requiredField', { field: t('organisations.adminPassword') }) },
            { min: PASSWORD_MIN, message: t('users.passwordTooShort') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
