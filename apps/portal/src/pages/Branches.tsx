import { useMemo, useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Select, Table, Tag, TreeSelect, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { http } from '../api/http';
import type { Branch, BranchLevel } from '../api/types';
import { FormModal } from '../components/FormModal';
import { ProblemAlert } from '../components/ProblemAlert';
import { applyFieldErrors } from '../lib/errors';
import { BRANCH_LEVELS, branchTreeOptions, buildBranchTree, nextLevel, type BranchNode } from '../lib/branches';

const LEVEL_COLORS: Record<BranchLevel, string> = {
  head_office: 'purple',
  branch: 'blue',
  sub_branch: 'cyan',
  outlet: 'green',
};

interface AddBranchForm {
  parentId?: string | null;
  name: string;
  level: BranchLevel;
  code: string;
}

export default function BranchesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  // every node starts expanded (also ones added later); the user may collapse some
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [form] = Form.useForm<AddBranchForm>();
  const level = Form.useWatch('level', form);

  const list = useQuery({
    queryKey: ['branches'],
    queryFn: ({ signal }) => http.get<{ items: Branch[] }>('/api/v1/branches', undefined, signal),
  });

  const tree = useMemo(() => buildBranchTree(list.data?.items ?? []), [list.data]);
  const treeOptions = useMemo(() => branchTreeOptions(tree), [tree]);
  const expandedRowKeys = useMemo(
    () => (list.data?.items ?? []).map((b) => b.id).filter((id) => !collapsed.has(id)),
    [list.data, collapsed],
  );

  const add = useMutation({
    mutationFn: (v: AddBranchForm) =>
      http.post<Branch>('/api/v1/branches', {
        parentId: v.level === 'head_office' ? null : (v.parentId ?? null),
        name: v.name.trim(),
        level: v.level,
        code: v.code.trim(),
      }),
    onSuccess: () => {
      void message.success(t('branches.added'));
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['branches'] });
    },
    onError: (err) => applyFieldErrors(form, err),
  });

  const openAdd = (parent?: Branch) => {
    form.setFieldsValue(
      parent
        ? { parentId: parent.id, level: nextLevel(parent.level) }
        : { parentId: undefined, level: tree.length ? 'branch' : 'head_office' },
    );
    setOpen(true);
  };

  const columns: TableColumnsType<BranchNode> = [
    { title: t('branches.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('branches.level'),
      dataIndex: 'level',
      key: 'level',
      width: 120,
      render: (l: BranchLevel) => <Tag color={LEVEL_COLORS[l]}>{t(`branches.level_${l}`, { defaultValue: l })}</Tag>,
    },
    { title: t('branches.code'), dataIndex: 'code', key: 'code', width: 160 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_: unknown, b: BranchNode) =>
        b.level === 'outlet' ? null : (
          <Button size="small" icon={<PlusOutlined />} onClick={() => openAdd(b)}>
            {t('branches.addChild')}
          </Button>
        ),
    },
  ];

  return (
    <Card
      title={t('branches.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => openAdd()} data-testid="branch-add">
          {t('branches.add')}
        </Button>
      }
    >
      <ProblemAlert error={list.error} />
      {list.data && list.data.items.length > 0 ? (
        <Table<BranchNode>
          rowKey="id"
          columns={columns}
          dataSource={tree}
          loading={list.isFetching}
          pagination={false}
          expandable={{
            expandedRowKeys,
            onExpand: (expanded, b) =>
              setCollapsed((prev) => {
                const next = new Set(prev);
                if (expanded) next.delete(b.id);
                else next.add(b.id);
                return next;
              }),
          }}
          scroll={{ x: 640 }}
        />
      ) : list.isPending ? (
        <Table<BranchNode> rowKey="id" columns={columns} loading pagination={false} />
      ) : (
        <Empty description={t('branches.empty')} />
      )}

      <FormModal<AddBranchForm>
        open={open}
        title={t('branches.add')}
        form={form}
        pending={add.isPending}
        error={add.error}
        onSubmit={(v) => add.mutate(v)}
        onCancel={() => setOpen(false)}
        afterClose={() => add.reset()}
      >
        <Form.Item
          name="level"
          label={t('branches.level')}
          rules={[{ required: true, message: t('common.selectField', { field: t('branches.level') }) }]}
        >
          <Select options={BRANCH_LEVELS.map((l) => ({ value: l, label: t(`branches.level_${l}`) }))} />
        </Form.Item>
        {level !== 'head_office' ? (
          <Form.Item
            name="parentId"
            label={t('branches.parent')}
            extra={t('branches.parentHelp')}
            rules={[{ required: true, message: t('common.selectField', { field: t('branches.parent') }) }]}
          >
            <TreeSelect showSearch treeDefaultExpandAll treeData={treeOptions} treeNodeFilterProp="title" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="name"
          label={t('branches.name')}
          rules={[{ required: true, whitespace: true, message: t('common.requiredField', { field: t('branches.name') }) }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('branches.code')}
          rules={[{ required: true, whitespace: true, message: t('common.requiredField', { field: t('branches.code') }) }]}
        >
          <Input maxLength={64} style={{ width: 240 }} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
