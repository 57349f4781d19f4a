import type { HTMLAttributes } from 'react';
import { Space, Table, Tag, Typography, type TablePaginationConfig, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CaseListItem, CaseStatus } from '@accord/contracts';
import { formatDateTime } from '../../lib/format';
import { ClockTags, StatusTag, TrackTag } from './CaseTags';
import { Amount, Nowrap } from '../Nowrap';

interface CaseTableProps {
  items: CaseListItem[] | undefined;
  loading: boolean;
  pagination: TablePaginationConfig;
  /** center screens show the respondent institution; bank screens their branch */
  perspective: 'center' | 'institution';
  /** data-testid of each row: `${rowTestId}-${caseNumber}` */
  rowTestId: string;
}

export function CaseTable({ items, loading, pagination, perspective, rowTestId }: CaseTableProps) {
  const { t, i18n } = useTranslation();
  const columns: TableColumnsType<CaseListItem> = [
    {
      title: t('cases.caseNumber'),
      dataIndex: 'caseNumber',
      key: 'caseNumber',
      width: 150,
      render: (n: string | null, c) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/cases/${c.id}`} data-testid="case-link">
            <Nowrap>{n ?? t('cases.noNumber')}</Nowrap>
          </Link>
          {c.possibleRepeatOf ? <Tag color="warning">{t('cases.possibleRepeat')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('cases.consumer'),
      key: 'consumer',
      width: 120,
      render: (_: unknown, c) => (
        <Space orientation="vertical" size={0}>
          <span>{c.consumerName || '—'}</span>
          <Typography.Text type="secondary">
            <Nowrap data-testid="case-row-phone">{c.consumerPhone}</Nowrap>
          </Typography.Text>
        </Space>
      ),
    },
    perspective === 'center'
      ? {
          title: t('cases.institution'),
          key: 'institution',
          width: 180,
          render: (_: unknown, c) => (
            <Space orientation="vertical" size={0}>
              <span>{c.institutionName}</span>
              <Typography.Text type="secondary">{c.branchName}</Typography.Text>
            </Space>
          ),
        }
      : {
          title: t('cases.branch'),
          key: 'branch',
          width: 180,
          render: (_: unknown, c) => (
            <Space orientation="vertical" size={0}>
              <span>{c.branchName}</span>
              <Typography.Text type="secondary">{c.centerName}</Typography.Text>
            </Space>
          ),
        },
    {
      title: t('cases.businessLine'),
      key: 'businessLine',
      width: 120,
      render: (_: unknown, c) => (
        <Space orientation="vertical" size={0}>
          <span>{c.businessLine ? t(`businessLine.${c.businessLine}`) : '—'}</span>
          <Typography.Text type="secondary">{c.disputeType ? t(`disputeType.${c.disputeType}`) : ''}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('cases.amount'),
      dataIndex: 'amountFen',
      key: 'amount',
      width: 120,
      align: 'right',
      render: (fen: number) => <Amount fen={fen} data-testid="case-row-amount" />,
    },
    {
      title: t('cases.status'),
      dataIndex: 'status',
      key: 'status',
      width: 110,
      render: (s: CaseStatus, c) => (
        <Space orientation="vertical" size={4}>
          <StatusTag status={s} testId="row-status" />
          {c.track ? <TrackTag track={c.track} /> : null}
        </Space>
      ),
    },
    {
      title: t('cases.clocks'),
      key: 'clocks',
      width: 190,
      render: (_: unknown, c) => <ClockTags item={c} compact />,
    },
    {
      title: perspective === 'center' ? t('cases.mediator') : t('cases.updatedAt'),
      key: 'last',
      width: 160,
      render: (_: unknown, c) =>
        perspective === 'center' ? (
          <Space orientation="vertical" size={0}>
            <span>{c.mediatorName ?? '—'}</span>
            <Typography.Text type="secondary">{formatDateTime(c.updatedAt, i18n.language)}</Typography.Text>
          </Space>
        ) : (
          formatDateTime(c.updatedAt, i18n.language)
        ),
    },
  ];

  return (
    <Table<CaseListItem>
      rowKey="id"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={pagination}
      scroll={{ x: 1150 }}
      locale={{ emptyText: t('cases.empty') }}
      onRow={(c) => ({ 'data-testid': `${rowTestId}-${c.caseNumber ?? c.id}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}
