import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WarningMetric, WarningView } from '@accord/contracts';

/** What a warning measures (调解申请 / 超时限率), the same on the warnings page and the console's 最新预警. */
export function MetricTag({ metric }: { metric: WarningMetric }) {
  const { t } = useTranslation();
  return <Tag color={metric === 'breaches' ? 'volcano' : 'geekblue'}>{t(`warnings.metrics.${metric}`)}</Tag>;
}

/** A breach rate as a percentage with one decimal ("66.7%"). */
export const breachRate = (w: Pick<WarningView, 'observed' | 'concluded'>) => (w.concluded ? `${((w.observed / w.concluded) * 100).toFixed(1)}%` : '—');

/** Referrals: the count; breaches: breached / concluded and the rate. */
export function ObservedText({ w }: { w: Pick<WarningView, 'metric' | 'observed' | 'concluded'> }) {
  const { t } = useTranslation();
  if (w.metric !== 'breaches') return <>{w.observed}</>;
  return <>{t('warnings.ofConcluded', { observed: w.observed, concluded: w.concluded ?? '—', rate: breachRate(w) })}</>;
}
