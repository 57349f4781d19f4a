import { useState } from 'react';
import { Button, Card, Descriptions, Drawer, Segmented, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PaperClipOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { messageKeys, messagesApi, type MessageChannel, type MessageStatus, type OutboundMessage } from '../api/messages';
import { ListExportButton } from '../components/ListExportButton';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDateTime } from '../lib/format';
import { tablePagination, usePaging } from '../lib/paging';
import { Nowrap } from '../components/Nowrap';

const STATUS_COLOR: Record<MessageStatus, string> = { queued: 'processing', sent: 'success', failed: 'error' };
// A link runs over URL characters only: the Chinese bracket or full stop after it is not part of it.
const URL_RE = /(https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&*+,;=%]+)/g;

/** The message text with its links clickable (the consumer links of the development SMS). */
function BodyText({ body }: { body: string }) {
  const parts = body.split(URL_RE);
  return (
    <Typography.Paragraph copyable={{ text: body }} style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid="message-body">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} target="_blank" rel="noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </Typography.Paragraph>
  );
}

const CHANNELS: MessageChannel[] = ['sms', 'email'];

/** One message whole: its body (the link and code a developer reads with the dev transports), what was attached, how delivery went. */
function MessageDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const one = useQuery({ queryKey: messageKeys.one(id ?? ''), queryFn: ({ signal }) => messagesApi.get(id!, signal), enabled: Boolean(id) });
  const m = one.data;
  return (
    <Drawer open={Boolean(id)} onClose={onClose} size={560} title={m?.subject || t('messages.detail')} destroyOnHidden>
      <ProblemAlert error={one.error} />
      {m ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="message-drawer">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('messages.channel')}>{t(`messages.channelLabel.${m.channel}`, { defaultValue: m.channel })}</Descriptions.Item>
            <Descriptions.Item label={t('messages.recipient')}>{m.recipientMasked}</Descriptions.Item>
            <Descriptions.Item label={t('messages.status')}>
              <Tag color={STATUS_COLOR[m.status] ?? 'default'}>{t(`messages.statusLabel.${m.status}`, { defaultValue: m.status })}</Tag>
              {t('messages.attemptsCount', { count: m.attempts })}
            </Descriptions.Item>
            {m.error ? (
              <Descriptions.Item label={t('messages.error')}>
                <Typography.Text type="danger" data-testid="message-drawer-error">{m.error}</Typography.Text>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('messages.provider')}>{m.provider ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('messages.at')}>{formatDateTime(m.createdAt, i18n.language)}</Descriptions.Item>
            {m.sentAt ? <Descriptions.Item label={t('messages.sentAtLabel')}>{formatDateTime(m.sentAt, i18n.language)}</Descriptions.Item> : null}
            {m.attachments.length ? (
              <Descriptions.Item label={t('messages.attachments')}>
                {m.attachments.map((a) => (
                  <div key={a.filename}>
                    <PaperClipOutlined /> {a.filename} <Typography.Text type="secondary">({a.contentType.split(';')[0]}, {a.size} B)</Typography.Text>
                  </div>
                ))}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Card size="small" title={t('messages.body')}>
            <BodyText body={m.body} />
          </Card>
        </Space>
      ) : null}
    </Drawer>
  );
}

/** 提醒消息: the center's SMS and e-mail log with delivery status, newest first. */
export default function MessagesPage() {
  const { t, i18n } = useTranslation();
  const { page, params, setParam } = usePaging();
  // the log is read in bulk (the newest codes and links): 50 a page unless asked otherwise
  const pageSize = Math.min(100, Math.max(1, Number(params.get('pageSize')) || 50));
  const channelParam = params.get('channel');
  const channel = CHANNELS.find((c) => c === channelParam);
  const [openId, setOpenId] = useState<string | null>(null);

  const list = useQuery({
    queryKey: messageKeys.list(page, pageSize, channel),
    queryFn: ({ signal }) => messagesApi.list({ page, pageSize, channel }, signal),
    placeholderData: keepPreviousData,
    // the worker delivers queued messages in a moment: follow them until they are out
    refetchInterval: (q) => (q.state.data?.items.some((m) => m.status === 'queued') ? 3000 : 30_000),
  });
  const items = list.data?.items ?? [];
  // the log isn't counted: a full page means there may be more
  const full = items.length === pageSize;
  const total = (page - 1) * pageSize + items.length + (full ? 1 : 0);

  const columns: TableColumnsType<OutboundMessage> = [
    {
      title: t('messages.at'),
      dataIndex: 'createdAt',
      key: 'at',
      width: 180,
      render: (v: string) => formatDateTime(v, i18n.language),
    },
    {
      title: t('messages.case'),
      key: 'case',
      width: 110,
      render: (_, m) => (m.caseId ? <Link to={`/cases/${m.caseId}`}><Nowrap>{m.caseNumber ?? t('messages.openCase')}</Nowrap></Link> : '—'),
    },
    {
      title: t('messages.channel'),
      dataIndex: 'channel',
      key: 'channel',
      width: 90,
      render: (v: string) => <Tag>{t(`messages.channelLabel.${v}`, { defaultValue: v })}</Tag>,
    },
    { title: t('messages.recipient'), dataIndex: 'recipientMasked', key: 'recipient', width: 140 },
    {
      title: t('messages.status'),
      key: 'status',
      width: 200,
      render: (_, m) => {
        const tag = (
          <Tag color={STATUS_COLOR[m.status] ?? 'default'} data-testid="message-status" data-status={m.status}>
            {t(`messages.statusLabel.${m.status}`, { defaultValue: m.status })}
          </Tag>
        );
        return (
          <Space orientation="vertical" size={2}>
            {m.sentAt ? <Tooltip title={t('messages.sentAt', { time: formatDateTime(m.sentAt, i18n.language) })}>{tag}</Tooltip> : tag}
            {m.attempts > 1 || m.error ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="message-attempts">
                {t('messages.attemptsCount', { count: m.attempts })}
              </Typography.Text>
            ) : null}
            {m.error ? (
              <Typography.Text type={m.status === 'failed' ? 'danger' : 'warning'} style={{ fontSize: 12, wordBreak: 'break-all' }} data-testid="message-error">
                {m.status === 'failed' ? m.error : t('messages.retrying', { error: m.error })}
              </Typography.Text>
            ) : null}
          </Space>
        );
      },
    },
    {
      title: t('messages.body'),
      key: 'body',
      render: (_, m) => (
        <>
          {m.subject ? (
            <div>
              <Typography.Text strong data-testid="message-subject">
                {m.subject}
              </Typography.Text>
            </div>
          ) : null}
          {m.channel === 'email' ? (
            // a preview: the lines run together; 查看 shows it as sent
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
              {m.body.replace(/\s*\n\s*/g, ' ')}
            </Typography.Paragraph>
          ) : (
            <BodyText body={m.body} />
          )}
          {m.attachments.length ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <PaperClipOutlined /> {m.attachments.map((a) => a.filename).join(', ')}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      title: '',
      key: 'read',
      width: 90,
      render: (_, m) => (
        <Button size="small" type="link" onClick={() => setOpenId(m.id)} data-testid="message-read">
          {t('messages.read')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={t('messages.title')}
      extra={
        <Space>
          <ListExportButton download={() => messagesApi.exportList({ channel })} hint={t('messages.exportHint')} testId="messages-export" />
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} data-testid="messages-refresh">
            {t('common.refresh')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('messages.intro')}</Typography.Paragraph>
      <Segmented
        style={{ marginBottom: 12 }}
        value={channel ?? 'all'}
        onChange={(v) => setParam({ channel: v === 'all' ? undefined : String(v), page: undefined })}
        options={[
          { value: 'all', label: t('messages.allChannels') },
          ...CHANNELS.map((c) => ({ value: c, label: t(`messages.channelLabel.${c}`) })),
        ]}
        data-testid="messages-channel"
      />
      <ProblemAlert error={list.error} />
      <Table<OutboundMessage>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={list.isPending}
        locale={{ emptyText: t('messages.empty') }}
        pagination={tablePagination(t, page, pageSize, total, (p, s) => setParam({ page: p, pageSize: s }), full)}
        scroll={{ x: 1000 }}
        data-testid="messages-table"
      />
      <MessageDrawer id={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
