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
  /**
   * The server-side order of the last column (the whole list is sorted, never just this page): by
   * last update on the case lists, by submission on the intake queue, whose last column then
   * shows the submission time. None = not sortable here.
   */
  sort?: { by: 'updatedAt' | 'submittedAt'; order: 'ascend' | 'descend'; onChange: (order: 'ascend' | 'descend') => void };
}

export function CaseTable({ items, loading, pagination, perspective, rowTestId, sort }: CaseTableProps) {
  const by = sort?.by ?? 'updatedAt';
  const { t, i18n } = useTranslation();
  const columns: TableColumnsType<CaseListItem> = [
    {
      title: t('cases.caseNumber'),
      dataIndex: 'caseNumber',
      key: 'caseNumber',
      width: 150,
      // Both ends stay in view when a narrow screen scrolls the table sideways.
      fixed: 'left',
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
      // One word in English, a little wider than the column at some fonts: never "Consume/r".
      title: <Nowrap>{t('cases.consumer')}</Nowrap>,
      key: 'consumer',
      width: 110,
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
          width: 150,
          render: (_: unknown, c) => (
            <Space orientation="vertical" size={0} style={{ maxWidth: '100%' }}>
              <Typography.Text ellipsis={{ tooltip: c.institutionName }}>{c.institutionName}</Typography.Text>
              <Typography.Text type="secondary" ellipsis={{ tooltip: c.branchName }}>
                {c.branchName}
              </Typography.Text>
            </Space>
          ),
        }
      : {
          title: t('cases.branch'),
          key: 'branch',
          width: 150,
          render: (_: unknown, c) => (
            <Space orientation="vertical" size={0} style={{ maxWidth: '100%' }}>
              <Typography.Text ellipsis={{ tooltip: c.branchName }}>{c.branchName}</Typography.Text>
              <Typography.Text type="secondary" ellipsis={{ tooltip: c.centerName }}>
                {c.centerName}
              </Typography.Text>
            </Space>
          ),
        },
    {
      title: t('cases.status'),
      dataIndex: 'status',
      key: 'status',
      width: 110,
      render: (s: CaseStatus, c) => (
        <Space orientation="vertical" size={4}>
          <StatusTag status={s} testId="row-status" />
          {s === 'draft' && c.consentState ? (
            <Tag color={c.consentState === 'awaiting' ? 'processing' : 'red'} data-testid="row-consent">
              {t(`consent.state.${c.consentState}`)}
            </Tag>
          ) : null}
          {c.track ? <TrackTag track={c.track} /> : null}
        </Space>
      ),
    },
    {
      title: t('cases.clocks'),
      key: 'clocks',
      width: 180,
      render: (_: unknown, c) => <ClockTags item={c} compact />,
    },
    {
      title: t('cases.businessLine'),
      key: 'businessLine',
      width: 130,
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
      // The center's column stacks the mediator over the time the list sorts by.
      title: perspective === 'center' ? `${t('cases.mediator')} / ${t(`cases.${by}`)}` : t(`cases.${by}`),
      key: 'last',
      width: 150,
      fixed: 'right',
      ...(sort ? { sorter: true, sortOrder: sort.order, sortDirections: (by === 'updatedAt' ? ['descend', 'ascend'] : ['ascend', 'descend']) as ('ascend' | 'descend')[] } : {}),
      render: (_: unknown, c) =>
        perspective === 'center' ? (
          <Space orientation="vertical" size={0}>
            <span>{c.mediatorName ?? '—'}</span>
            <Typography.Text type="secondary">{formatDateTime(c[by], i18n.language)}</Typography.Text>
          </Space>
        ) : (
          formatDateTime(c[by], i18n.language)
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
      onChange={(_p, _f, sorter, extra) => {
        if (extra.action !== 'sort' || !sort || Array.isArray(sorter)) return;
        // A third click would clear the order: it goes back to the list's default instead.
        const order = sorter.order ?? (by === 'updatedAt' ? 'descend' : 'ascend');
        sort.onChange(order);
      }}
      // The widths add up to 1100 px, within the content area at 1440 px (menu open); narrower screens
      // scroll inside the table. The clocks stand next to the status, so that at 1280 px, where the
      // last column is pinned over what does not fit, the deadlines are still in view.
      scroll={{ x: 1100 }}
      locale={{ emptyText: t('cases.empty') }}
      onRow={(c) => ({ 'data-testid': `${rowTestId}-${c.caseNumber ?? c.id}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}
