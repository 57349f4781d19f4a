import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseClock, CaseListItem, CaseStatus, ClockState, Track } from '@accord/contracts';
import { Nowrap } from '../Nowrap';

const STATUS_COLORS: Record<CaseStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'orange',
  rejected: 'red',
  accepted: 'cyan',
  assigned: 'geekblue',
  scheduled: 'purple',
  in_session: 'processing',
  adjourned: 'gold',
  settled: 'green',
  not_settled: 'volcano',
  withdrawn: 'default',
  terminated: 'magenta',
  closed: 'default',
};

const CLOCK_COLORS: Record<ClockState, string> = {
  ok: 'green',
  due_soon: 'orange',
  overdue: 'red',
  met: 'default',
  unknown: 'default',
};

export function StatusTag({ status, testId }: { status: CaseStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId}>
      {t(`caseStatus.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function TrackTag({ track }: { track: Track }) {
  const { t } = useTranslation();
  return <Tag color={track === 'small_claims' ? 'lime' : track === 'complex' ? 'volcano' : 'default'}>{t(`track.${track}`)}</Tag>;
}

type ClockName = 'intake' | 'firstSession' | 'mediation' | 'bank';
type ClockKey = 'intakeClock' | 'firstSessionClock' | 'mediationClock' | 'bankClock';
const CLOCKS: [ClockName, ClockKey][] = [
  ['intake', 'intakeClock'],
  ['firstSession', 'firstSessionClock'],
  ['mediation', 'mediationClock'],
  ['bank', 'bankClock'],
];

function ClockTag({ name, clock, compact, extendedDays }: { name: ClockName; clock: CaseClock; compact?: boolean; extendedDays?: number }) {
  const { t } = useTranslation();
  // The mediation clock says when both parties agreed to extend it.
  const extended = extendedDays ? t('clock.extended', { days: extendedDays }) : '';
  const label = `${t(`clock.${name}`)}${extended}`;
  const state = t(`clock.state_${clock.state}`, { defaultValue: clock.state });
  const full = `${clock.dueOn ? t('clock.dueOn', { label, date: clock.dueOn }) : label} · ${state}`;
  // lists: a short label and the date without the year; the whole sentence in the tooltip. A
  // narrow column wraps the tag at its dot only, never inside the label, the date or the state.
  const text = compact ? (
    <>
      <Nowrap>{`${t(`clock.${name}Short`)}${extendedDays ? '+' : ''} ${clock.dueOn ? clock.dueOn.slice(5) : ''}`}</Nowrap>
      {' · '}
      <Nowrap>{state}</Nowrap>
    </>
  ) : (
    full
  );
  const problem = clock.problem ? t(`problems.${clock.problem}`, { defaultValue: clock.problem }) : undefined;
  const tip = [compact ? full : null, problem].filter(Boolean).join(' — ');
  const tag = (
    <Tag
      color={CLOCK_COLORS[clock.state] ?? 'default'}
      data-testid={`clock-${name}`}
      data-state={clock.state}
      data-extended={extendedDays || undefined}
      aria-label={full}
    >
      {text}
    </Tag>
  );
  return tip ? <Tooltip title={tip}>{tag}</Tooltip> : tag;
}

/**
 * The case's clocks as colored tags. `compact` (lists) leaves out clocks that are met or
 * don't apply yet, so a row shows only what needs attention.
 */
export function ClockTags({
  item,
  compact,
}: {
  item: Pick<CaseListItem, 'intakeClock' | 'firstSessionClock' | 'bankClock'> & Partial<Pick<CaseListItem, 'mediationClock' | 'mediationExtensionDays'>>;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const shown = CLOCKS.filter(([, key]) => {
    const c = item[key];
    if (!c) return false;
    if (compact) return c.state === 'ok' || c.state === 'due_soon' || c.state === 'overdue';
    return c.dueOn !== null || c.state !== 'unknown' || Boolean(c.problem);
  });
  if (shown.length === 0) return <span>{t('clock.none')}</span>;
  return (
    <Space size={[4, 4]} wrap>
      {shown.map(([name, key]) => (
        <ClockTag key={name} name={name} clock={item[key]!} compact={compact} extendedDays={name === 'mediation' ? item.mediationExtensionDays : undefined} />
      ))}
    </Space>
  );
}
