import { App, Button, Dropdown } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { securityApi } from '../../api/organisations';
import { errorMessage } from '../../lib/errors';

/** An admin's "reset second factor" (a lost phone) and "sign out everywhere" for one user; both audited by the API. */
export function UserSecurityActions({ userId, name }: { userId: string; name: string }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const reset = useMutation({
    mutationFn: () => securityApi.resetUserFactor(userId),
    onSuccess: () => void message.success(t('security.resetFactorDone')),
    onError: (err) => void message.error(errorMessage(err, t)),
  });
  const revoke = useMutation({
    mutationFn: () => securityApi.revokeUserSessions(userId),
    onSuccess: (r) => void message.success(t('security.revokeSessionsDone', { count: r.revoked })),
    onError: (err) => void message.error(errorMessage(err, t)),
  });
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'reset', label: t('security.resetFactor') },
          { key: 'revoke', label: t('security.revokeSessions'), danger: true },
        ],
        onClick: ({ key }) =>
          void modal.confirm({
            title: name,
            content: key === 'reset' ? t('security.resetFactorConfirm') : t('security.revokeSessionsConfirm'),
            onOk: () => (key === 'reset' ? reset.mutateAsync() : revoke.mutateAsync()).catch(() => undefined),
          }),
      }}
    >
      <Button size="small" icon={<MoreOutlined />} aria-label={t('security.title')} loading={reset.isPending || revoke.isPending} data-testid={`user-security-${userId}`} />
    </Dropdown>
  );
}
