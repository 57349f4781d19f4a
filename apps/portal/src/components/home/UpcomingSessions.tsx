import { Button } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SessionView } from '@accord/contracts';
import { scheduleKeys, schedulingApi } from '../../api/scheduling';
import { addDays, shanghaiIso, shanghaiParts } from '../../lib/shanghai';
import { ChannelTag, SessionStatusTag } from '../sessions/SessionTags';
import { CaseLine, DayCard } from './DayCard';

/**
 * Today's and tomorrow's sessions (Beijing time), the scope's own: a mediator's, the center's,
 * or the bank's cases' — each a click from its case and its console.
 */
export function UpcomingSessions({ today }: { today: string }) {
  const { t } = useTranslation();
  const from = shanghaiIso(today);
  const to = shanghaiIso(addDays(today, 2));
  const sessions = useQuery({ queryKey: scheduleKeys.calendar(from, to), queryFn: ({ signal }) => schedulingApi.calendar({ from, to }, signal) });
  const items = (sessions.data?.items ?? []).filter((s) => s.status !== 'cancelled').sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return (
    <DayCard<SessionView>
      testId="home-sessions"
      itemTestId="today-session"
      title={t('homeDay.sessions')}
      count={items.length}
      items={items.slice(0, 8)}
      loading={sessions.isPending}
      rowKey={(s) => s.id}
      seeAll="/schedule"
      renderItem={(s) => (
        <CaseLine
          caseId={s.caseId}
          caseNumber={s.caseNumber}
          who={`${shanghaiParts(s.startsAt).date === today ? t('homeDay.today') : t('homeDay.tomorrow')} ${shanghaiParts(s.startsAt).time}–${shanghaiParts(s.endsAt).time}`}
          what={
            <>
              <ChannelTag channel={s.channel} /> <SessionStatusTag status={s.status} /> {s.mediatorName ?? ''}
            </>
          }
          clock={
            <Link to={`/sessions/${s.id}`}>
              <Button size="small" type={['waiting', 'in_progress'].includes(s.status) ? 'primary' : 'default'}>
                {t('sessions.console')}
              </Button>
            </Link>
          }
        />
      )}
    />
  );
}
