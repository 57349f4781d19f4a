import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Card, Col, DatePicker, Empty, Popover, Row, Segmented, Select, Space, Statistic, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import * as echarts from 'echarts/core';
import { HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import {
  BUSINESS_LINES,
  DISPUTE_TYPES,
  STATISTICS_DEFINITIONS,
  TREND_DEFINITIONS,
  type BusinessLine,
  type DisputeType,
  type TrendGrouping,
  type TrendHeatMap,
  type TrendSeries,
} from '@accord/contracts';
import { organisationsApi } from '../api/organisations';
import { statisticsApi, statisticsKeys } from '../api/statistics';
import { trendsApi, trendsKeys, type TrendFilter } from '../api/trends';
import { ProblemAlert } from '../components/ProblemAlert';
import { MonthlyReportControl } from '../components/MonthlyReportControl';
import { InstitutionTable } from '../components/statistics/InstitutionTable';
import { LatestWarnings } from '../components/warnings/LatestWarnings';
import { RankingEnds } from '../components/statistics/RankingEnds';
import { todayInShanghai } from '../lib/format';

echarts.use([LineChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

type Metric = 'referrals' | 'concluded' | 'successRate';
const METRICS: Metric[] = ['referrals', 'concluded', 'successRate'];
/** Lines drawn at first: the largest few (a chart of 30 banks is unreadable). */
const FIRST_LINES = 5;
const isMonth = (v: string | null): v is string => v !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const signed = (v: number) => `${v > 0 ? '+' : ''}${v}`;

/** Everything the page shows is in its URL (months, center, business line, dispute type, grouping), so a reload keeps it. */
function viewOf(params: URLSearchParams): TrendFilter & { by: TrendGrouping } {
  const thisMonth = todayInShanghai().slice(0, 7);
  const to = isMonth(params.get('to')) ? params.get('to')! : thisMonth;
  const from = isMonth(params.get('from')) && params.get('from')! <= to ? params.get('from')! : dayjs(`${to}-01`).subtract(12, 'month').format('YYYY-MM');
  const businessLine = (BUSINESS_LINES as readonly string[]).includes(params.get('line') ?? '') ? (params.get('line') as BusinessLine) : undefined;
  const disputeType = (DISPUTE_TYPES as readonly string[]).includes(params.get('type') ?? '') ? (params.get('type') as DisputeType) : undefined;
  return { from, to, centerId: params.get('center') || undefined, businessLine, disputeType, by: params.get('by') === 'businessLine' ? 'businessLine' : 'institution' };
}

/**
 * /regulator-console — 监管驾驶舱: the jurisdiction's totals for the months chosen, the monthly
 * trend lines per institution or business line (MoM and YoY in the tooltip) and the business
 * line × institution heat map, each with its 口径 and the small-cell rule stated.
 */
export default function RegulatorConsolePage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const [params, setParams] = useSearchParams();
  const view = viewOf(params);
  const { by, ...filter } = view;
  const set = (change: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(change)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const [metric, setMetric] = useState<Metric>('referrals');
  const [picked, setPicked] = useState<string[] | null>(null);

  const centers = useQuery({ queryKey: ['organisations', { kind: 'center', page: 1, pageSize: 100 }], queryFn: ({ signal }) => organisationsApi.list({ kind: 'center', page: 1, pageSize: 100 }, signal) });
  // The overview is the dashboard's total over the same months (up to today).
  const today = todayInShanghai();
  const lastDay = dayjs(`${filter.to}-01`).endOf('month').format('YYYY-MM-DD');
  const dashTo = lastDay < today ? lastDay : today;
  const dashFrom = `${filter.from}-01`;
  const overview = useQuery({
    queryKey: statisticsKeys.dashboard(dashFrom, dashTo),
    queryFn: ({ signal }) => statisticsApi.dashboard(dashFrom, dashTo, undefined, signal),
    enabled: dashFrom <= dashTo,
  });
  const series = useQuery({ queryKey: trendsKeys.series(by, filter), queryFn: ({ signal }) => trendsApi.series(by, filter, signal), placeholderData: keepPreviousData });
  const heat = useQuery({ queryKey: trendsKeys.heatMap(filter), queryFn: ({ signal }) => trendsApi.heatMap(filter, signal), placeholderData: keepPreviousData });

  const lineName = useCallback((l: BusinessLine) => t(`businessLine.${l}`), [t]);
  const nameOf = useCallback((id: string, name: string) => (by === 'businessLine' ? lineName(id as BusinessLine) : name), [by, lineName]);
  const definitions = (keys: string[]) => (
    <ul style={{ margin: 0, paddingInlineStart: 18, maxWidth: 480 }}>
      {[...TREND_DEFINITIONS, ...STATISTICS_DEFINITIONS.filter((d) => d.key === 'medianConclude')]
        .filter((d) => keys.includes(d.key))
        .map((d) => (
          <li key={d.key}>{english ? d.en : d.zh}</li>
        ))}
    </ul>
  );
  const definitionsButton = (keys: string[], testId: string) => (
    <Popover title={t('regulatorConsole.definitions')} content={definitions(keys)} trigger={['hover', 'click']}>
      <Typography.Link data-testid={testId}>
        <InfoCircleOutlined /> {t('regulatorConsole.definitions')}
      </Typography.Link>
    </Popover>
  );
  const total = overview.data?.total;
  const count = (v: number | null | undefined) => (v === null ? '—' : (v ?? '…'));

  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }}>
      <Card size="small" title={t('regulatorConsole.title')} extra={definitionsButton(['months', 'scope', 'privacy'], 'console-definitions')}>
        <Space wrap>
          <DatePicker.RangePicker
            picker="month"
            allowClear={false}
            aria-label={t('regulatorConsole.months')}
            value={[dayjs(`${filter.from}-01`), dayjs(`${filter.to}-01`)]}
            disabledDate={(d) => d.isAfter(dayjs(today), 'month')}
            onChange={(v) => {
              const [a, b] = (v ?? []) as [Dayjs | null, Dayjs | null];
              if (a && b) set({ from: a.format('YYYY-MM'), to: b.format('YYYY-MM') });
            }}
            data-testid="console-months"
          />
          <Select
            style={{ width: 270 }}
            value={filter.centerId ?? ''}
            onChange={(v: string) => set({ center: v || undefined })}
            options={[{ value: '', label: t('regulatorConsole.allCenters') }, ...(centers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))]}
            aria-label={t('cases.center')}
            data-testid="console-center"
          />
          <Select
            style={{ width: 190 }}
            value={filter.businessLine ?? ''}
            onChange={(v: string) => set({ line: v || undefined })}
            options={[{ value: '', label: t('regulatorConsole.allBusinessLines') }, ...BUSINESS_LINES.map((l) => ({ value: l, label: lineName(l) }))]}
            aria-label={t('cases.businessLine')}
            data-testid="console-business-line"
          />
          <Select
            style={{ width: 160 }}
            value={filter.disputeType ?? ''}
            onChange={(v: string) => set({ type: v || undefined })}
            options={[{ value: '', label: t('regulatorConsole.allDisputeTypes') }, ...DISPUTE_TYPES.map((d) => ({ value: d, label: t(`disputeType.${d}`) }))]}
            aria-label={t('cases.disputeType')}
            data-testid="console-dispute-type"
          />
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="console-privacy">
          {t('regulatorConsole.privacy')}
        </Typography.Paragraph>
        <div style={{ marginTop: 8 }}>
          <MonthlyReportControl centerId={filter.centerId} />
        </div>
      </Card>

      <ProblemAlert error={series.error ?? heat.error ?? overview.error} />

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <LatestWarnings />
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('regulatorConsole.rankings')} data-testid="console-rankings">
            <RankingEnds from={filter.from} to={filter.to} centerId={filter.centerId} />
          </Card>
        </Col>
      </Row>

      <Card size="small" title={t('regulatorConsole.overview')}>
        <Row gutter={16} data-testid="console-overview">
          <Col span={5}>
            <Statistic title={t('regulatorConsole.referrals')} value={count(total?.referrals)} />
          </Col>
          <Col span={5}>
            <Statistic title={t('regulatorConsole.accepted')} value={count(total?.accepted)} />
          </Col>
          <Col span={5}>
            <Statistic title={t('regulatorConsole.concluded')} value={count(total?.concluded)} />
          </Col>
          <Col span={4}>
            <Statistic title={t('regulatorConsole.successRate')} value={total ? percent(total.successRate) : '…'} />
          </Col>
          <Col span={5}>
            <Statistic title={t('regulatorConsole.medianConclude')} value={total ? (total.medianDaysToConclude ?? '—') : '…'} />
          </Col>
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('regulatorConsole.overviewNote', { from: dashFrom, to: dashTo })}
        </Typography.Text>
      </Card>

      <InstitutionTable from={dashFrom} to={dashTo} filter={{ centerId: filter.centerId, businessLine: filter.businessLine, disputeType: filter.disputeType }} />

      <Card
        size="small"
        title={t('regulatorConsole.trends')}
        extra={
          <Space>
            <Segmented<TrendGrouping>
              value={by}
              onChange={(v) => {
                setPicked(null);
                set({ by: v === 'institution' ? undefined : v });
              }}
              options={[
                { value: 'institution', label: t('regulatorConsole.byInstitution') },
                { value: 'businessLine', label: t('regulatorConsole.byBusinessLine') },
              ]}
              data-testid="console-by"
            />
            <Segmented<Metric> value={metric} onChange={setMetric} options={METRICS.map((m) => ({ value: m, label: t(`regulatorConsole.${m}`) }))} data-testid="console-metric" />
            {definitionsButton(['referrals', 'concluded', 'successRate', 'change', 'privacy'], 'console-trend-definitions')}
          </Space>
        }
      >
        {series.data && series.data.lines.length > 0 ? (
          <TrendChart data={series.data} metric={metric} picked={picked} onPick={setPicked} nameOf={nameOf} />
        ) : (
          <Empty description={t('regulatorConsole.empty')} />
        )}
      </Card>

      <Card size="small" title={t('regulatorConsole.heatMap')} extra={<Space>{<Typography.Text type="secondary">{t('regulatorConsole.heatMapNote')}</Typography.Text>}{definitionsButton(['heatMap', 'successRate', 'privacy'], 'console-heat-definitions')}</Space>}>
        {heat.data && heat.data.institutions.length > 0 ? <HeatMap data={heat.data} lineName={lineName} /> : <Empty description={t('regulatorConsole.empty')} />}
      </Card>
      {series.data?.lines.length === 0 && heat.data?.institutions.length === 0 ? <Alert type="info" showIcon message={t('regulatorConsole.empty')} /> : null}
    </Space>
  );
}

function useChart(option: echarts.EChartsCoreOption, height: number, testId: string) {
  const ref = useRef<HTMLDivElement>(null);
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
  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} />;
}

function TrendChart({
  data,
  metric,
  picked,
  onPick,
  nameOf,
}: {
  data: TrendSeries;
  metric: Metric;
  picked: string[] | null;
  onPick: (ids: string[]) => void;
  nameOf: (id: string, name: string) => string;
}) {
  const { t } = useTranslation();
  const shown = picked ?? data.lines.slice(0, FIRST_LINES).map((l) => l.id);
  const shownKey = shown.join(',');
  const option = useMemo(() => {
    const ids = shownKey.split(',');
    const lines = data.lines.filter((l) => ids.includes(l.id));
    const rate = metric === 'successRate';
    const value = (v: number | null) => (v === null ? null : rate ? Math.round(v * 1000) / 10 : v);
    const change = (v: number | null, points: boolean) => (v === null ? '—' : points ? `${signed(Math.round(v * 1000) / 10)}${t('regulatorConsole.points')}` : `${signed(Math.round(v * 1000) / 10)}%`);
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (items: { seriesIndex: number; dataIndex: number; marker: string }[]) => {
          const month = data.months[items[0]?.dataIndex ?? 0];
          const rows = items.map((it) => {
            const l = lines[it.seriesIndex];
            const p = l.points[it.dataIndex];
            const v = p[metric];
            return `${it.marker}${nameOf(l.id, l.name)}：<b>${v === null ? '—' : rate ? percent(v) : v}</b>&emsp;${t('regulatorConsole.mom')} ${change(p[`${metric}MoM`], rate)}&emsp;${t('regulatorConsole.yoy')} ${change(p[`${metric}YoY`], rate)}`;
          });
          return [month, ...rows].join('<br/>');
        },
      },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 48, right: 24, bottom: 28, top: 36 },
      xAxis: { type: 'category', data: data.months },
      yAxis: rate ? { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } } : { type: 'value', minInterval: 1 },
      series: lines.map((l) => ({ name: nameOf(l.id, l.name), type: 'line', connectNulls: false, showSymbol: true, data: l.points.map((p) => value(p[metric])) })),
    };
  }, [data, metric, shownKey, t, nameOf]);
  const chart = useChart(option, 300, 'console-trend-chart');
  return (
    <>
      <Select
        mode="multiple"
        style={{ width: '100%', marginBottom: 8 }}
        maxTagCount="responsive"
        placeholder={t('regulatorConsole.pick')}
        aria-label={t('regulatorConsole.pick')}
        value={shown}
        onChange={onPick}
        options={data.lines.map((l) => ({ value: l.id, label: nameOf(l.id, l.name) }))}
        data-testid="console-pick"
      />
      {chart}
    </>
  );
}

function HeatMap({ data, lineName }: { data: TrendHeatMap; lineName: (l: BusinessLine) => string }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const cells = new Map(data.cells.map((c) => [`${c.institutionId}/${c.businessLine}`, c]));
    // Institutions top to bottom by referrals: the y axis counts upwards, so the largest goes last.
    const institutions = [...data.institutions].reverse();
    const shown: { value: [number, number, number]; successRate: number | null }[] = [];
    const withheld: { value: [number, number, number]; successRate: number | null }[] = [];
    institutions.forEach((inst, y) =>
      data.businessLines.forEach((l, x) => {
        const c = cells.get(`${inst.id}/${l}`);
        if (c && c.referrals === null) withheld.push({ value: [x, y, 0], successRate: c.successRate });
        else shown.push({ value: [x, y, c?.referrals ?? 0], successRate: c?.successRate ?? null });
      }),
    );
    const max = Math.max(1, ...data.cells.map((c) => c.referrals ?? 0));
    const tip = (withheldCell: boolean) => (p: { data: { value: [number, number, number]; successRate: number | null } }) => {
      const [x, y, v] = p.data.value;
      return `${institutions[y].name} · ${lineName(data.businessLines[x])}<br/>${t('regulatorConsole.referrals')}：${withheldCell ? `— (${t('regulatorConsole.withheld')})` : v}<br/>${t('regulatorConsole.successRate')}：${percent(p.data.successRate)}`;
    };
    return {
      tooltip: {},
      grid: { left: 140, right: 96, top: 8, bottom: 40 },
      xAxis: { type: 'category', data: data.businessLines.map(lineName), splitArea: { show: true }, axisLabel: { interval: 0, hideOverlap: false } },
      yAxis: { type: 'category', data: institutions.map((i) => i.name), splitArea: { show: true } },
      visualMap: { seriesIndex: 0, min: 0, max, calculable: true, orient: 'vertical', right: 8, top: 'center', itemHeight: 100, inRange: { color: ['#f0f5ff', '#1d39c4'] } },
      series: [
        { type: 'heatmap', data: shown, tooltip: { formatter: tip(false) }, label: { show: true }, emphasis: { itemStyle: { shadowBlur: 6, shadowColor: 'rgba(0,0,0,0.3)' } } },
        // Withheld cells in grey, marked "—": there is something, fewer than the threshold (or its complement).
        { type: 'heatmap', data: withheld, tooltip: { formatter: tip(true) }, itemStyle: { color: '#d9d9d9' }, label: { show: true, formatter: '—' } },
      ],
    };
  }, [data, lineName, t]);
  return useChart(option, Math.max(220, 72 + data.institutions.length * 36), 'console-heat-map');
}
