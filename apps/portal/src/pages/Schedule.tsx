import { useState, type CSSProperties } from 'react';
import { Alert, Button, Card, Flex, Segmented, Select, Space, Spin, Tooltip, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/a11y/PageTitle';
import { useNavigate } from 'react-router-dom';
import { scheduleKeys, schedulingApi, type SessionView } from '../api/scheduling';
import { useCurrentUser } from '../auth/AuthContext';
import { ListExportButton } from '../components/ListExportButton';
import { SESSION_COLORS } from '../components/sessions/SessionTags';
import { errorMessage } from '../lib/errors';
import { todayInShanghai } from '../lib/format';
import { addDays, dayLabel, mondayOf, shanghaiParts } from '../lib/shanghai';
import { useSessionsLive } from '../realtime/caseLive';

const FIRST_HOUR = 8;
const LAST_HOUR = 20;
const HOUR_PX = 56;
const HOURS = LAST_HOUR - FIRST_HOUR;
const GUTTER = 56;

type View = 'week' | 'day';

interface Placed {
  s: SessionView;
  top: number;
  height: number;
  lane: number;
  lanes: number;
}

/** A day's sessions on the grid: clamped to 08:00–20:00, overlapping ones side by side. */
function place(sessions: SessionView[], day: string): { placed: Placed[]; earlier: number; later: number } {
  const lo = FIRST_HOUR * 60;
  const hi = LAST_HOUR * 60;
  let earlier = 0;
  let later = 0;
  const items = sessions
    .map((s) => {
      const a = shanghaiParts(s.startsAt);
      const b = shanghaiParts(s.endsAt);
      const start = a.date < day ? 0 : a.minutes;
      const end = b.date > day ? 24 * 60 : b.minutes;
      if (end <= lo) earlier += 1;
      if (start >= hi) later += 1;
      const from = Math.min(Math.max(start, lo), hi - 20);
      const to = Math.max(Math.min(end, hi), from + 20);
      return { s, from, to };
    })
    .sort((x, y) => x.from - y.from || x.to - y.to);
  const placed: Placed[] = [];
  let cluster: Placed[] = [];
  let clusterEnd = -1;
  let laneEnds: number[] = [];
  const flush = () => {
    const lanes = laneEnds.length;
    for (const p of cluster) p.lanes = lanes;
    cluster = [];
    laneEnds = [];
  };
  for (const it of items) {
    if (it.from >= clusterEnd) flush();
    let lane = laneEnds.findIndex((e) => e <= it.from);
    if (lane < 0) {
      lane = laneEnds.length;
      laneEnds.push(it.to);
    } else laneEnds[lane] = it.to;
    const p: Placed = { s: it.s, top: ((it.from - lo) / 60) * HOUR_PX, height: ((it.to - it.from) / 60) * HOUR_PX, lane, lanes: 1 };
    cluster.push(p);
    placed.push(p);
    clusterEnd = Math.max(clusterEnd, it.to);
  }
  flush();
  return { placed, earlier, later };
}

function Block({ p, showMediator }: { p: Placed; showMediator: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { s } = p;
  const colors = SESSION_COLORS[s.status] ?? SESSION_COLORS.booked;
  const a = shanghaiParts(s.startsAt);
  const b = shanghaiParts(s.endsAt);
  const channel = t(`sessions.channelShort.${s.channel}`, { defaultValue: s.channel });
  const status = t(`sessions.statusLabel.${s.status}`, { defaultValue: s.status });
  const label = `${a.time}–${b.time} ${s.caseNumber ?? t('cases.noNumber')} ${channel} ${status}${showMediator && s.mediatorName ? ` ${s.mediatorName}` : ''}`;
  const style: CSSProperties = {
    position: 'absolute',
    top: p.top + 1,
    height: Math.max(p.height - 2, 18),
    left: `calc(${(100 / p.lanes) * p.lane}% + 2px)`,
    width: `calc(${100 / p.lanes}% - 4px)`,
    background: colors.bg,
    borderLeft: `3px solid ${colors.border}`,
    borderTop: 0,
    borderRight: 0,
    borderBottom: 0,
    borderRadius: 4,
    padding: '2px 6px',
    overflow: 'hidden',
    textAlign: 'left',
    cursor: 'pointer',
    fontSize: 12,
    lineHeight: '15px',
    color: '#1f1f1f',
    boxShadow: '0 1px 2px rgba(0,0,0,0.08)',
    textDecoration: s.status === 'cancelled' ? 'line-through' : undefined,
    opacity: s.status === 'cancelled' ? 0.7 : 1,
  };
  return (
    <Tooltip title={`${label}${s.roomName ? ` · ${s.roomName}` : ''}`}>
      {/* Named by its own text (case number, time, channel, status): a screen reader and a voice user read what is shown. */}
      <button type="button" style={style} data-testid="calendar-session" data-session-id={s.id} data-status={s.status} onClick={() => navigate(`/cases/${s.caseId}`)}>
        <div style={{ fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{s.caseNumber ?? t('cases.noNumber')}</div>
        <div style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {a.time}–{b.time} · {channel}
        </div>
        {/* The status in the text colour: the palette's border shades fall below 4.5:1 on their own backgrounds. */}
        <div style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', color: 'rgba(0, 0, 0, 0.7)' }}>
          {status}
          {showMediator && s.mediatorName ? ` · ${s.mediatorName}` : ''}
        </div>
      </button>
    </Tooltip>
  );
}

/** /schedule — sessions as a week (Mon–Sun) or day grid, 08:00–20:00 Beijing time, live. */
export default function SchedulePage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const bank = me.organisation.kind === 'institution';
  const chooser = !bank && me.roles.some((r) => r === 'center_admin' || r === 'intake_officer');
  const today = todayInShanghai();
  const [view, setView] = useState<View>('week');
  const [anchor, setAnchor] = useState(today);
  const [mediatorId, setMediatorId] = useState<string | undefined>(undefined);
  useSessionsLive();

  const start = view === 'week' ? mondayOf(anchor) : anchor;
  const days = view === 'week' ? 7 : 1;
  const dates = Array.from({ length: days }, (_, i) => addDays(start, i));
  const from = new Date(Date.parse(`${start}T00:00:00+08:00`)).toISOString();
  const to = new Date(Date.parse(`${addDays(start, days)}T00:00:00+08:00`)).toISOString();

  const q = useQuery({
    queryKey: scheduleKeys.calendar(from, to, mediatorId),
    queryFn: ({ signal }) => schedulingApi.calendar({ from, to, mediatorId }, signal),
    placeholderData: keepPreviousData,
  });
  const mediators = useQuery({ queryKey: scheduleKeys.mediators, queryFn: ({ signal }) => schedulingApi.mediators(signal), enabled: chooser });

  const sessions = q.data?.items ?? [];
  const byDay = new Map(
    dates.map((d) => [d, sessions.filter((s) => shanghaiParts(s.startsAt).date <= d && shanghaiParts(new Date(Date.parse(s.endsAt) - 1)).date >= d)]),
  );
  const step = (n: number) => setAnchor(addDays(anchor, view === 'week' ? 7 * n : n));
  const showMediator = chooser && !mediatorId;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="schedule-page">
      <PageHeading style={{ margin: 0 }}>
        {bank ? t('schedule.bankTitle') : t('schedule.title')}
      </PageHeading>
      <Card size="small">
        <Flex gap={12} align="center" wrap justify="space-between">
          <Flex gap={8} align="center" wrap>
            <Button icon={<LeftOutlined />} aria-label={view === 'week' ? t('schedule.prev') : t('schedule.prevDay')} onClick={() => step(-1)} data-testid="schedule-prev" />
            <Button onClick={() => setAnchor(today)} data-testid="schedule-today">
              {t('schedule.today')}
            </Button>
            <Button icon={<RightOutlined />} aria-label={view === 'week' ? t('schedule.next') : t('schedule.nextDay')} onClick={() => step(1)} data-testid="schedule-next" />
            <Typography.Text strong data-testid="schedule-range">
              {days === 1 ? `${start} ${dayLabel(start, i18n.language)}` : `${start} – ${addDays(start, 6)}`}
            </Typography.Text>
            {q.isFetching ? <Spin size="small" /> : null}
          </Flex>
          <Flex gap={8} align="center" wrap>
            {chooser ? (
              <Select
                allowClear
                style={{ width: 200 }}
                aria-label={t('schedule.mediator')}
                placeholder={t('schedule.allMediators')}
                value={mediatorId}
                onChange={(v) => setMediatorId(v)}
                loading={mediators.isPending}
                options={(mediators.data?.items ?? []).map((m) => ({ value: m.mediatorId, label: m.name }))}
                data-testid="schedule-mediator"
              />
            ) : null}
            <ListExportButton download={() => schedulingApi.exportCalendar({ from, to, mediatorId })} hint={t('schedule.exportHint')} testId="schedule-export" />
            <Segmented<View>
              value={view}
              onChange={setView}
              options={[
                { value: 'week', label: t('schedule.week') },
                { value: 'day', label: t('schedule.day') },
              ]}
              data-testid="schedule-view"
            />
          </Flex>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('schedule.timezone')} · {t('schedule.count', { n: sessions.length })}
        </Typography.Text>
      </Card>
      {q.isError ? <Alert type="error" showIcon title={errorMessage(q.error, t)} /> : null}
      <Card size="small" styles={{ body: { padding: 0, overflowX: 'auto' } }}>
        <div style={{ display: 'grid', gridTemplateColumns: `${GUTTER}px repeat(${days}, minmax(${days === 1 ? 240 : 120}px, 1fr))`, minWidth: GUTTER + days * (days === 1 ? 240 : 120) }} data-testid="schedule-grid">
          <div style={{ borderBottom: '1px solid #f0f0f0' }} />
          {dates.map((d) => {
            const info = place(byDay.get(d) ?? [], d);
            return (
              <div
                key={d}
                style={{ padding: '6px 8px', borderBottom: '1px solid #f0f0f0', borderLeft: '1px solid #f0f0f0', background: d === today ? '#e6f4ff' : undefined, textAlign: 'center' }}
                data-testid={`schedule-day-${d}`}
              >
                <Typography.Text strong={d === today}>{dayLabel(d, i18n.language)}</Typography.Text>
                {info.earlier ? <div style={{ fontSize: 11, color: 'rgba(0, 0, 0, 0.6)' }}>{t('schedule.earlier', { n: info.earlier })}</div> : null}
                {info.later ? <div style={{ fontSize: 11, color: 'rgba(0, 0, 0, 0.6)' }}>{t('schedule.later', { n: info.later })}</div> : null}
              </div>
            );
          })}
          <div style={{ position: 'relative', height: HOURS * HOUR_PX }}>
            {Array.from({ length: HOURS }, (_, i) => (
              <div key={i} style={{ position: 'absolute', top: i === 0 ? 2 : i * HOUR_PX - 7, right: 6, fontSize: 11, color: 'rgba(0, 0, 0, 0.6)' }}>
                {`${String(FIRST_HOUR + i).padStart(2, '0')}:00`}
              </div>
            ))}
          </div>
          {dates.map((d) => (
            <div
              key={d}
              style={{
                position: 'relative',
                height: HOURS * HOUR_PX,
                borderLeft: '1px solid #f0f0f0',
                background: `${d === today ? '#fafcff' : '#fff'} repeating-linear-gradient(to bottom, transparent 0, transparent ${HOUR_PX - 1}px, #f0f0f0 ${HOUR_PX - 1}px, #f0f0f0 ${HOUR_PX}px)`,
              }}
              data-testid={`schedule-column-${d}`}
            >
              {place(byDay.get(d) ?? [], d).placed.map((p) => (
                <Block key={p.s.id} p={p} showMediator={showMediator} />
              ))}
            </div>
          ))}
        </div>
        {!q.isPending && sessions.length === 0 ? (
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', padding: 12, margin: 0 }}>
            {t('schedule.empty')}
          </Typography.Paragraph>
        ) : null}
      </Card>
    </Space>
  );
}
