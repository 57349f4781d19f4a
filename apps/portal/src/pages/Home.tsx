import { Badge, Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/AuthContext';
import { JurisdictionGlance } from '../components/home/JurisdictionGlance';
import { TodaySessions } from '../components/sessions/TodaySessions';
import { LatestWarnings } from '../components/warnings/LatestWarnings';
import { formatDateTime } from '../lib/format';
import { useLiveEvents } from '../realtime/socket';

function payloadText(args: unknown[]): string {
  const value = args.length === 1 ? args[0] : args;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export default function HomePage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const { connected, events, clear } = useLiveEvents();

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('home.welcome', { name: me.displayName })}
      </Typography.Title>
      {me.organisation.kind === 'center' || me.organisation.kind === 'institution' ? <TodaySessions /> : null}
      {me.organisation.kind === 'regulator' ? <JurisdictionGlance /> : null}
      {/* Regulators and an institution's own admins: the open warnings, live (a pinned user sees none). */}
      {me.organisation.kind === 'regulator' || (me.roles.includes('institution_admin') && !me.branchId) ? <LatestWarnings /> : null}
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={12}>
          <Card title={t('home.organisation')}>
            <Descriptions
              column={1}
              items={[
                { key: 'org', label: t('home.organisation'), children: <span data-testid="home-org-name">{me.organisation.name}</span> },
                {
                  key: 'kind',
                  label: t('home.orgKind'),
                  children: (
                    <span data-testid="home-org-kind">
                      {t(`orgKind.${me.organisation.kind}`, { defaultValue: me.organisation.kind })}
                    </span>
                  ),
                },
                { key: 'user', label: t('home.user'), children: me.displayName },
                { key: 'username', label: t('home.username'), children: me.username },
                {
                  key: 'roles',
                  label: t('home.roles'),
                  children: (
                    <Space size={[4, 4]} wrap data-testid="home-roles">
                      {me.roles.map((r) => (
                        <Tag key={r} color="blue">
                          {t(`roles.${r}`, { defaultValue: r })}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={t('home.liveEvents')}
            extra={
              <Space>
                <Badge
                  status={connected ? 'success' : 'default'}
                  text={
                    <span data-testid="socket-state" role="status" aria-live="polite">
                      {connected ? t('home.connected') : t('home.disconnected')}
                    </span>
                  }
                />
                <Button size="small" onClick={clear} disabled={events.length === 0}>
                  {t('home.clearEvents')}
                </Button>
              </Space>
            }
          >
            <Typography.Paragraph type="secondary">{t('home.liveEventsHint')}</Typography.Paragraph>
            {events.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noEvents')} />
            ) : (
              <ol data-testid="live-events" style={{ listStyle: 'none', padding: 0, margin: 0, maxHeight: 420, overflow: 'auto' }}>
                {events.map((ev) => (
                  <li key={ev.seq} style={{ padding: '8px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
                    <Space size={8} wrap>
                      <Tag color="geekblue">{ev.name}</Tag>
                      <Typography.Text type="secondary">{formatDateTime(ev.receivedAt, i18n.language)}</Typography.Text>
                    </Space>
                    <Typography.Paragraph
                      code
                      ellipsis={{ rows: 2, expandable: true }}
                      style={{ margin: '4px 0 0', fontSize: 12 }}
                    >
                      {payloadText(ev.args)}
                    </Typography.Paragraph>
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
