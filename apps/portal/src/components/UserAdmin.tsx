import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { organisationsApi } from '../api/organisations';
import type { Role, User } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { applyFieldErrors, errorMessage } from '../lib/errors';
import { UserSecurityActions } from './security/UserSecurityActions';
import { branchTreeOptions, buildBranchTree } from '../lib/branches';
import { formatDateTime } from '../lib/format';
import { tablePagination, usePaging } from '../lib/paging';
import { PASSWORD_MIN, USERNAME } from '../lib/rules';
import { FormModal } from './FormModal';
import { ProblemAlert } from './ProblemAlert';

export type UserAdminVariant = 'center' | 'institution';

const ROLES: Record<UserAdminVariant, Role[]> = {
  center: ['center_admin', 'intake_officer', 'mediator', 'liaison_officer', 'quality_reviewer'],
  institution: ['institution_admin', 'branch_manager', 'complaint_handler', 'viewer'],
};

interface CreateUserForm {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  branchId?: string;
  affiliatedInstitutionId?: string;
}

/**
 * Users of the admin's own organisation: a center's staff or an institution's users.
 * Centers may tie a mediator to a member institution (part-timer); institutions may pin a user to a branch.
 */
export function UserAdmin({ variant }: { variant: UserAdminVariant }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const { page, pageSize, params, setParam } = usePaging();
  const q = params.get('q') ?? '';
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<CreateUserForm>();
  const formRoles = Form.useWatch('roles', form);

  const list = useQuery({
    queryKey: ['users', { q, page, pageSize }],
    queryFn: ({ signal }) => organisationsApi.users({ q, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });

  const branches = useQuery({
    queryKey: ['branches'],
    queryFn: ({ signal }) => organisationsApi.branches(undefined, signal),
    enabled: variant === 'institution' && open,
  });

  const members = useQuery({
    queryKey: ['memberships', { page: 1, pageSize: 100 }],
    queryFn: ({ signal }) => organisationsApi.memberships({ page: 1, pageSize: 100 }, signal),
    enabled: variant === 'center' && open,
  });

  const branchTree = useMemo(() => branchTreeOptions(buildBranchTree(branches.data?.items ?? [])), [branches.data]);
  const institutionOptions = useMemo(
    () =>
      (members.data?.items ?? [])
        .filter((m) => m.status === 'active')
        .map((m) => ({ value: m.institutionId, label: m.institutionName })),
    [members.data],
  );

  const create = useMutation({
    mutationFn: (v: CreateUserForm) =>
      organisationsApi.createUser({
        username: v.username,
        displayName: v.displayName.trim(),
        password: v.password,
        roles: v.roles,
        branchId: variant === 'institution' ? (v.branchId ?? undefined) : undefined,
        affiliatedInstitutionId:
          variant === 'center' && v.roles.includes('mediator') ? (v.affiliatedInstitutionId ?? undefined) : undefined,
      }),
    onSuccess: () => {
      void message.success(t('common.created'));
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (err) => applyFieldErrors(form, err),
  });

  const toggle = useMutation({
    mutationFn: ({ id, activate }: { id: string; activate: boolean }) =>
      organisationsApi.setUserActive(id, activate),
    onSuccess: (_r, v) => {
      void message.success(v.activate ? t('users.activated') : t('users.deactivated'));
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (err) => void message.error(errorMessage(err, t)),
  });

  const columns: TableColumnsType<User> = [
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('users.username'), dataIndex: 'username', key: 'username' },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      key: 'roles',
      render: (roles: string[]) => (
        <Space size={[4, 4]} wrap>
          {roles.map((r) => (
            <Tag key={r}>{t(`roles.${r}`, { defaultValue: r })}</Tag>
          ))}
        </Space>
      ),
    },
    variant === 'institution'
      ? {
          title: t('users.branch'),
          dataIndex: 'branchName',
          key: 'branch',
          render: (name: string | null) => name ?? t('users.wholeInstitution'),
        }
      : {
          title: t('users.affiliatedInstitution'),
          dataIndex: 'affiliatedInstitutionName',
          key: 'affiliated',
          render: (name: string | null) => name ?? '—',
        },
    {
      title: t('users.status'),
      dataIndex: 'isActive',
      key: 'status',
      width: 100,
      render: (active: boolean) =>
        active ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>,
    },
    {
      title: t('users.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 190,
      render: (v: string) => formatDateTime(v, i18n.language),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_: unknown, u: User) => {
        const busy = toggle.isPending && toggle.variables?.id === u.id;
        if (u.isActive) {
          // the API refuses to deactivate yourself; don't offer it
          const self = u.id === me.id;
          return (
            <Space size={4}>
            <Popconfirm
              title={t('users.deactivateConfirm', { name: u.displayName })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => toggle.mutateAsync({ id: u.id, activate: false }).catch(() => undefined)}
              disabled={self}
            >
              <Button size="small" danger loading={busy} disabled={self}>
                {t('users.deactivate')}
              </Button>
            </Popconfirm>
            {self ? null : <UserSecurityActions userId={u.id} name={u.displayName} />}
            </Space>
          );
        }
        return (
          <Button size="small" loading={busy} onClick={() => toggle.mutate({ id: u.id, activate: true })}>
            {t('users.activate')}
          </Button>
        );
      },
    },
  ];

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.requiredField', { field }) });

  return (
    <Card
      title={variant === 'center' ? t('users.staffTitle') : t('users.usersTitle')}
      extra={
        <Flex gap={8}>
          <Input.Search
            allowClear
            defaultValue={q}
            placeholder={t('users.searchPlaceholder')}
            aria-label={t('common.search')}
            style={{ width: 240 }}
            onSearch={(v) => setParam({ q: v.trim() || undefined, page: undefined })}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="user-create">
            {t('users.create')}
          </Button>
        </Flex>
      }
    >
      <ProblemAlert error={list.error} />
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={tablePagination(t, page, pageSize, list.data?.total, (p, s) => setParam({ page: p, pageSize: s }))}
        scroll={{ x: 900 }}
      />

      <FormModal<CreateUserForm>
        open={open}
        title={t('users.create')}
        form={form}
        pending={create.isPending}
        error={create.error}
        onSubmit={(v) => create.mutate(v)}
        onCancel={() => setOpen(false)}
        afterClose={() => create.reset()}
        initialValues={{ roles: [] }}
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHelp')}
          normalize={(v?: string) => v?.toLowerCase().trim()}
          rules={[required(t('users.username')), { pattern: USERNAME, message: t('users.usernameInvalid') }]}
        >
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[required(t('users.displayName'))]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.password')}
          extra={t('users.passwordHelp')}
          rules={[
            { required: true, message: t('common.requiredField', { field: t('users.password') }) },
            { min: PASSWORD_MIN, message: t('users.passwordTooShort') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('users.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common.selectField', { field: t('users.roles') }) }]}
        >
          <Checkbox.Group options={ROLES[variant].map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        {variant === 'institution' ? (
          <Form.Item name="branchId" label={t('users.branch')} extra={t('users.branchHelp')}>
            <TreeSelect
              allowClear
              showSearch
              treeDefaultExpandAll
              loading={branches.isFetching}
              treeData={branchTree}
              treeNodeFilterProp="title"
            />
          </Form.Item>
        ) : null}
        {variant === 'center' && formRoles?.includes('mediator') ? (
          <Form.Item
            name="affiliatedInstitutionId"
            label={t('users.affiliatedInstitution')}
            extra={t('users.affiliatedInstitutionHelp')}
          >
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              loading={members.isFetching}
              options={institutionOptions}
            />
          </Form.Item>
        ) : null}
      </FormModal>
    </Card>
  );
}
