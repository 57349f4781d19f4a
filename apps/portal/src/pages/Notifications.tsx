import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Flex, List, Segmented, Space, Table, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { NotificationPreference } from '@accord/contracts';
import { notificationKeys, notificationsApi } from '../api/notifications';
import { NotificationLine, useMarkAllRead, useOpenNotification } from '../components/notifications/NotificationBell';
import { ProblemAlert } from '../components/ProblemAlert';
import { errorMessage } from '../lib/errors';
import { usePaging } from '../lib/paging';

/** Which kinds also go by e-mail: a tick per kind that can reach the user, saved together. */
function EmailSettings() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const prefs = useQuery({ queryKey: notificationKeys.preferences, queryFn: ({ signal }) => notificationsApi.preferences(signal) });
  const [draft, setDraft] = useState<NotificationPreference[] | null>(null);
  useEffect(() => {
    if (prefs.data) setDraft(prefs.data.items);
  }, [prefs.data]);
  const save = useMutation({
    mutationFn: (items: NotificationPreference[]) => notificationsApi.savePreferences(items),
    onSuccess: (data) => {
      queryClient.setQueryData(notificationKeys.preferences, data);
      void message.success(t('notifications.settings.saved'));
    },
    onError: (err) => void message.error(errorMessage(err, t)),
  });
  const columns: TableColumnsType<NotificationPreference> = [
    { title: t('notifications.settings.kind'), key: 'kind', render: (_, p) => t(`notifications.kinds.${p.kind}.name`) },
    {
      title: t('notifications.settings.email'),
      key: 'email',
      width: 160,
      align: 'center',
      render: (_, p) => (
        <Checkbox
          checked={p.email}
          disabled={!prefs.data?.hasEmail}
          aria-label={`${t(`notifications.kinds.${p.kind}.name`)}: ${t('notifications.settings.email')}`}
          data-testid={`pref-${p.kind}`}
          onChange={(e) => setDraft((d) => (d ?? []).map((x) => (x.kind === p.kind ? { ...x, email: e.target.checked } : x)))}
        />
      ),
    },
  ];
  return (
    <Card title={t('notifications.settings.title')} data-testid="notification-settings">
      <ProblemAlert error={prefs.error} />
      <Typography.Paragraph type="secondary">{t('notifications.settings.intro')}</Typography.Paragraph>
      {prefs.data && !prefs.data.hasEmail ? <Alert type="info" showIcon title={t('notifications.settings.noEmail')} style={{ marginBottom: 12 }} /> : null}
      <Table rowKey="kind" size="small" pagination={false} loading={prefs.isLoading} columns={columns} dataSource={draft ?? []} />
      <Flex justify="end" style={{ marginTop: 12 }}>
        <Button type="primary" disabled={!draft || !prefs.data?.hasEmail} loading={save.isPending} onClick={() => draft && save.mutate(draft)} data-testid="pref-save">
          {t('notifications.settings.save')}
        </Button>
      </Flex>
    </Card>
  );
}

/** 通知中心: every notification of the signed-in user, all or unread, paged; opening one reads it and goes where it points. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const { page, pageSize, params, setParam } = usePaging();
  const unreadOnly = params.get('filter') === 'unread';
  const list = useQuery({
    queryKey: notificationKeys.list(page, pageSize, unreadOnly),
    queryFn: ({ signal }) => notificationsApi.list({ page, pageSize, unread: unreadOnly }, signal),
    placeholderData: keepPreviousData,
  });
  const openOne = useOpenNotification();
  const markAll = useMarkAllRead();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const unread = list.data?.unread ?? 0;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <span>{t('notifications.title')}</span>
            {unread ? <Typography.Text type="secondary" data-testid="inbox-unread">{t('notifications.unread')} {unread}</Typography.Text> : null}
          </Space>
        }
        extra={
          <Button icon={<CheckOutlined />} disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()} data-testid="inbox-mark-all">
            {t('notifications.markAllRead')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('notifications.intro')}</Typography.Paragraph>
        <Segmented
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => setParam({ filter: v === 'unread' ? 'unread' : undefined, page: undefined })}
          options={[
            { value: 'all', label: t('notifications.filterAll') },
            { value: 'unread', label: t('notifications.filterUnread') },
          ]}
          data-testid="inbox-filter"
          style={{ marginBottom: 12 }}
        />
        <ProblemAlert error={list.error} />
        <List
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')} /> }}
          pagination={
            (list.data?.total ?? 0) > pageSize
              ? { current: page, pageSize, total: list.data?.total ?? 0, onChange: (p, s) => setParam({ page: p, pageSize: s }), showSizeChanger: true }
              : false
          }
          renderItem={(n) => (
            <List.Item
              actions={
                n.readAt
                  ? []
                  : [
                      <Button
                        key="read"
                        size="small"
                        type="link"
                        data-testid="inbox-mark-read"
                        onClick={() =>
                          void notificationsApi
                            .markRead(n.id)
                            .then(() => queryClient.invalidateQueries({ queryKey: notificationKeys.all }))
                            .catch((err: unknown) => void message.error(errorMessage(err, t)))
                        }
                      >
                        {t('notifications.markRead')}
                      </Button>,
                    ]
              }
            >
              <NotificationLine n={n} onOpen={openOne} />
            </List.Item>
          )}
        />
      </Card>
      <EmailSettings />
    </Space>
  );
}
