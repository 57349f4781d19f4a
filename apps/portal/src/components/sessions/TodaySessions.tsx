import { Button, Card, Empty, List, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { scheduleKeys, schedulingApi } from '../../api/scheduling';
import { todayInShanghai } from '../../lib/format';
import { addDays, shanghaiIso, spanLabel } from '../../lib/shanghai';
import { useSessionsLive } from '../../realtime/caseLive';
import { ChannelTag, SessionStatusTag } from './SessionTags';
import { Nowrap } from '../Nowrap';

/**
 * The day's sessions (Beijing time) where the user starts their day: a mediator's own, the
 * center's for intake and admins, the bank's for its people — live, each a click from its console.
 */
export function TodaySessions() {
  const { t } = useTranslation();
  const today = todayInShanghai();
  const from = shanghaiIso(today);
  const to = shanghaiIso(addDays(today, 1));
  const sessions = useQuery({ queryKey: scheduleKeys.calendar(from, to), queryFn: ({ signal }) => schedulingApi.calendar({ from, to }, signal) });
  useSessionsLive();
  const items = (sessions.data?.items ?? []).filter((s) => s.status !== 'cancelled');
  return (
    <Card title={t('today.title')} data-testid="today-sessions" extra={<Link to="/schedule">{t('today.all')}</Link>}>
      {items.length === 0 && !sessions.isPending ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('today.empty')} />
      ) : (
        <List
          loading={sessions.isPending}
          dataSource={items}
          renderItem={(s) => (
            <List.Item
              data-testid="today-session"
              actions={[
                <Link key="console" to={`/sessions/${s.id}`}>
                  <Button size="small" type={['waiting', 'in_progress'].includes(s.status) ? 'primary' : 'default'}>
                    {t('sessions.console')}
                  </Button>
                </Link>,
              ]}
            >
              <Space wrap>
                <Typography.Text strong>{spanLabel(s.startsAt, s.endsAt)}</Typography.Text>
                <Link to={`/cases/${s.caseId}`}><Nowrap>{s.caseNumber}</Nowrap></Link>
                <ChannelTag channel={s.channel} />
                <SessionStatusTag status={s.status} />
                {s.mediatorName ? <Typography.Text type="secondary">{s.mediatorName}</Typography.Text> : null}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
