import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Empty, Flex, Form, Input, Popconfirm, Select, Space, Spin, Table, Tag, TimePicker, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/a11y/PageTitle';
import dayjs, { type Dayjs } from 'dayjs';
import { scheduleKeys, schedulingApi, type Absence, type WorkingSpan } from '../api/scheduling';
import { useCurrentUser } from '../auth/AuthContext';
import { ProblemAlert } from '../components/ProblemAlert';
import { Rooms } from '../components/sessions/Rooms';
import { errorMessage } from '../lib/errors';
import { shanghaiIso, spanLabel, weekdayLabel } from '../lib/shanghai';

type Week = Record<number, { startsAt: string; endsAt: string }[]>;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

const asTime = (hhmm: string) => dayjs(`2000-01-01T${hhmm}:00`);

function toWeek(hours: WorkingSpan[]): Week {
  const week: Week = Object.fromEntries(WEEKDAYS.map((d) => [d, []]));
  for (const h of hours) week[h.weekday]?.push({ startsAt: h.startsAt, endsAt: h.endsAt });
  return week;
}

/** The weekly spans, day by day; saved as a whole (PUT replaces them). */
function HoursEditor({ mediatorId, initial }: { mediatorId: string; initial: WorkingSpan[] }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [week, setWeek] = useState<Week>(() => toWeek(initial));
  const invalid = WEEKDAYS.some((d) => week[d].some((s) => !s.startsAt || !s.endsAt || s.endsAt <= s.startsAt));

  const save = useMutation({
    mutationFn: () =>
      schedulingApi.saveWorkingHours(
        mediatorId,
        WEEKDAYS.flatMap((weekday) => week[weekday].map((s) => ({ weekday, ...s }))),
      ),
    onSuccess: (res) => {
      queryClient.setQueryData(scheduleKeys.hours(mediatorId), res);
      void message.success(t('workingHours.saved'));
    },
  });

  const update = (day: number, spans: Week[number]) => setWeek({ ...week, [day]: spans });

  return (
    <Card title={t('workingHours.weekly')} data-testid="hours-card">
      <ProblemAlert error={save.error} />
      <Flex vertical gap={10}>
        {WEEKDAYS.map((d) => (
          <Flex key={d} gap={12} align="center" wrap data-testid={`hours-day-${d}`}>
            <Typography.Text strong style={{ width: 48 }}>
              {weekdayLabel(d, i18n.language)}
            </Typography.Text>
            {week[d].length === 0 ? <Tag>{t('workingHours.noSpans')}</Tag> : null}
            {week[d].map((s, i) => {
              const bad = Boolean(s.startsAt && s.endsAt && s.endsAt <= s.startsAt);
              return (
                <Space key={i} size={4}>
                  <TimePicker.RangePicker
                    format="HH:mm"
                    minuteStep={15}
                    needConfirm={false}
                    allowClear={false}
                    status={bad ? 'error' : undefined}
                    value={[s.startsAt ? asTime(s.startsAt) : null, s.endsAt ? asTime(s.endsAt) : null]}
                    onChange={(v) => {
                      const [a, b] = (v ?? [null, null]) as [Dayjs | null, Dayjs | null];
                      update(d, week[d].map((x, j) => (j === i ? { startsAt: a?.format('HH:mm') ?? '', endsAt: b?.format('HH:mm') ?? '' } : x)));
                    }}
                    aria-label={`${weekdayLabel(d, i18n.language)} ${i + 1}`}
                  />
                  <Button type="text" icon={<DeleteOutlined />} aria-label={t('workingHours.remove')} onClick={() => update(d, week[d].filter((_, j) => j !== i))} />
                </Space>
              );
            })}
            <Button
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => {
                const last = week[d][week[d].length - 1];
                update(d, [...week[d], last ? { startsAt: last.endsAt < '22:00' ? last.endsAt : '18:00', endsAt: last.endsAt < '22:00' ? '22:00' : '20:00' } : { startsAt: '09:00', endsAt: '17:00' }]);
              }}
            >
              {t('workingHours.addSpan')}
            </Button>
          </Flex>
        ))}
      </Flex>
      {invalid ? <Alert type="warning" showIcon title={t('workingHours.spanInvalid')} style={{ marginTop: 12 }} /> : null}
      <Flex gap={8} style={{ marginTop: 16 }}>
        <Button type="primary" loading={save.isPending} disabled={invalid} onClick={() => save.mutate()} data-testid="hours-save">
          {t('workingHours.save')}
        </Button>
        <Button onClick={() => setWeek({ ...week, 2: [...week[1]], 3: [...week[1]], 4: [...week[1]], 5: [...week[1]] })}>{t('workingHours.copyMonday')}</Button>
      </Flex>
    </Card>
  );
}

function Absences({ mediatorId }: { mediatorId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ range: [Dayjs, Dayjs]; reason: string }>();
  const q = useQuery({ queryKey: scheduleKeys.absences(mediatorId), queryFn: ({ signal }) => schedulingApi.absences(mediatorId, signal) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: scheduleKeys.absences(mediatorId) });
  const add = useMutation({
    mutationFn: (v: { range: [Dayjs, Dayjs]; reason: string }) =>
      schedulingApi.addAbsence(mediatorId, {
        startsAt: shanghaiIso(v.range[0].format('YYYY-MM-DD'), v.range[0].format('HH:mm')),
        endsAt: shanghaiIso(v.range[1].format('YYYY-MM-DD'), v.range[1].format('HH:mm')),
        reason: v.reason.trim(),
      }),
    onSuccess: () => {
      void message.success(t('workingHours.absenceAdded'));
      form.resetFields();
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => schedulingApi.removeAbsence(mediatorId, id),
    onSuccess: () => {
      void message.success(t('workingHours.absenceRemoved'));
      void refresh();
    },
    onError: (err) => void message.error(errorMessage(err, t)),
  });

  return (
    <Card title={t('workingHours.absences')} data-testid="absences-card">
      <ProblemAlert error={add.error} />
      <Form form={form} layout="inline" onFinish={(v) => add.mutate(v)} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="range" rules={[{ required: true, message: t('common.selectField', { field: t('workingHours.absenceRange') }) }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" aria-label={t('workingHours.absenceRange')} />
        </Form.Item>
        <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: t('common.requiredField', { field: t('workingHours.absenceReason') }) }]}>
          <Input placeholder={t('workingHours.absenceReason')} aria-label={t('workingHours.absenceReason')} maxLength={200} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
            {t('workingHours.addAbsence')}
          </Button>
        </Form.Item>
      </Form>
      <Table<Absence>
        rowKey="id"
        size="small"
        pagination={false}
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('workingHours.noAbsences') }}
        columns={[
          { title: t('workingHours.absenceRange'), key: 'range', render: (_, a) => spanLabel(a.startsAt, a.endsAt) },
          { title: t('workingHours.absenceReason'), dataIndex: 'reason', key: 'reason' },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_, a) => (
              <Popconfirm title={t('workingHours.removeConfirm')} onConfirm={() => remove.mutate(a.id)} okText={t('common.ok')} cancelText={t('common.cancel')}>
                <Button size="small" danger type="link">
                  {t('workingHours.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}

function MediatorAvailability({ mediatorId }: { mediatorId: string }) {
  const { t } = useTranslation();
  const hours = useQuery({ queryKey: scheduleKeys.hours(mediatorId), queryFn: ({ signal }) => schedulingApi.workingHours(mediatorId, signal) });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {hours.isPending ? <Spin /> : null}
      {hours.isError ? <Alert type="error" showIcon title={errorMessage(hours.error, t)} /> : null}
      {hours.data ? <HoursEditor key={`${mediatorId}-${hours.dataUpdatedAt}`} mediatorId={mediatorId} initial={hours.data.hours} /> : null}
      <Absences mediatorId={mediatorId} />
    </Space>
  );
}

/** /working-hours — a mediator's own weekly hours and absences; a center admin's for any mediator, with the rooms. */
export default function WorkingHoursPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const admin = me.roles.includes('center_admin');
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const mediators = useQuery({ queryKey: scheduleKeys.mediators, queryFn: ({ signal }) => schedulingApi.mediators(signal), enabled: admin });
  const mediatorId = admin ? picked ?? (me.roles.includes('mediator') ? me.id : undefined) : me.id;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="working-hours-page">
      <div>
        <PageHeading style={{ marginBottom: '0.5em' }}>
          {t('workingHours.title')}
        </PageHeading>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('workingHours.intro')}
        </Typography.Paragraph>
      </div>
      {admin ? (
        <Flex gap={8} align="center">
          <Typography.Text>{t('workingHours.mediator')}</Typography.Text>
          <Select
            style={{ width: 240 }}
            aria-label={t('workingHours.mediator')}
            placeholder={t('workingHours.chooseMediator')}
            value={mediatorId}
            onChange={setPicked}
            loading={mediators.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={(mediators.data?.items ?? []).map((m) => ({ value: m.mediatorId, label: m.name }))}
            data-testid="hours-mediator"
          />
        </Flex>
      ) : null}
      {mediatorId ? <MediatorAvailability key={mediatorId} mediatorId={mediatorId} /> : <Empty description={t('workingHours.chooseMediator')} />}
      {admin ? <Rooms /> : null}
    </Space>
  );
}
