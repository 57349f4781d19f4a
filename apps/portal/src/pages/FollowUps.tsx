import { Button, Card, Flex, Rate, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/a11y/PageTitle';
import { Link } from 'react-router-dom';
import { outcomeKeys, outcomesApi, type FollowUpView, type MediatorSatisfaction } from '../api/outcomes';
import { ListExportButton } from '../components/ListExportButton';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDateTime } from '../lib/format';
import { tablePagination, usePaging } from '../lib/paging';
import { Nowrap } from '../components/Nowrap';

/** How many answered 1…5, as a small bar per score. */
function Distribution({ counts }: { counts: MediatorSatisfaction['distribution'] }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...counts);
  return (
    <Flex gap={4} align="flex-end" style={{ height: 32 }} data-testid="follow-up-distribution" data-values={counts.join(',')}>
      {counts.map((n, i) => (
        <Tooltip key={i} title={t('followUps.distributionTip', { score: i + 1, n })}>
          <Flex vertical align="center" gap={2} style={{ width: 22 }}>
            <div style={{ width: 14, height: Math.max(2, (n / max) * 20), background: n ? '#1677ff' : '#d9d9d9', borderRadius: 2 }} />
            <span style={{ fontSize: 11, lineHeight: 1 }}>{i + 1}</span>
          </Flex>
        </Tooltip>
      ))}
    </Flex>
  );
}

function ByMediator({ onPick, picked }: { onPick: (id: string | undefined) => void; picked: string | undefined }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: outcomeKeys.byMediator, queryFn: ({ signal }) => outcomesApi.byMediator(signal) });
  const columns: TableColumnsType<MediatorSatisfaction> = [
    { title: t('followUps.mediator'), dataIndex: 'mediatorName', key: 'name' },
    { title: t('followUps.sent'), dataIndex: 'sent', key: 'sent', width: 90, align: 'right' },
    { title: t('followUps.answered'), dataIndex: 'answered', key: 'answered', width: 90, align: 'right' },
    {
      title: t('followUps.responseRate'),
      key: 'rate',
      width: 100,
      align: 'right',
      render: (_: unknown, m) => (m.sent ? `${Math.round((m.answered / m.sent) * 100)}%` : '—'),
    },
    {
      title: t('followUps.average'),
      key: 'average',
      width: 200,
      render: (_: unknown, m) =>
        m.average === null ? (
          '—'
        ) : (
          <Space size={6}>
            <Rate disabled allowHalf value={Math.round(m.average * 2) / 2} style={{ fontSize: 14 }} />
            <span data-testid="follow-up-average">{m.average.toFixed(2)}</span>
          </Space>
        ),
    },
    { title: t('followUps.distribution'), key: 'distribution', width: 150, render: (_: unknown, m) => <Distribution counts={m.distribution} /> },
    {
      title: '',
      key: 'pick',
      width: 110,
      render: (_: unknown, m) =>
        picked === m.mediatorId ? (
          <Button size="small" type="link" onClick={() => onPick(undefined)}>
            {t('followUps.showAll')}
          </Button>
        ) : (
          <Button size="small" type="link" onClick={() => onPick(m.mediatorId)} data-testid="follow-up-pick-mediator">
            {t('followUps.showAnswers')}
          </Button>
        ),
    },
  ];
  return (
    <Card title={t('followUps.byMediator')} extra={<Typography.Text type="secondary">{t('followUps.definition')}</Typography.Text>}>
      <ProblemAlert error={q.error} />
      <Table<MediatorSatisfaction>
        size="small"
        rowKey="mediatorId"
        loading={q.isPending}
        columns={columns}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        data-testid="follow-ups-by-mediator"
        rowClassName={(m) => (m.mediatorId === picked ? 'ant-table-row-selected' : '')}
      />
    </Card>
  );
}

/** /follow-ups — 回访评价: the consumers' satisfaction per mediator and each answer, with its case. */
export default function FollowUpsPage() {
  const { t, i18n } = useTranslation();
  const { page, pageSize, params, setParam } = usePaging();
  const mediatorId = params.get('mediatorId') || undefined;
  const query = { page, pageSize, mediatorId };
  const list = useQuery({
    queryKey: outcomeKeys.followUpList(query),
    queryFn: ({ signal }) => outcomesApi.followUps(query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<FollowUpView> = [
    {
      title: t('followUps.case'),
      key: 'case',
      width: 170,
      render: (_: unknown, f) => (
        <Link to={`/cases/${f.caseId}`} data-testid="follow-up-case">
          <Nowrap>{f.caseNumber}</Nowrap>
        </Link>
      ),
    },
    { title: t('followUps.mediator'), key: 'mediator', width: 110, render: (_: unknown, f) => f.mediatorName ?? '—' },
    { title: t('followUp.sentAt'), key: 'sent', width: 170, render: (_: unknown, f) => formatDateTime(f.sentAt, i18n.language) },
    {
      title: t('followUp.satisfaction'),
      key: 'satisfaction',
      width: 170,
      render: (_: unknown, f) =>
        f.answeredAt ? (
          <Rate disabled value={f.satisfaction ?? 0} style={{ fontSize: 14 }} data-testid="follow-up-row-rate" />
        ) : (
          <Tag>{t('followUp.notAnswered')}</Tag>
        ),
    },
    { title: t('followUp.comment'), key: 'comment', render: (_: unknown, f) => <span data-testid="follow-up-row-comment">{f.comment || '—'}</span> },
    { title: t('followUp.answeredAt'), key: 'answered', width: 170, render: (_: unknown, f) => formatDateTime(f.answeredAt, i18n.language) },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="follow-ups-page">
      <PageHeading style={{ margin: 0 }}>
        {t('followUps.title')}
      </PageHeading>
      <ByMediator picked={mediatorId} onPick={(id) => setParam({ mediatorId: id, page: undefined })} />
      <Card
        title={t('followUps.answers')}
        extra={
          <Space>
            <ListExportButton download={() => outcomesApi.exportFollowUps({ mediatorId })} hint={t('followUps.exportHint')} testId="follow-ups-export" />
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
              {t('common.refresh')}
            </Button>
          </Space>
        }
      >
        <ProblemAlert error={list.error} />
        <Table<FollowUpView>
          size="small"
          rowKey="caseId"
          loading={list.isPending}
          columns={columns}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          data-testid="follow-ups-table"
          pagination={tablePagination(t, page, pageSize, list.data?.total, (p, s) => setParam({ page: p, pageSize: s }))}
        />
      </Card>
    </Space>
  );
}
