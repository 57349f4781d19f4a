import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Breadcrumb, Button, Card, DatePicker, Segmented, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, RightOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { STATISTICS_DEFINITIONS, type StatisticsFigureKey, type StatisticsFigures, type StatisticsRow } from '@accord/contracts';
import { useCurrentUser } from '../auth/AuthContext';
import { statisticsApi, statisticsKeys } from '../api/statistics';
import { ProblemAlert } from '../components/ProblemAlert';
import { todayInShanghai } from '../lib/format';
import { navRoles } from '../layout/nav';
import { formatFen } from '../lib/money';
import { bestAndWorst, MARK_MIN_CASES, nullsLast } from '../lib/sorting';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Preset = 'thisMonth' | 'lastMonth' | 'thisYear' | 'last12' | 'custom';

/** The presets in Asia/Shanghai dates. */
export function presetPeriod(preset: Exclude<Preset, 'custom'>, today = todayInShanghai()): [string, string] {
  const d = dayjs(today);
  switch (preset) {
    case 'thisMonth':
      return [d.startOf('month').format('YYYY-MM-DD'), today];
    case 'lastMonth': {
      const m = d.subtract(1, 'month');
      return [m.startOf('month').format('YYYY-MM-DD'), m.endOf('month').format('YYYY-MM-DD')];
    }
    case 'thisYear':
      return [d.startOf('year').format('YYYY-MM-DD'), today];
    case 'last12':
      return [d.subtract(12, 'month').add(1, 'day').format('YYYY-MM-DD'), today];
  }
}

const percent = (v: number) => `${(v * 100).toFixed(2)}%`;
const days = (v: number) => String(v);

const PRESETS = ['thisMonth', 'lastMonth', 'thisYear', 'last12'] as const;
const isDay = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v) && dayjs(v).isValid();

/**
 * What the page shows lives in its URL, so a reload or a shared link keeps it: `branch=<id>` (none
 * is the viewer's root) and `period=` one of the presets, or `custom` with `from` and `to`.
 */
function viewOf(params: URLSearchParams): { preset: Preset; from: string; to: string; branchId?: string } {
  const branchId = params.get('branch') || undefined;
  const p = params.get('period');
  const from = params.get('from');
  const to = params.get('to');
  if (p === 'custom' && isDay(from) && isDay(to) && from <= to) return { preset: 'custom', from, to, branchId };
  const preset = (PRESETS as readonly string[]).includes(p ?? '') ? (p as (typeof PRESETS)[number]) : 'thisYear';
  const [a, b] = presetPeriod(preset);
  return { preset, from: a, to: b, branchId };
}

/** The same view with some keys changed (undefined removes one). */
function withParams(params: URLSearchParams, change: Record<string, string | undefined>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(change)) {
    if (v) next.set(k, v);
    else next.delete(k);
  }
  return next;
}

/**
 * /statistics — 统计分析: the success rate per institution or branch, its 口径, a chart and the
 * XLSX export. A bank drills down its branch tree (红黑榜 of sub-branches and outlets): a branch
 * with branches below it opens on click, the breadcrumb leads back up.
 */
export default function StatisticsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const { preset, from, to, branchId } = viewOf(params);
  /** The link to a branch of this view (none: the root), keeping the period. */
  const atBranch = (id?: string) => `?${withParams(params, { branch: id })}`;
  // Pushed, not replaced: the browser's back button goes up the tree as well.
  const openBranch = (id?: string) => setParams(withParams(params, { branch: id }));
  const dash = useQuery({ queryKey: statisticsKeys.dashboard(from, to, branchId), queryFn: ({ signal }) => statisticsApi.dashboard(from, to, branchId, signal) });
  const exporting = useMutation({
    mutationFn: (cases: boolean) => statisticsApi.exportXlsx(from, to, cases, branchId),
    onError: () => message.error(t('statistics.exportFailed')),
  });
  const trail = dash.data?.trail ?? [];
  // Regulators read figures only (small counts withheld): the case list is for centers and banks.
  const mayListCases = useCurrentUser().organisation.kind !== 'regulator';
  const english = i18n.language.startsWith('en');
  const below = dash.data?.suppressBelow ?? null;
  const [allDefinitions, setAllDefinitions] = useState(false);
  /**
   * A figure, or "—": withheld ones (regulators) say why on hover; "<5" would read as under ¥5 in
   * an amount column, so a withheld cell looks like an empty one and the legend below the table tells them apart.
   */
  const cell = (key: StatisticsFigureKey, show: (v: never) => ReactNode) => (v: unknown, r: StatisticsFigures) =>
    r.withheld?.includes(key) ? (
      <Tooltip title={t('statistics.withheldTip', { n: below })}>
        <span className="statistics-withheld" data-testid={`statistics-withheld-${key}`} style={{ cursor: 'help', borderBottom: '1px dotted currentColor' }}>
          —
        </span>
      </Tooltip>
    ) : v === null ? (
      '—'
    ) : (
      show(v as never)
    );
  const plain = (v: number) => v;
  const money = (v: string) => formatFen(Number(v));

  const marks = useMemo(() => bestAndWorst(dash.data?.rows ?? []), [dash.data]);
  const mayRank = useCurrentUser().roles.some((r) => navRoles('rankings')?.includes(r));

  const choose = (p: Preset) =>
    setParams(withParams(params, p === 'custom' ? { period: 'custom', from, to } : { period: p === 'thisYear' ? undefined : p, from: undefined, to: undefined }), {
      replace: true,
    });

  /** Every column sorts; withheld and empty cells last either way. */
  const by = (key: StatisticsFigureKey) => ({ sorter: nullsLast<StatisticsFigures>((r) => (r[key] === null ? null : Number(r[key]))), sortDirections: ['descend' as const, 'ascend' as const] });
  const counted = (key: StatisticsFigureKey & keyof StatisticsFigures) => ({ title: t(`statistics.${key}`), dataIndex: key, key, align: 'right' as const, render: cell(key, plain), ...by(key) });
  const figureColumns: TableColumnsType<StatisticsFigures> = [
    counted('referrals'),
    counted('accepted'),
    counted('concluded'),
    counted('settled'),
    counted('notSettled'),
    counted('withdrawn'),
    counted('terminated'),
    {
      title: t('statistics.successRate'),
      dataIndex: 'successRate',
      key: 'successRate',
      align: 'right',
      render: cell('successRate', (v: number) => <Typography.Text strong>{percent(v)}</Typography.Text>),
      ...by('successRate'),
    },
    { title: t('statistics.disputed'), dataIndex: 'disputedFen', key: 'disputed', align: 'right', render: cell('disputedFen', money), ...by('disputedFen') },
    { title: t('statistics.settledAmount'), dataIndex: 'settledFen', key: 'settledAmount', align: 'right', render: cell('settledFen', money), ...by('settledFen') },
    { title: t('statistics.medianAccept'), dataIndex: 'medianDaysToAccept', key: 'medianAccept', align: 'right', render: cell('medianDaysToAccept', days), ...by('medianDaysToAccept') },
    { title: t('statistics.medianConclude'), dataIndex: 'medianDaysToConclude', key: 'medianConclude', align: 'right', render: cell('medianDaysToConclude', days), ...by('medianDaysToConclude') },
    {
      title: t('statistics.satisfaction'),
      key: 'satisfaction',
      align: 'right',
      render: (_: unknown, r: StatisticsFigures) => (
        <>
          {cell('satisfactionAverage', plain)(r.satisfactionAverage, r)} ({cell('satisfactionCount', plain)(r.satisfactionCount, r)})
        </>
      ),
      ...by('satisfactionAverage'),
    },
    counted('breached'),
    { title: t('statistics.breachRate'), dataIndex: 'breachRate', key: 'breachRate', align: 'right', render: cell('breachRate', percent), ...by('breachRate') },
    counted('judicialConfirmed'),
    counted('obligationsOverdue'),
  ];
  const columns: TableColumnsType<StatisticsRow> = [
    {
      title: dash.data?.grouping === 'branch' ? t('statistics.branch') : t('statistics.institution'),
      dataIndex: 'name',
      key: 'name',
      fixed: 'left',
      width: 200,
      sorter: (a: StatisticsRow, b: StatisticsRow) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (name: string, r: StatisticsRow) => (
        <Space size={4} wrap={false}>
          {r.own ? (
            `${name}${t('statistics.own')}`
          ) : r.hasChildren ? (
            <Link to={{ search: atBranch(r.id) }} onClick={(e) => e.stopPropagation()} title={t('statistics.openBranch', { name })} data-testid={`statistics-open-${r.id}`}>
              {name} <RightOutlined style={{ fontSize: 10 }} />
            </Link>
          ) : (
            name
          )}
          {marks.best.has(r.id) ? (
            <Tag color="green" bordered={false} data-testid="statistics-best">
              {t('statistics.best')}
            </Tag>
          ) : null}
          {marks.worst.has(r.id) ? (
            <Tag color="red" bordered={false} data-testid="statistics-worst">
              {t('statistics.worst')}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    ...(figureColumns as TableColumnsType<StatisticsRow>),
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('statistics.title')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} loading={exporting.isPending && exporting.variables === false} onClick={() => exporting.mutate(false)} data-testid="statistics-export">
              {t('statistics.export')}
            </Button>
            {mayListCases ? (
              <Button icon={<DownloadOutlined />} loading={exporting.isPending && exporting.variables === true} onClick={() => exporting.mutate(true)} data-testid="statistics-export-cases">
                {t('statistics.exportCases')}
              </Button>
            ) : null}
          </Space>
        }
      >
        <Space wrap>
          <Segmented<Preset>
            value={preset}
            onChange={choose}
            data-testid="statistics-period"
            options={(['thisMonth', 'lastMonth', 'thisYear', 'last12', 'custom'] as const).map((p) => ({ value: p, label: t(`statistics.preset.${p}`) }))}
          />
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(from), dayjs(to)]}
            onChange={(v) => {
              const [a, b] = (v ?? []) as [Dayjs | null, Dayjs | null];
              if (a && b) setParams(withParams(params, { period: 'custom', from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') }), { replace: true });
            }}
          />
          {dash.data?.root && <Typography.Text type="secondary">{t('statistics.rootHint', { name: dash.data.root.name })}</Typography.Text>}
        </Space>
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          data-testid="statistics-definition"
          message={english ? STATISTICS_DEFINITIONS.find((d) => d.key === 'successRate')!.en : STATISTICS_DEFINITIONS.find((d) => d.key === 'successRate')!.zh}
          action={
            <Button size="small" type="link" onClick={() => setAllDefinitions((v) => !v)} aria-expanded={allDefinitions} data-testid="statistics-definitions-toggle">
              {allDefinitions ? t('statistics.fewerDefinitions') : t('statistics.allDefinitions')}
            </Button>
          }
          // The other 口径 fold away: open, they pushed the figures below the fold.
          description={
            allDefinitions ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {STATISTICS_DEFINITIONS.filter((d) => d.key !== 'successRate' && d.key !== 'lineFilter' && (d.key !== 'privacy' || dash.data?.suppressBelow)).map((d) => (
                  <li key={d.key}>{english ? d.en : d.zh}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      </Card>
      {dash.error && (
        <>
          <ProblemAlert error={dash.error} />
          {branchId && (
            <Button onClick={() => openBranch()} data-testid="statistics-back-to-root">
              {t('statistics.backToRoot')}
            </Button>
          )}
        </>
      )}
      {dash.data && (
        <Card title={t('statistics.chartTitle')}>
          <SuccessChart rows={dash.data.rows} labels={{ rate: t('statistics.successRate'), referrals: t('statistics.referrals'), own: t('statistics.own') }} />
        </Card>
      )}
      <Card
        title={
          trail.length > 0 ? (
            <Breadcrumb
              aria-label={t('statistics.path')}
              data-testid="statistics-breadcrumb"
              items={trail.map((b, i) => ({
                key: b.id,
                // The viewer's root is the page without a branch; the last is where we are.
                title: i === trail.length - 1 ? b.name : <Link to={{ search: atBranch(i === 0 ? undefined : b.id) }}>{b.name}</Link>,
              }))}
            />
          ) : undefined
        }
        extra={dash.data?.rows.some((r) => r.hasChildren) ? <Typography.Text type="secondary">{t('statistics.drillHint')}</Typography.Text> : undefined}
      >
        <Table<StatisticsRow>
          rowKey="id"
          size="small"
          loading={dash.isLoading}
          dataSource={dash.data?.rows ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: 1900 }}
          data-testid="statistics-table"
          onRow={(r) => (r.hasChildren ? { onClick: () => openBranch(r.id), style: { cursor: 'pointer' } } : {})}
          summary={() =>
            dash.data ? (
              <Table.Summary fixed>
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{t('statistics.total')}</Typography.Text>
                  </Table.Summary.Cell>
                  {figureColumns.map((c, i) => {
                    const key = (c as { dataIndex?: keyof StatisticsFigures }).dataIndex;
                    const render = (c as { render?: (v: unknown, r: StatisticsFigures) => unknown }).render;
                    const value = key ? dash.data.total[key] : undefined;
                    return (
                      <Table.Summary.Cell key={String(c.key)} index={i + 1} align="right">
                        <span data-testid={`statistics-total-${String(c.key)}`}>{(render ? render(value, dash.data.total) : value) as ReactNode}</span>
                      </Table.Summary.Cell>
                    );
                  })}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
        {marks.best.size > 0 && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="statistics-marks-legend">
            {t('statistics.marksLegend', { n: MARK_MIN_CASES })}
            {mayRank ? (
              <>
                {' '}
                <Link to="/rankings">{t('statistics.toRankings')}</Link>
              </>
            ) : null}
          </Typography.Paragraph>
        )}
        {below !== null && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="statistics-withheld-legend">
            {t('statistics.withheldLegend', { n: below })}
          </Typography.Paragraph>
        )}
      </Card>
    </Space>
  );
}

function SuccessChart({ rows, labels }: { rows: StatisticsRow[]; labels: { rate: string; referrals: string; own: string } }) {
  const ref = useRef<HTMLDivElement>(null);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [labels.referrals, labels.rate] },
      grid: { left: 48, right: 56, bottom: 80, top: 40 },
      xAxis: { type: 'category', data: rows.map((r) => (r.own ? `${r.name}${labels.own}` : r.name)), axisLabel: { rotate: 30, interval: 0 } },
      yAxis: [
        { type: 'value', name: labels.referrals, minInterval: 1 },
        { type: 'value', name: labels.rate, min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        // A withheld count (regulators) draws no bar rather than a bar of 0.
        { name: labels.referrals, type: 'bar', data: rows.map((r) => r.referrals) },
        {
          name: labels.rate,
          type: 'bar',
          yAxisIndex: 1,
          label: { show: true, position: 'top', formatter: '{c}%' },
          data: rows.map((r) => (r.successRate === null ? null : Math.round(r.successRate * 10000) / 100)),
        },
      ],
    }),
    [rows, labels],
  );
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} style={{ width: '100%', height: 360 }} data-testid="statistics-chart" />;
}
