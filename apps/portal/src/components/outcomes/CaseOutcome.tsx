import { useState } from 'react';
import { Button, Card, Flex, Spin, Typography } from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@accord/contracts';
import { ApiError } from '../../api/http';
import { outcomeKeys, outcomesApi } from '../../api/outcomes';
import { useCurrentUser } from '../../auth/AuthContext';
import { ProblemAlert } from '../ProblemAlert';
import { FollowUpCard } from './FollowUpCard';
import { JudicialConfirmationCard } from './JudicialConfirmationCard';
import { OutcomeCard } from './OutcomeCard';
import { RecordOutcomeModal } from './RecordOutcomeModal';

const CENTER_WORKERS = ['center_admin', 'intake_officer', 'mediator'];
const notFound = (err: unknown) => err instanceof ApiError && err.status === 404;
/** A 404 here means "not there yet" (no agreement signed, no survey sent): not worth retrying. */
const retryUnless404 = (n: number, err: unknown) => !notFound(err) && n < 2;

/**
 * The end of a mediation on the case page: the mediator records the outcome; then the outcome
 * with its obligations, the judicial-confirmation window and the follow-up survey. Every query
 * sits under ['case', id], so a 'case.updated' event refreshes them all.
 */
export function CaseOutcome({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [recording, setRecording] = useState(false);
  const center = me.organisation.kind === 'center' && me.roles.some((r) => CENTER_WORKERS.includes(r));
  const mayRecord = c.allowedActions.includes('record_outcome');
  const concluded = c.outcome !== null;

  const outcome = useQuery({
    queryKey: outcomeKeys.outcome(c.id),
    queryFn: ({ signal }) => outcomesApi.get(c.id, signal),
    enabled: concluded,
    retry: retryUnless404,
  });
  const judicial = useQuery({
    queryKey: outcomeKeys.judicial(c.id),
    queryFn: ({ signal }) => outcomesApi.judicial(c.id, signal),
    // asked for only once the window exists (the agreement took effect): never a known 404
    enabled: c.outcome === 'settled' && center && outcome.data?.judicialWindow === true,
    retry: retryUnless404,
  });
  const followUp = useQuery({
    queryKey: outcomeKeys.followUp(c.id),
    queryFn: ({ signal }) => outcomesApi.followUp(c.id, signal),
    enabled: concluded && center && outcome.data?.followUp === true,
    retry: retryUnless404,
  });

  if (!concluded && !mayRecord) return null;

  return (
    <Flex vertical gap={24} data-testid="case-outcome">
      {!concluded ? (
        <Card title={t('outcomes.cardTitle')} data-testid="outcome-pending">
          <Flex align="center" justify="space-between" gap={12} wrap>
            <Typography.Text type="secondary">{t('outcomes.notYet')}</Typography.Text>
            <Button type="primary" icon={<FlagOutlined />} onClick={() => setRecording(true)} data-testid="outcome-record">
              {t('outcomes.record')}
            </Button>
          </Flex>
        </Card>
      ) : outcome.data ? (
        <OutcomeCard caseId={c.id} status={c.status} view={outcome.data} />
      ) : outcome.isPending ? (
        <Card title={t('outcomes.cardTitle')}>
          <Spin />
        </Card>
      ) : (
        <ProblemAlert error={outcome.error} />
      )}
      {judicial.data ? <JudicialConfirmationCard caseId={c.id} view={judicial.data} editable={center} /> : null}
      {judicial.isError && !notFound(judicial.error) ? <ProblemAlert error={judicial.error} /> : null}
      {concluded && center && outcome.data && (followUp.data || !outcome.data.followUp || notFound(followUp.error)) ? (
        <FollowUpCard caseId={c.id} view={followUp.data ?? null} />
      ) : null}
      {followUp.isError && !notFound(followUp.error) ? <ProblemAlert error={followUp.error} /> : null}
      {mayRecord ? <RecordOutcomeModal caseId={c.id} status={c.status} open={recording} onClose={() => setRecording(false)} /> : null}
    </Flex>
  );
}
