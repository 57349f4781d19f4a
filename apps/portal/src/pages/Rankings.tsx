import { Alert, Button, Card, Col, DatePicker, Form, InputNumber, Row, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { RANKING_DEFINITIONS, type RankingEntry, type RankingLevel } from '@accord/contracts';
import { useCurrentUser } from '../auth/AuthContext';
import { organisationsApi } from '../api/organisations';
import { rankingsApi, rankingsKeys } from '../api/rankings';
import { ProblemAlert } from '../components/ProblemAlert';
import { todayInShanghai } from '../lib/format';
import { VISUALLY_HIDDEN } from '../components/a11y/LiveStatus';

const LEVELS: RankingLevel[] = ['branch', 'sub_branch', 'outlet'];
const isMonth = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}$/.test(v) && dayjs(`${v}-01`).isValid();
const number = (v: string | null, lo: number, hi: number) => {
  const n = Number(v);
  return v !== null && Number.isInteger(n) && n >= lo && n <= hi ? n : undefined;
};

/** The view lives in the URL: from/to months (default: the last 12, this one included), min, top, level, center. */
function viewOf(params: URLSearchParams, regulator: boolean) {
  const month = dayjs(todayInShanghai());
  const from = params.get('from');
  const to = params.get('to');
  const period = isMonth(from) && isMonth(to) && from <= to ? { from, to } : { from: month.subtract(11, 'month').format('YYYY-MM'), to: month.format('YYYY-MM') };
  const level = params.get('level');
  return {
    ...period,
    min: number(params.get('min'), regulator ? 5 : 1, 1000),
    top: number(params.get('top'), 1, 50),
    level: (LEVELS as string[]).includes(level ?? '') ? (level as RankingLevel) : undefined,
    centerId: params.get('center') || undefined,
  };
}

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * /rankings — 红黑榜: a center's member institutions, a regulator's institutions across its
 * jurisdiction (or one center), a bank's branches of one level within its subtree, ranked by the
 * composite stated on the page; red list best first, black list worst first, the units with too
 * few cases apart.
 */
export default function RankingsPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const kind = me.organisation.kind;
  const regulator = kind === 'regulator';
  const [params, setParams] = useSearchParams();
  const view = viewOf(params, regulator);
  const set = (change: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(change)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const list = useQuery({ queryKey: rankingsKeys.list(view), queryFn: ({ signal }) => rankingsApi.list(view, signal), placeholderData: keepPreviousData });
  const centers = useQuery({
    queryKey: ['organisations', { kind: 'center', page: 1, pageSize: 100 }],
    queryFn: ({ signal }) => organisationsApi.list({ kind: 'center', page: 1, pageSize: 100 }, signal),
    enabled: regulator,
  });
  const english = i18n.language.startsWith('en');
  const data = list.data;
  const withheld = data?.suppressBelow ? `<${data.suppressBelow}` : '—';
  const min = data?.minConcluded ?? view.min ?? 10;

  const columns: TableColumnsType<RankingEntry> = [
    {
      title: t('rankings.rank'),
      dataIndex: 'rank',
      key: 'rank',
      width: 76,
      render: (v: number, e: RankingEntry) => (
        <Space size={6}>
          <Typography.Text strong>{v}</Typography.Text>
          <Change entry={e} />
        </Space>
      ),
    },
    { title: t('rankings.name'), dataIndex: 'name', key: 'name' },
    { title: t('rankings.score'), dataIndex: 'score', key: 'score', width: 64, align: 'right', render: (v: number) => <Typography.Text strong>{v.toFixed(1)}</Typography.Text> },
    { title: t('rankings.successRate'), dataIndex: 'successRate', key: 'successRate', width: 80, align: 'right', render: percent },
    { title: t('rankings.median'), dataIndex: 'medianDaysToConclude', key: 'median', width: 80, align: 'right', render: (v: number | null) => (v === null ? '—' : v) },
    { title: t('rankings.breachRate'), dataIndex: 'breachRate', key: 'breachRate', width: 72, align: 'right', render: percent },
    { title: t('rankings.concluded'), dataIndex: 'concluded', key: 'concluded', width: 60, align: 'right' },
  ];

  const board = (which: 'red' | 'black') => (
    <Card
      size="small"
      title={t(`rankings.${which}`, { n: data?.top ?? view.top ?? 5 })}
      styles={{ header: which === 'red' ? { background: '#f6ffed', borderBottom: '2px solid #52c41a', color: '#237804' } : { background: '#fff1f0', borderBottom: '2px solid #f5222d', color: '#a8071a' } }}
      style={{ height: '100%', borderColor: which === 'red' ? '#b7eb8f' : '#ffa39e' }}
      data-testid={`rankings-${which}`}
    >
      <Table<RankingEntry>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.isFetching}
        dataSource={data?.[which] ?? []}
        columns={columns}
        locale={{ emptyText: t('rankings.emptyList') }}
        tableLayout="fixed"
      />
    </Card>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('rankings.title')} size="small">
        <Form layout="inline" style={{ rowGap: 8 }}>
          {/* Labels tied to their inputs (a Form.Item without a name ties none): screen readers name every field. */}
          <Form.Item label={t('rankings.period')} htmlFor="rankings-from">
            <label htmlFor="rankings-to" style={VISUALLY_HIDDEN}>
              {t('rankings.periodEnd')}
            </label>
            <DatePicker.RangePicker
              id={{ start: 'rankings-from', end: 'rankings-to' }}
              picker="month"
              allowClear={false}
              value={[dayjs(`${view.from}-01`), dayjs(`${view.to}-01`)]}
              onChange={(v) => {
                const [a, b] = (v ?? []) as [Dayjs | null, Dayjs | null];
                if (a && b) set({ from: a.format('YYYY-MM'), to: b.format('YYYY-MM') });
              }}
              data-testid="rankings-period"
            />
          </Form.Item>
          {regulator && (
            <Form.Item label={t('rankings.center')} htmlFor="rankings-center">
              <Select
                id="rankings-center"
                style={{ width: 260 }}
                value={view.centerId ?? ''}
                onChange={(v: string) => set({ center: v || undefined })}
                options={[{ value: '', label: t('rankings.allCenters') }, ...(centers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))]}
              />
            </Form.Item>
          )}
          {kind === 'institution' && (
            <Form.Item label={t('rankings.level')} htmlFor="rankings-level">
              <Select
                id="rankings-level"
                style={{ width: 110 }}
                value={data?.level ?? view.level}
                onChange={(v: RankingLevel) => set({ level: v })}
                options={LEVELS.map((l) => ({ value: l, label: t(`rankings.levels.${l}`) }))}
                data-testid="rankings-level"
              />
            </Form.Item>
          )}
          <Form.Item label={t('rankings.min')} htmlFor="rankings-min">
            <InputNumber id="rankings-min" min={regulator ? 5 : 1} max={1000} precision={0} style={{ width: 80 }} value={min} onChange={(v) => v && v >= (regulator ? 5 : 1) && set({ min: String(v) })} data-testid="rankings-min" />
          </Form.Item>
          <Form.Item label={t('rankings.top')} htmlFor="rankings-top">
            <InputNumber id="rankings-top" min={1} max={50} precision={0} style={{ width: 70 }} value={data?.top ?? view.top ?? 5} onChange={(v) => v && set({ top: String(v) })} />
          </Form.Item>
        </Form>
        <Space wrap size={[16, 4]} style={{ marginTop: 8 }}>
          {data && (
            <Typography.Text type="secondary">
              {data.unit === 'branch' && data.root ? t('rankings.scope.branch', { name: data.root.name, level: t(`rankings.levels.${data.level}`) }) : t('rankings.scope.institution')} · {t('rankings.ranked', { n: data.rankedCount })} ·{' '}
              {t('rankings.previous', { from: data.previousFrom, to: data.previousTo })}
            </Typography.Text>
          )}
        </Space>
        <Typography.Paragraph style={{ margin: '8px 0 0' }} data-testid="rankings-formula">
          {t('rankings.formula')}
        </Typography.Paragraph>
      </Card>
      <ProblemAlert error={list.error} />
      {data && data.rankedCount === 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('rankings.noneRanked', { min: data.minConcluded })}
          action={
            data.unranked.some((u) => (u.concluded ?? 0) > 0) ? (
              <LowerMin unranked={data.unranked.map((u) => u.concluded)} floor={regulator ? 5 : 1} current={data.minConcluded} onPick={(n) => set({ min: String(n) })} label={(n) => t('rankings.lowerMin', { min: n })} />
            ) : undefined
          }
          data-testid="rankings-none"
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          {board('red')}
        </Col>
        <Col xs={24} xl={12}>
          {board('black')}
        </Col>
      </Row>
      {data && data.unranked.length > 0 && (
        <Card size="small" title={t('rankings.unranked', { min: data.minConcluded })} data-testid="rankings-unranked">
          <Space wrap>
            {data.unranked.map((u) => (
              <Tag key={u.id}>
                {u.name}（{t('rankings.unrankedCount', { n: u.concluded ?? withheld })}）
              </Tag>
            ))}
          </Space>
        </Card>
      )}
      <Card size="small" title={t('rankings.definitions')} data-testid="rankings-definitions">
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {RANKING_DEFINITIONS.filter((d) => d.key !== 'privacy' || data?.suppressBelow).map((d) => (
            <li key={d.key}>
              <Typography.Text type="secondary">{english ? d.en : d.zh}</Typography.Text>
            </li>
          ))}
        </ul>
      </Card>
    </Space>
  );
}

function Change({ entry }: { entry: RankingEntry }) {
  const { t } = useTranslation();
  if (entry.change === null) return <Tag color="blue">{t('rankings.changeNew')}</Tag>;
  if (entry.change === 0)
    return (
      <Tooltip title={t('rankings.changeSame')}>
        <MinusOutlined aria-label={t('rankings.changeSame')} style={{ color: '#8c8c8c' }} />
      </Tooltip>
    );
  const up = entry.change > 0;
  const label = t(up ? 'rankings.changeUp' : 'rankings.changeDown', { n: Math.abs(entry.change) });
  return (
    <Tooltip title={label}>
      <span aria-label={label} style={{ color: up ? '#237804' : '#cf1322', whiteSpace: 'nowrap' }}>
        {up ? <ArrowUpOutlined /> : <ArrowDownOutlined />}
        {Math.abs(entry.change)}
      </span>
    </Tooltip>
  );
}

/** When nothing is ranked: a lower minimum that would rank at least two units (or one), never below the floor. */
function LowerMin({ unranked, floor, current, onPick, label }: { unranked: (number | null)[]; floor: number; current: number; onPick: (n: number) => void; label: (n: number) => string }) {
  const counts = unranked.filter((n): n is number => n !== null && n >= floor).sort((a, b) => b - a);
  const pick = counts[1] ?? counts[0];
  if (pick === undefined || pick >= current) return null;
  return (
    <Button size="small" onClick={() => onPick(pick)} data-testid="rankings-lower-min">
      {label(pick)}
    </Button>
  );
}
