import { Button, Card, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { messageKeys, messagesApi, type MessageStatus, type OutboundMessage } from '../api/messages';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDateTime } from '../lib/format';
import { tablePagination, usePaging } from '../lib/paging';

const STATUS_COLOR: Record<MessageStatus, string> = { queued: 'processing', sent: 'success', failed: 'error' };
const URL_RE = /(https?:\/\/[^\s，。、）)]+)/g;

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

/** 提醒消息: the center's SMS and e-mail log with delivery status, newest first. */
export default function MessagesPage() {
  const { t, i18n } = useTranslation();
  const { page, params, setParam } = usePaging();
  // the log is read in bulk (the newest codes and links): 50 a page unless asked otherwise
  const pageSize = Math.min(100, Math.max(1, Number(params.get('pageSize')) || 50));

  const list = useQuery({
    queryKey: messageKeys.list(page, pageSize),
    queryFn: ({ signal }) => messagesApi.list({ page, pageSize }, signal),
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
      render: (_, m) => (m.caseId ? <Link to={`/cases/${m.caseId}`}>{m.caseNumber ?? t('messages.openCase')}</Link> : '—'),
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
      width: 120,
      render: (_, m) => {
        const tag = (
          <Tag color={STATUS_COLOR[m.status] ?? 'default'} data-testid="message-status" data-status={m.status}>
            {t(`messages.statusLabel.${m.status}`, { defaultValue: m.status })}
          </Tag>
        );
        if (m.status === 'failed' && m.error) return <Tooltip title={m.error}>{tag}</Tooltip>;
        if (m.sentAt) return <Tooltip title={t('messages.sentAt', { time: formatDateTime(m.sentAt, i18n.language) })}>{tag}</Tooltip>;
        return tag;
      },
    },
    {
      title: t('messages.body'),
      key: 'body',
      render: (_, m) => (
        <>
          {m.subject ? <Typography.Text strong>{m.subject}</Typography.Text> : null}
          <BodyText body={m.body} />
        </>
      ),
    },
  ];

  return (
    <Card
      title={t('messages.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} data-testid="messages-refresh">
          {t('common.refresh')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('messages.intro')}</Typography.Paragraph>
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
    </Card>
  );
}
