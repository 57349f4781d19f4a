import { useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Dropdown, Form, Select, Table, Tag, type TableColumnsType } from 'antd';
import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { organisationsApi } from '../api/organisations';
import type { Membership, MembershipStatus } from '../api/types';
import { FormModal } from '../components/FormModal';
import { ProblemAlert } from '../components/ProblemAlert';
import { applyFieldErrors, errorMessage } from '../lib/errors';
import { todayInShanghai } from '../lib/format';
import { tablePagination, usePaging } from '../lib/paging';
import { useDebounced } from '../lib/useDebounced';

const STATUSES: MembershipStatus[] = ['active', 'suspended', 'ended'];
const STATUS_COLORS: Record<MembershipStatus, string> = { active: 'green', suspended: 'orange', ended: 'default' };

interface AddMemberForm {
  institutionId: string;
  since: Dayjs;
}

export default function MembersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { page, pageSize, setParam } = usePaging();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<AddMemberForm>();
  // institutions are searched on the server (a list answers at most 100 rows)
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());

  const list = useQuery({
    queryKey: ['memberships', { page, pageSize }],
    queryFn: ({ signal }) => organisationsApi.memberships({ page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });

  const institutions = useQuery({
    queryKey: ['organisations', { kind: 'institution', q, page: 1, pageSize: 50 }],
    queryFn: ({ signal }) =>
      organisationsApi.list({ kind: 'institution', q, page: 1, pageSize: 50 }, signal),
    enabled: open,
    placeholderData: keepPreviousData,
  });

  const institutionOptions = useMemo(
    () => (institutions.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
    [institutions.data],
  );

  const add = useMutation({
    mutationFn: (v: AddMemberForm) =>
      organisationsApi.createMembership({
        institutionId: v.institutionId,
        since: v.since.format('YYYY-MM-DD'),
      }),
    onSuccess: () => {
      void message.success(t('members.added'));
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['memberships'] });
    },
    onError: (err) => applyFieldErrors(form, err),
  });

  const changeStatus = useMutation({
    mutationFn: ({ id, status }: { id: string; status: MembershipStatus }) =>
      organisationsApi.updateMembership(id, { status }),
    onSuccess: () => {
      void message.success(t('members.statusChanged'));
      void queryClient.invalidateQueries({ queryKey: ['memberships'] });
    },
    onError: (err) => void message.error(errorMessage(err, t)),
  });

  const columns: TableColumnsType<Membership> = [
    { title: t('members.institution'), dataIndex: 'institutionName', key: 'institutionName' },
    {
      title: t('members.status'),
      dataIndex: 'status',
      key: 'status',
      width: 120,
      render: (s: MembershipStatus) => (
        <Tag color={STATUS_COLORS[s]}>{t(`members.status_${s}`, { defaultValue: s })}</Tag>
      ),
    },
    { title: t('members.since'), dataIndex: 'since', key: 'since', width: 140 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_: unknown, m: Membership) => (
        <Dropdown
          trigger={['click']}
          menu={{
            items: STATUSES.filter((s) => s !== m.status).map((s) => ({
              key: s,
              label: t(`members.status_${s}`),
            })),
            onClick: ({ key }) => changeStatus.mutate({ id: m.id, status: key as MembershipStatus }),
          }}
        >
          <Button size="small" loading={changeStatus.isPending && changeStatus.variables?.id === m.id}>
            {t('members.changeStatus')} <DownOutlined />
          </Button>
        </Dropdown>
      ),
    },
  ];

  return (
    <Card
      title={t('members.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="member-add">
          {t('members.add')}
        </Button>
      }
    >
      <ProblemAlert error={list.error} />
      <Table<Membership>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={tablePagination(t, page, pageSize, list.data?.total, (p, s) => setParam({ page: p, pageSize: s }))}
        scroll={{ x: 640 }}
      />

      <FormModal<AddMemberForm>
        open={open}
        title={t('members.add')}
        form={form}
        pending={add.isPending}
        error={add.error ?? institutions.error}
        onSubmit={(v) => add.mutate(v)}
        onCancel={() => setOpen(false)}
        afterClose={() => {
          add.reset();
          setSearch('');
        }}
        initialValues={{ since: dayjs(todayInShanghai()) }}
      >
        <Form.Item
          name="institutionId"
          label={t('members.institution')}
          rules={[{ required: true, message: t('common.selectField', { field: t('members.institution') }) }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            loading={institutions.isFetching}
            options={institutionOptions}
            onOpenChange={(o) => !o && setSearch('')}
          />
        </Form.Item>
        <Form.Item
          name="since"
          label={t('members.since')}
          rules={[{ required: true, message: t('common.selectField', { field: t('members.since') }) }]}
        >
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
