import type { ReactNode } from 'react';
import { Badge, Col, Flex, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasAnyRole, useCurrentUser } from '../auth/AuthContext';
import { ObligationsDue, WaitingOnBank } from '../components/home/BankCards';
import { Breaches, CaseloadGlance, IntakeClocks, IntakeCounts, NewAssignments } from '../components/home/CenterCards';
import { JurisdictionGlance } from '../components/home/JurisdictionGlance';
import { UpcomingSessions } from '../components/home/UpcomingSessions';
import { LatestWarnings } from '../components/warnings/LatestWarnings';
import { todayInShanghai } from '../lib/format';
import { useHomeLive, useLiveConnection } from '../realtime/caseLive';

/**
 * Where each role starts the day (README "Home pages"): what needs them first, each item a link,
 * live — a bank's cases waiting on it and obligations due, the intake queue's clocks about to
 * breach, a mediator's new cases, the center admin's breaches and caseload, a regulator's
 * jurisdiction; today's and tomorrow's sessions for everyone who has them.
 */
export default function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const connected = useLiveConnection();
  useHomeLive();
  const today = todayInShanghai();

  const kind = me.organisation.kind;
  const cards: { key: string; node: ReactNode }[] = [];
  if (kind === 'institution') {
    cards.push({ key: 'waiting', node: <WaitingOnBank today={today} /> }, { key: 'obligations', node: <ObligationsDue today={today} /> });
  }
  if (kind === 'center') {
    if (hasAnyRole(me, ['center_admin'])) {
      cards.push({ key: 'breaches', node: <Breaches today={today} /> }, { key: 'caseload', node: <CaseloadGlance /> });
    }
    if (hasAnyRole(me, ['center_admin', 'intake_officer'])) {
      cards.push({ key: 'intake', node: <IntakeClocks today={today} /> }, { key: 'counts', node: <IntakeCounts /> });
    }
    if (hasAnyRole(me, ['mediator']) && !hasAnyRole(me, ['center_admin', 'intake_officer'])) {
      cards.push({ key: 'assigned', node: <NewAssignments today={today} /> });
    }
  }
  if (kind === 'center' || kind === 'institution') cards.push({ key: 'sessions', node: <UpcomingSessions today={today} /> });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex align="center" justify="space-between" wrap gap={8}>
        <Typography.Title level={2} style={{ fontSize: 24, margin: 0 }}>
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Space size={[8, 4]} wrap data-testid="home-header">
          <Typography.Text type="secondary" data-testid="home-org-name">
            {me.organisation.name}
          </Typography.Text>
          <Space size={[4, 4]} wrap data-testid="home-roles">
            {me.roles.map((r) => (
              <Tag key={r} color="blue" style={{ marginInlineEnd: 0 }}>
                {t(`roles.${r}`, { defaultValue: r })}
              </Tag>
            ))}
          </Space>
          <Badge
            status={connected ? 'success' : 'default'}
            text={
              <span data-testid="socket-state" role="status" aria-live="polite">
                {connected ? t('home.connected') : t('home.disconnected')}
              </span>
            }
          />
        </Space>
      </Flex>
      {kind === 'regulator' ? <JurisdictionGlance /> : null}
      {/* Regulators and an institution's own admins: the open warnings, live (a pinned user sees none). */}
      {kind === 'regulator' || (me.roles.includes('institution_admin') && !me.branchId) ? <LatestWarnings /> : null}
      {cards.length > 0 ? (
        <Row gutter={[16, 16]} data-testid="home-cards">
          {cards.map((c) => (
            <Col key={c.key} xs={24} xl={12}>
              {c.node}
            </Col>
          ))}
        </Row>
      ) : null}
    </Space>
  );
}
