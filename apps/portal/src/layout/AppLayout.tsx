import { useMemo, useState } from 'react';
import { App, Button, Flex, Layout, Menu, Tag, Typography, theme, type MenuProps } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { hasAnyRole, useAuth, useCurrentUser } from '../auth/AuthContext';
import { PageTitle } from '../components/a11y/PageTitle';
import { NotificationBell } from '../components/notifications/NotificationBell';
import { errorMessage } from '../lib/errors';
import { LanguageSwitch } from './LanguageSwitch';
import { NAV, pageTitleKey, selectedNavKeys } from './nav';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { signOut } = useAuth();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const { token } = theme.useToken();

  const visible = useMemo(() => NAV.filter((n) => hasAnyRole(me, n.roles)), [me]);

  const { message } = App.useApp();
  const items: MenuProps['items'] = visible.map((n) => {
    const action = n.action;
    if (action) {
      return {
        key: n.key,
        icon: n.icon,
        label: <span data-testid={`nav-${n.key}`}>{t(`nav.${n.key}`)}</span>,
        onClick: () => void action().catch((err: unknown) => void message.error(errorMessage(err, t))),
      };
    }
    return {
      key: n.key,
      icon: n.icon,
      label: (
        <Link to={n.path} data-testid={`nav-${n.key}`}>
          {t(`nav.${n.key}`)}
        </Link>
      ),
    };
  });

  const selected = selectedNavKeys(visible, location.pathname);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" width={220}>
        <div
          style={{
            height: 64,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            color: '#fff',
            fontWeight: 600,
            fontSize: collapsed ? 16 : 18,
            letterSpacing: 1,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          {collapsed ? 'A' : t('app.shortName')}
        </div>
        <nav aria-label="main">
          <Menu theme="dark" mode="inline" selectedKeys={selected} items={items} />
        </nav>
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Flex align="center" justify="space-between" gap={16} style={{ height: '100%' }}>
            <Flex align="center" gap={8} style={{ minWidth: 0 }}>
              <Typography.Text strong ellipsis data-testid="org-name">
                {me.organisation.name}
              </Typography.Text>
              <Tag>{t(`orgKind.${me.organisation.kind}`, { defaultValue: me.organisation.kind })}</Tag>
            </Flex>
            <Flex align="center" gap={16}>
              <NotificationBell />
              <Typography.Text data-testid="user-name">
                <UserOutlined style={{ marginInlineEnd: 6 }} />
                {me.displayName}
              </Typography.Text>
              <LanguageSwitch />
              <Button
                icon={<LogoutOutlined />}
                data-testid="sign-out"
                loading={signingOut}
                onClick={() => {
                  setSigningOut(true);
                  void signOut().finally(() => setSigningOut(false));
                }}
              >
                {t('header.signOut')}
              </Button>
            </Flex>
          </Flex>
        </Header>
        <Content style={{ margin: 24 }}>
          <PageTitle title={t(pageTitleKey(visible, location.pathname))}>
            <Outlet />
          </PageTitle>
        </Content>
      </Layout>
    </Layout>
  );
}
