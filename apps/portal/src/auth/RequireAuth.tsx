import { Button, Flex, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router-dom';
import { errorMessage } from '../lib/errors';
import { hasAnyRole, useAuth, useCurrentUser, useMe } from './AuthContext';

/** Routes below need a session and a loaded profile (GET /api/v1/me). */
export function RequireAuth() {
  const { t } = useTranslation();
  const { signedIn, signOut } = useAuth();
  const location = useLocation();
  const me = useMe();

  if (!signedIn) return <Navigate to="/sign-in" replace state={{ from: location }} />;
  if (me.isPending) {
    return (
      <Flex align="center" justify="center" style={{ height: '100vh' }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (me.isError) {
    return (
      <Result
        status="error"
        title={t('loadError.title')}
        subTitle={errorMessage(me.error, t)}
        extra={[
          <Button key="retry" type="primary" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>,
          <Button key="out" onClick={() => void signOut()}>
            {t('header.signOut')}
          </Button>,
        ]}
      />
    );
  }
  return <Outlet />;
}

/** Renders the nested route only for users holding one of `roles`. */
export function RequireRole({ roles }: { roles: readonly string[] | null }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  if (hasAnyRole(me, roles)) return <Outlet />;
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={t('forbidden.subtitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('forbidden.back')}</Button>
        </Link>
      }
    />
  );
}
