import { useState } from 'react';
import { App, Badge, Button, Empty, Flex, List, Popover, Spin, Typography, theme } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { notificationKeys, notificationsApi, type Notification } from '../../api/notifications';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useNotificationsLive } from '../../realtime/caseLive';
import { notificationText } from './notification-text';

const LATEST = 6;

/** Opening a notification: it is read, and the page it concerns opens (the inbox when it concerns none). */
export function useOpenNotification() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { t, i18n } = useTranslation();
  return (n: Notification) => {
    const { link } = notificationText(n, t, i18n.language);
    if (!n.readAt) {
      void notificationsApi
        .markRead(n.id)
        .then(() => queryClient.invalidateQueries({ queryKey: notificationKeys.all }))
        .catch((err: unknown) => void message.error(errorMessage(err, t)));
    }
    if (link) void navigate(link);
  };
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: () => notificationsApi.markAllRead(),
    onSuccess: () => {
      void message.success(t('notifications.markedAllRead'));
      void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    },
    onError: (err) => void message.error(errorMessage(err, t)),
  });
}

/** The text with the case number kept on one line (an identifier never breaks). */
function KeepWhole({ text, whole }: { text: string; whole: unknown }) {
  if (typeof whole !== 'string' || !whole || !text.includes(whole)) return text;
  const parts = text.split(whole);
  return parts.map((part, i) => (
    <span key={i}>
      {part}
      {i < parts.length - 1 ? <span style={{ whiteSpace: 'nowrap' }}>{whole}</span> : null}
    </span>
  ));
}

/** One line of the bell's list or the inbox: the text in the viewer's language, the time, unread marked. */
export function NotificationLine({ n, onOpen }: { n: Notification; onOpen: (n: Notification) => void }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const text = notificationText(n, t, i18n.language);
  return (
    <div
      role="button"
      tabIndex={0}
      data-testid="notification-item"
      data-unread={n.readAt ? 'false' : 'true'}
      data-kind={n.kind}
      onClick={() => onOpen(n)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(n);
        }
      }}
      style={{ cursor: 'pointer', width: '100%' }}
    >
      <Flex gap={8} align="start">
        <Badge status={n.readAt ? 'default' : 'processing'} style={{ visibility: n.readAt ? 'hidden' : 'visible', marginTop: 4 }} />
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Text strong={!n.readAt} data-testid="notification-title" style={{ display: 'block' }}>
            <KeepWhole text={text.title} whole={n.data.caseNumber} />
          </Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }} data-testid="notification-body">
            <KeepWhole text={text.body} whole={n.data.caseNumber} />
          </Typography.Paragraph>
          <Typography.Text style={{ fontSize: 12, color: token.colorTextTertiary, whiteSpace: 'nowrap' }}>{formatDateTime(n.createdAt, i18n.language)}</Typography.Text>
        </div>
      </Flex>
    </div>
  );
}

/** The header's bell: the unread count live, the latest few, mark all read, and the way to the inbox. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const count = useQuery({ queryKey: notificationKeys.unread, queryFn: ({ signal }) => notificationsApi.unreadCount(signal), refetchInterval: 120_000 });
  const latest = useQuery({
    queryKey: notificationKeys.list(1, LATEST, false),
    queryFn: ({ signal }) => notificationsApi.list({ page: 1, pageSize: LATEST }, signal),
    enabled: open,
  });
  useNotificationsLive();
  const openOne = useOpenNotification();
  const markAll = useMarkAllRead();
  const unread = count.data?.unread ?? 0;

  const content = (
    <div style={{ width: 380, maxWidth: 'calc(100vw - 48px)' }} data-testid="notification-panel">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.latest')}</Typography.Text>
        <Button type="link" size="small" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()} data-testid="notifications-mark-all">
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      {latest.isLoading ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : latest.data?.items.length ? (
        <List
          size="small"
          style={{ maxHeight: 420, overflowY: 'auto' }}
          dataSource={latest.data.items}
          renderItem={(n) => (
            <List.Item style={{ paddingInline: 0 }}>
              <NotificationLine
                n={n}
                onOpen={(one) => {
                  setOpen(false);
                  openOne(one);
                }}
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      )}
      <Flex justify="center" style={{ borderTop: '1px solid rgba(5,5,5,0.06)', paddingTop: 8, marginTop: 4 }}>
        <Link to="/notifications" onClick={() => setOpen(false)} data-testid="notifications-see-all">
          {t('notifications.seeAll')}
        </Link>
      </Flex>
    </div>
  );

  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" placement="bottomRight" content={content} arrow={false}>
      <span data-testid="notification-count" data-count={unread} style={{ display: 'inline-flex' }}>
        <Badge count={unread} overflowCount={99} size="small">
          <Button type="text" shape="circle" icon={<BellOutlined style={{ fontSize: 18 }} />} aria-label={t('notifications.bellLabel', { count: unread })} data-testid="notification-bell" />
        </Badge>
      </span>
    </Popover>
  );
}
