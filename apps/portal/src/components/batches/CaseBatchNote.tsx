import { Alert } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { batchesApi, batchKeys } from '../../api/batches';

/** The batch of similar cases this case is in (center staff only; nothing when none). */
export function CaseBatchNote({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: batchKeys.ofCase(caseId), queryFn: ({ signal }) => batchesApi.ofCase(caseId, signal) });
  const batch = q.data?.batch;
  if (!batch) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="case-batch"
      title={
        <>
          {t('batches.caseBatch')}：<Link to={`/batches/${batch.id}`}>{t('batches.caseBatchText', { label: batch.label, lead: batch.leadMediatorName, cases: batch.cases })}</Link>
        </>
      }
    />
  );
}
