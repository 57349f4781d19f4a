import type { ReactNode } from 'react';
import { Alert, Card, Popover, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { STATISTICS_DEFINITIONS, type StatisticsDashboard, type StatisticsFigureKey, type StatisticsRow } from '@accord/contracts';
import { statisticsApi, statisticsKeys, type DashboardFilter } from '../../api/statistics';
import { ProblemAlert } from '../ProblemAlert';
import { formatFen } from '../../lib/money';
import { nullsLast } from '../../lib/sorting';

/** A column of the table: the figure it shows, the 口径 (STATISTICS_DEFINITIONS key) its header states, how a value reads. */
interface Figure {
  key: StatisticsFigureKey;
  definition: string;
  width: number;
  show: (v: number | string) => ReactNode;
}

const count = (v: number | string) => v;
const percent = (v: number | string) => `${(Number(v) * 100).toFixed(1)}%`;
const money = (v: number | string) => formatFen(Number(v));

const FIGURES: Figure[] = [
  { key: 'referrals', definition: 'referrals', width: 104, show: count },
  { key: 'accepted', definition: 'accepted', width: 84, show: count },
  { key: 'concluded', definition: 'concluded', width: 84, show: count },
  { key: 'settled', definition: 'concluded', width: 104, show: count },
  { key: 'successRate', definition: 'successRate', width: 116, show: percent },
  { key: 'disputedFen', definition: 'disputed', width: 130, show: money },
  { key: 'settledFen', definition: 'settledAmount', width: 130, show: money },
  { key: 'medianDaysToAccept', definition: 'medianAccept', width: 124, show: count },
  { key: 'medianDaysToConclude', definition: 'medianConclude', width: 124, show: count },
  { key: 'breached', definition: 'breached', width: 104, show: count },
  { key: 'breachRate', definition: 'breached', width: 108, show: percent },
  { key: 'judicialConfirmed', definition: 'judicialConfirmed', width: 120, show: count },
  { key: 'obligationsOverdue', definition: 'obligationsOverdue', width: 120, show: count },
  { key: 'satisfactionAverage', definition: 'satisfaction', width: 116, show: count },
];

/** A figure as a number to sort by; null (withheld, not available, nothing to divide) sorts last either way. */
const sortValue = (key: StatisticsFigureKey) => (r: StatisticsRow): number | null => {
  const v = r[key];
  return v === null || v === undefined ? null : Number(v);
};

/**
 * 机构对比: every institution of the jurisdiction side by side over the console's months, center,
 * business line and dispute type, sortable by every column. Each header states its 口径; a withheld
 * cell is "—" with the reason, a figure the filter has no roll-up for says so.
 */
export function InstitutionTable({ from, to, filter }: { from: string; to: string; filter: DashboardFilter }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const query = useQuery({
    queryKey: statisticsKeys.institutions(from, to, filter),
    queryFn: ({ signal }) => statisticsApi.institutions(from, to, filter, signal),
    enabled: from <= to,
    placeholderData: keepPreviousData,
  });
  const data: StatisticsDashboard | undefined = query.data;
  const available = new Set(data?.figuresAvailable ?? []);
  const below = data?.suppressBelow ?? null;
  const definition = (key: string) => {
    const d = STATISTICS_DEFINITIONS.find((x) => x.key === key);
    return d ? (english ? d.en : d.zh) : '';
  };

  const cell = (f: Figure) => (_: unknown, r: StatisticsRow) => {
    if (data && !available.has(f.key)) {
      return (
        <Tooltip title={t('consoleInstitutions.notAvailableTip')}>
          <Typography.Text type="secondary" style={{ cursor: 'help' }} data-testid={`institutions-na-${f.key}`}>
            {t('consoleInstitutions.notAvailable')}
          </Typography.Text>
        </Tooltip>
      );
    }
    if (r.withheld?.includes(f.key)) {
      return (
        <Tooltip title={t('statistics.withheldTip', { n: below })}>
          <span data-testid={`institutions-withheld-${f.key}`} style={{ cursor: 'help', borderBottom: '1px dotted currentColor' }}>
            —
          </span>
        </Tooltip>
      );
    }
    const v = r[f.key];
    return v === null || v === undefined ? '—' : f.show(v);
  };

  const columns: TableColumnsType<StatisticsRow> = [
    { title: t('consoleInstitutions.institution'), dataIndex: 'name', key: 'name', fixed: 'left', width: 150, sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    ...FIGURES.map(
      (f): TableColumnsType<StatisticsRow>[number] => ({
        title: (
          <Popover title={t(`consoleInstitutions.column.${f.key}`)} content={<div style={{ maxWidth: 360 }}>{definition(f.definition)}</div>} trigger="hover">
            <span data-testid={`institutions-head-${f.key}`} style={{ borderBottom: '1px dashed currentColor', cursor: 'help', wordBreak: 'keep-all', overflowWrap: 'normal' }}>
              {t(`consoleInstitutions.column.${f.key}`)}
            </span>
          </Popover>
        ),
        key: f.key,
        width: f.width,
        align: 'right',
        render: cell(f),
        // Withheld, not available and undefined figures last, whichever way.
        sorter: nullsLast(sortValue(f.key)),
        sortDirections: ['descend', 'ascend'],
      }),
    ),
  ];

  const reduced = data !== undefined && FIGURES.some((f) => !available.has(f.key));
  return (
    <Card size="small" title={t('consoleInstitutions.title')} data-testid="console-institutions">
      <ProblemAlert error={query.error} />
      {reduced ? <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={definition('lineFilter')} data-testid="console-institutions-line-note" /> : null}
      <Table<StatisticsRow>
        rowKey="id"
        size="small"
        loading={query.isFetching}
        dataSource={data?.rows ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 150 + FIGURES.reduce((s, f) => s + f.width, 0) }}
        showSorterTooltip={false}
        data-testid="console-institutions-table"
        locale={{ emptyText: t('regulatorConsole.empty') }}
      />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        {t('consoleInstitutions.note', { from, to })}
        {below !== null ? ` ${t('statistics.withheldLegend', { n: below })}` : ''}
      </Typography.Paragraph>
    </Card>
  );
}
