import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Switch, Table, Tag, TreeSelect, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { organisationsApi } from '../../api/organisations';
import { scheduleKeys, schedulingApi, type Room, type RoomChange } from '../../api/scheduling';
import { branchTreeOptions, buildBranchTree } from '../../lib/branches';
import { errorMessage } from '../../lib/errors';
import { FormModal } from '../FormModal';
import { ProblemAlert } from '../ProblemAlert';

interface RoomForm {
  name: string;
  address: string;
  outletId?: string;
}

/** The center's member institutions (active memberships): the banks whose outlets host its stations. */
function useMemberInstitutions() {
  const members = useQuery({
    queryKey: ['memberships', { page: 1, pageSize: 100 }],
    queryFn: ({ signal }) => organisationsApi.memberships({ page: 1, pageSize: 100 }, signal),
  });
  const options = useMemo(
    () => (members.data?.items ?? []).filter((m) => m.status === 'active').map((m) => ({ value: m.institutionId, label: m.institutionName })),
    [members.data],
  );
  return { options, loading: members.isPending };
}

/**
 * The outlet a room sits at: first the member institution, then one of its branches (the
 * value). Changing the institution clears the branch.
 */
function OutletPicker({ id, value, onChange, initialInstitutionId }: { id?: string; value?: string; onChange?: (v: string | undefined) => void; initialInstitutionId?: string }) {
  const { t } = useTranslation();
  const [institutionId, setInstitutionId] = useState<string | undefined>(initialInstitutionId);
  const institutions = useMemberInstitutions();
  const branches = useQuery({
    queryKey: ['branches', institutionId],
    queryFn: ({ signal }) => organisationsApi.branches({ institutionId }, signal),
    enabled: Boolean(institutionId),
  });
  const tree = useMemo(() => branchTreeOptions(buildBranchTree(branches.data?.items ?? [])), [branches.data]);
  return (
    <Space.Compact style={{ width: 420 }}>
      <Select
        id={id}
        style={{ width: '45%' }}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('workingHours.chooseInstitution')}
        aria-label={t('workingHours.roomInstitution')}
        loading={institutions.loading}
        options={institutions.options}
        value={institutionId}
        onChange={(v?: string) => {
          setInstitutionId(v);
          onChange?.(undefined);
        }}
        data-testid="room-institution"
      />
      <TreeSelect
        style={{ width: '55%' }}
        allowClear
        showSearch
        treeDefaultExpandAll
        treeNodeFilterProp="title"
        placeholder={t('workingHours.chooseOutlet')}
        aria-label={t('workingHours.roomOutlet')}
        disabled={!institutionId}
        loading={branches.isFetching}
        treeData={tree}
        value={value}
        onChange={(v?: string) => onChange?.(v)}
        data-testid="room-outlet"
      />
    </Space.Compact>
  );
}

const outletLabel = (r: Room) => (r.outlet ? [r.outlet.institutionName, r.outlet.name].filter(Boolean).join(' · ') : null);

/**
 * The center's rooms at liaison stations (调解工作联络站), each optionally at a member bank's
 * outlet: add, edit, and retire one (停用: no longer offered for new bookings; the sessions
 * already booked in it stay) or bring it back.
 */
export function Rooms() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RoomForm>();
  const [editForm] = Form.useForm<RoomForm>();
  const [editing, setEditing] = useState<Room | undefined>();
  // a new key clears the add form's institution once a room was added
  const [addKey, setAddKey] = useState(0);
  const q = useQuery({ queryKey: scheduleKeys.rooms, queryFn: ({ signal }) => schedulingApi.rooms(signal) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: scheduleKeys.rooms });

  const add = useMutation({
    mutationFn: (v: RoomForm) => schedulingApi.addRoom({ name: v.name.trim(), address: v.address.trim(), outletId: v.outletId || undefined }),
    onSuccess: () => {
      void message.success(t('workingHours.roomAdded'));
      form.resetFields();
      setAddKey((k) => k + 1);
      void refresh();
    },
  });
  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: RoomChange }) => schedulingApi.updateRoom(id, change),
    onSuccess: (room, { change }) => {
      if (change.isActive === false) void message.success(t('workingHours.roomRetired', { name: room.name }));
      else if (change.isActive === true) void message.success(t('workingHours.roomReopened', { name: room.name }));
      else void message.success(t('workingHours.roomSaved'));
      setEditing(undefined);
      void refresh();
    },
    onError: (err, { change }) => {
      // the edit dialog shows its own error; a switch flipped in the table says it here
      if (change.isActive !== undefined) void message.error(errorMessage(err, t));
    },
  });
  return (
    <Card title={t('workingHours.rooms')} data-testid="rooms-card">
      <Typography.Paragraph type="secondary">{t('workingHours.roomsIntro')}</Typography.Paragraph>
      <ProblemAlert error={add.error} />
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => add.mutate(v)}
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="room-add-form"
      >
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('common.requiredField', { field: t('workingHours.roomName') }) }]}>
          <Input placeholder={t('workingHours.roomName')} aria-label={t('workingHours.roomName')} maxLength={120} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="address" rules={[{ required: true, whitespace: true, message: t('common.requiredField', { field: t('workingHours.roomAddress') }) }]}>
          <Input placeholder={t('workingHours.roomAddress')} aria-label={t('workingHours.roomAddress')} maxLength={300} style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="outletId">
          <OutletPicker key={addKey} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
            {t('workingHours.addRoom')}
          </Button>
        </Form.Item>
      </Form>
      <Table<Room>
        rowKey="id"
        size="small"
        pagination={false}
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('workingHours.noRooms') }}
        columns={[
          { title: t('workingHours.roomName'), dataIndex: 'name', key: 'name' },
          { title: t('workingHours.roomAddress'), dataIndex: 'address', key: 'address' },
          {
            title: t('workingHours.roomOutlet'),
            key: 'outlet',
            render: (_, r) => outletLabel(r) ?? <Typography.Text type="secondary">{t('workingHours.noOutlet')}</Typography.Text>,
          },
          {
            title: t('sessions.status'),
            key: 'active',
            width: 150,
            render: (_, r) => {
              const pending = update.isPending && update.variables?.id === r.id;
              const label = r.isActive ? t('workingHours.active') : t('workingHours.inactive');
              return (
                <Space size={6}>
                  {r.isActive ? (
                    // retiring asks first: the room disappears from the booking dialog
                    <Popconfirm
                      title={t('workingHours.retireConfirm')}
                      description={t('workingHours.retireHelp')}
                      onConfirm={() => update.mutate({ id: r.id, change: { isActive: false } })}
                      okText={t('workingHours.retire')}
                      cancelText={t('common.cancel')}
                    >
                      <Switch checked size="small" loading={pending} aria-label={`${r.name} ${label}`} data-testid={`room-active-${r.id}`} />
                    </Popconfirm>
                  ) : (
                    <Switch
                      checked={false}
                      size="small"
                      loading={pending}
                      aria-label={`${r.name} ${label}`}
                      onChange={() => update.mutate({ id: r.id, change: { isActive: true } })}
                      data-testid={`room-active-${r.id}`}
                    />
                  )}
                  {r.isActive ? <Tag color="green">{label}</Tag> : <Tag>{label}</Tag>}
                </Space>
              );
            },
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_, r) => (
              <Button
                size="small"
                type="link"
                icon={<EditOutlined />}
                onClick={() => {
                  update.reset();
                  editForm.setFieldsValue({ name: r.name, address: r.address, outletId: r.outlet?.id });
                  setEditing(r);
                }}
              >
                {t('workingHours.editRoom')}
              </Button>
            ),
          },
        ]}
      />
      <FormModal<RoomForm>
        open={Boolean(editing)}
        name="room-edit"
        title={t('workingHours.editRoomTitle', { name: editing?.name ?? '' })}
        form={editForm}
        pending={update.isPending}
        error={editing ? update.error : null}
        okText={t('common.save')}
        onCancel={() => setEditing(undefined)}
        onSubmit={(v) => {
          if (editing) update.mutate({ id: editing.id, change: { name: v.name.trim(), address: v.address.trim(), outletId: v.outletId ?? null } });
        }}
      >
        <Form.Item name="name" label={t('workingHours.roomName')} rules={[{ required: true, whitespace: true, message: t('common.requiredField', { field: t('workingHours.roomName') }) }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="address" label={t('workingHours.roomAddress')} rules={[{ required: true, whitespace: true, message: t('common.requiredField', { field: t('workingHours.roomAddress') }) }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="outletId" label={t('workingHours.roomOutlet')} extra={t('workingHours.roomOutletHelp')}>
          {/* a fresh picker per room, starting at the room's institution */}
          <OutletPicker key={editing?.id ?? 'none'} initialInstitutionId={editing?.outlet?.institutionId ?? undefined} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
