import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Empty, Flex, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { casesApi, type CalendarDay } from '../api/cases';
import { hasAnyRole, useCurrentUser } from '../auth/AuthContext';
import { ProblemAlert } from '../components/ProblemAlert';
import { todayInShanghai } from '../lib/format';

interface Row extends CalendarDay {
  key: string;
}

let rowSeq = 0;
const rowKey = () => `row-${++rowSeq}`;

/** /calendar — the center's holidays and make-up working days, one year at a time. */
export default function CalendarPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const editable = hasAnyRole(me, ['center_admin']);
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [rows, setRows] = useState<Row[]>([]);
  const [dirty, setDirty] = useState(false);

  const years = useQuery({ queryKey: ['calendar'], queryFn: ({ signal }) => casesApi.calendarYears(signal) });
  const detail = useQuery({
    queryKey: ['calendar', year],
    queryFn: ({ signal }) => casesApi.calendarYear(year, signal),
  });

  useEffect(() => {
    if (detail.data) {
      setRows([...detail.data.days].sort((a, b) => a.day.localeCompare(b.day)).map((d) => ({ ...d, key: rowKey() })));
      setDirty(false);
    }
  }, [detail.data]);

  const covered = useMemo(() => new Set((years.data ?? []).map((y) => y.year)), [years.data]);
  const missing = years.data ? [thisYear, thisYear + 1].filter((y) => !covered.has(y)) : [];
  const yearOptions = useMemo(() => {
    const all = new Set<number>([thisYear - 1, thisYear, thisYear + 1, thisYear + 2, ...covered]);
    return [...all].sort().map((y) => ({
      value: y,
      label: (
        <Space>
          {y}
          <Tag color={covered.has(y) ? 'green' : 'red'}>{covered.has(y) ? t('calendar.covered') : t('calendar.notCovered')}</Tag>
        </Space>
      ),
    }));
  }, [covered, thisYear, t]);

  const problems = useMemo(() => {
    const seen = new Map<string, number>();
    rows.forEach((r) => r.day && seen.set(r.day, (seen.get(r.day) ?? 0) + 1));
    return new Map(
      rows.map((r) => [
        r.key,
        !r.day || !r.day.startsWith(`${year}-`) ? t('calendar.dayOutsideYear') : (seen.get(r.day) ?? 0) > 1 ? t('calendar.duplicateDay') : null,
      ]),
    );
  }, [rows, year, t]);
  const valid = [...problems.values()].every((p) => !p) && rows.every((r) => r.name.trim());

  const save = useMutation({
    mutationFn: () =>
      casesApi.saveCalendarYear(
        year,
        rows.map(({ day, isWorking, name }) => ({ day, isWorking, name: name.trim() })),
      ),
    onSuccess: (view) => {
      void message.success(t('calendar.saved', { year }));
      queryClient.setQueryData(['calendar', year], view);
      void queryClient.invalidateQueries({ queryKey: ['calendar'] });
    },
  });

  const update = (key: string, change: Partial<CalendarDay>) => {
    setRows((prev) => prev.map((r) => (r.key === key ? { ...r, ...change } : r)));
    setDirty(true);
  };

  const columns: TableColumnsType<Row> = [
    {
      title: t('calendar.day'),
      key: 'day',
      width: 220,
      render: (_: unknown, r) =>
        editable ? (
          <Space orientation="vertical" size={0}>
            <DatePicker
              aria-label={t('calendar.day')}
              value={r.day ? dayjs(r.day) : null}
              format="YYYY-MM-DD ddd"
              allowClear={false}
              defaultPickerValue={dayjs(`${year}-01-01`)}
              disabledDate={(d) => d.year() !== year}
              status={problems.get(r.key) ? 'error' : undefined}
              onChange={(d) => update(r.key, { day: d ? d.format('YYYY-MM-DD') : '' })}
            />
            {problems.get(r.key) ? <Typography.Text type="danger">{problems.get(r.key)}</Typography.Text> : null}
          </Space>
        ) : (
          dayjs(r.day).format('YYYY-MM-DD ddd')
        ),
    },
    {
      title: t('calendar.kind'),
      key: 'kind',
      width: 200,
      render: (_: unknown, r) =>
        editable ? (
          <Select
            aria-label={t('calendar.kind')}
            style={{ width: 180 }}
            value={r.isWorking ? 'work' : 'off'}
            onChange={(v) => update(r.key, { isWorking: v === 'work' })}
            options={[
              { value: 'off', label: t('calendar.holiday') },
              { value: 'work', label: t('calendar.workday') },
            ]}
          />
        ) : (
          <Tag color={r.isWorking ? 'blue' : 'red'}>{r.isWorking ? t('calendar.workday') : t('calendar.holiday')}</Tag>
        ),
    },
    {
      title: t('calendar.name'),
      key: 'name',
      render: (_: unknown, r) =>
        editable ? (
          <Input
            aria-label={t('calendar.name')}
            value={r.name}
            maxLength={60}
            status={r.name.trim() ? undefined : 'error'}
            placeholder={t('calendar.namePlaceholder')}
            onChange={(e) => update(r.key, { name: e.target.value })}
          />
        ) : (
          r.name
        ),
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, r: Row) => (
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                onClick={() => {
                  setRows((prev) => prev.filter((x) => x.key !== r.key));
                  setDirty(true);
                }}
              >
                {t('calendar.remove')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('calendar.title')}
      extra={
        <Space>
          <label htmlFor="calendar-year">{t('calendar.year')}</label>
          <Select id="calendar-year" value={year} options={yearOptions} onChange={setYear} style={{ width: 160 }} data-testid="calendar-year" />
        </Space>
      }
    >
      {missing.length ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="calendar-missing"
          style={{ marginBottom: 16 }}
          title={t('calendar.missingAlert', { years: missing.join('、') })}
        />
      ) : null}
      <Typography.Paragraph type="secondary">{t('calendar.intro')}</Typography.Paragraph>
      {!editable ? <Typography.Paragraph type="secondary">{t('calendar.readOnly')}</Typography.Paragraph> : null}
      <ProblemAlert error={years.error ?? detail.error ?? save.error} />
      {detail.data ? (
        <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
          <Tag color={detail.data.covered ? 'green' : 'red'}>{detail.data.covered ? t('calendar.covered') : t('calendar.notCovered')}</Tag>
          {detail.data.source ? (
            <Typography.Text type="secondary">
              {t('calendar.source')}: {detail.data.source}
            </Typography.Text>
          ) : null}
        </Flex>
      ) : null}
      <Table<Row>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={detail.isFetching}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.empty')} /> }}
        data-testid="calendar-table"
      />
      {editable ? (
        <Flex gap={8} style={{ marginTop: 16 }}>
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              setRows((prev) => [...prev, { key: rowKey(), day: '', isWorking: false, name: '' }]);
              setDirty(true);
            }}
          >
            {t('calendar.addRow')}
          </Button>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            disabled={!valid || (!dirty && Boolean(detail.data?.covered))}
            loading={save.isPending}
            onClick={() => save.mutate()}
            data-testid="calendar-save"
          >
            {t('calendar.save')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}
