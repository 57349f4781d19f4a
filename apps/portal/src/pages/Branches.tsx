import { useMemo, useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Select, Table, Tag, TreeSelect, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { organisationsApi } from '../api/organisations';
import type { Branch, BranchLevel } from '../api/types';
import { FormModal } from '../components/FormModal';
import { ProblemAlert } from '../components/ProblemAlert';
import { applyFieldErrors } from '../lib/errors';
import { BRANCH_LEVELS, branchTreeOptions, buildBranchTree, nextLevel, type BranchNode } from '../lib/branches';
import { BRANCH_CODE } from '../lib/rules';

const LEVEL_COLORS: Record<BranchLevel, string> = {
  head_office: 'purple',
  branch: 'blue',
  sub_branch: 'cyan',
  outlet: 'green',
};

type ChildLevel = Exclude<BranchLevel, 'head_office'>;

interface AddBranchForm {
  parentId: string;
  name: string;
  level: ChildLevel;
  code: string;
}

/**
 * The institution's branch tree. The head office comes with the institution; every other node
 * is added below an existing one, at a deeper level than its parent.
 */
export default function BranchesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  // every node starts expanded (also ones added later); the user may collapse some
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [form] = Form.useForm<AddBranchForm>();
  const parentId = Form.useWatch('parentId', form);

  const list = useQuery({
    queryKey: ['branches'],
    queryFn: ({ signal }) => organisationsApi.branches(undefined, signal),
  });

  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const byId = useMemo(() => new Map(items.map((b) => [b.id, b])), [items]);
  const tree = useMemo(() => buildBranchTree(items), [items]);
  // outlets are leaves: they can't be a parent
  const parentOptions = useMemo(
    () => branchTreeOptions(buildBranchTree(items.filter((b) => b.level !== 'outlet'))),
    [items],
  );
  const expandedRowKeys = useMemo(() => items.map((b) => b.id).filter((id) => !collapsed.has(id)), [items, collapsed]);

  const parentLevel = parentId ? byId.get(parentId)?.level : undefined;
  const levelOptions = BRANCH_LEVELS.filter(
    (l): l is ChildLevel =>
      l !== 'head_office' && (!parentLevel || BRANCH_LEVELS.indexOf(l) > BRANCH_LEVELS.indexOf(parentLevel)),
  ).map((l) => ({ value: l, label: t(`branches.level_${l}`) }));

  const add = useMutation({
    mutationFn: (v: AddBranchForm) =>
      organisationsApi.createBranch({
        parentId: v.parentId,
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
    const p = parent ?? tree[0];
    if (p) form.setFieldsValue({ parentId: p.id, level: nextLevel(p.level) as ChildLevel });
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
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => openAdd()}
          disabled={items.length === 0}
          data-testid="branch-add"
        >
          {t('branches.add')}
        </Button>
      }
    >
      <ProblemAlert error={list.error} />
      <Table<BranchNode>
        rowKey="id"
        columns={columns}
        dataSource={tree}
        loading={list.isFetching}
        pagination={false}
        locale={{ emptyText: <Empty description={t('branches.empty')} /> }}
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
          name="parentId"
          label={t('branches.parent')}
          extra={t('branches.parentHelp')}
          rules={[{ required: true, message: t('common.selectField', { field: t('branches.parent') }) }]}
        >
          <TreeSelect
            showSearch
            treeDefaultExpandAll
            treeData={parentOptions}
            treeNodeFilterProp="title"
            onChange={(id: string) => {
              const level = byId.get(id)?.level;
              const current = form.getFieldValue('level') as ChildLevel | undefined;
              if (level && (!current || BRANCH_LEVELS.indexOf(current) <= BRANCH_LEVELS.indexOf(level))) {
                form.setFieldValue('level', nextLevel(level));
              }
            }}
          />
        </Form.Item>
        <Form.Item
          name="level"
          label={t('branches.level')}
          rules={[{ required: true, message: t('common.selectField', { field: t('branches.level') }) }]}
        >
          <Select options={levelOptions} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('branches.name')}
          rules={[
            { required: true, whitespace: true, message: t('common.requiredField', { field: t('branches.name') }) },
            { min: 2, message: t('common.tooShort', { min: 2 }) },
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('branches.code')}
          extra={t('branches.codeHelp')}
          rules={[
            { required: true, whitespace: true, message: t('common.requiredField', { field: t('branches.code') }) },
            { pattern: BRANCH_CODE, message: t('branches.codeInvalid') },
          ]}
        >
          <Input maxLength={32} style={{ width: 240 }} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
