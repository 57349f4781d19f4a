import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Input, Result, Spin, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ConsumerAccess } from '../../api/consumer';
import { extensionKeys, extensionsApi, type ConsumerExtensionView } from '../../api/extensions';
import { ApiError } from '../../api/http';
import { errorMessage } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';

const code = (err: unknown) => (err instanceof ApiError ? err.problem.code : undefined);

function Answered({ view }: { view: ConsumerExtensionView }) {
  const { t } = useTranslation();
  const agreed = view.yourAnswer === 'agreed';
  return (
    <Card data-testid="extension-answered">
      <Result
        status={agreed ? 'success' : 'info'}
        title={t(agreed ? 'consumerExtension.agreedTitle' : 'consumerExtension.declinedTitle')}
        subTitle={
          <>
            {view.answeredAt ? t('consumerExtension.answeredAt', { at: formatDateTime(view.answeredAt) }) : null}
            <br />
            <span data-testid="extension-outcome">
              {view.status === 'agreed' ? t('consumerExtension.nowExtended', { to: formatDate(view.newDueOn) }) : agreed && view.status === 'pending' ? t('consumerExtension.waitingBank') : null}
            </span>
          </>
        }
        style={{ padding: '16px 0' }}
      />
    </Card>
  );
}

/** /c/:token for an extension of the mediation (延长调解期限): the consumer reads the proposal and agrees or not, once. */
export function ConsumerExtension({
  access,
  onAccessLost,
  Shell,
}: {
  access: ConsumerAccess;
  onAccessLost: () => void;
  Shell: ComponentType<{ children: ReactNode; centerName?: string }>;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const key = extensionKeys.consumer(access.accessToken);
  const view = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => extensionsApi.consumerView(access.accessToken, signal),
    retry: (n, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && n < 2,
  });
  useEffect(() => {
    if (view.isError && (code(view.error) === 'CONSUMER_ACCESS_INVALID' || (view.error as ApiError).status === 401)) onAccessLost();
  }, [view.isError, view.error]);

  const answer = useMutation({
    mutationFn: (a: 'agreed' | 'declined') => extensionsApi.consumerAnswer(access.accessToken, { answer: a, note: a === 'declined' ? note.trim() || undefined : undefined }),
    onMutate: () => setProblem(null),
    onSuccess: (v) => queryClient.setQueryData(key, v),
    onError: (err) => {
      if (code(err) === 'CONSUMER_ACCESS_INVALID') return onAccessLost();
      setProblem(errorMessage(err, t));
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });

  const v = view.data;
  return (
    <Shell centerName={v?.centerName}>
      {view.isPending ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin size="large" />
        </Flex>
      ) : view.isError ? (
        <Card>
          <Alert type="error" showIcon role="alert" title={errorMessage(view.error, t)} data-testid="consumer-error" />
          <Button block size="large" style={{ marginTop: 16 }} onClick={() => void view.refetch()}>
            {t('common.retry')}
          </Button>
        </Card>
      ) : v!.yourAnswer ? (
        <Answered view={v!} />
      ) : (
        <Card title={t('consumerExtension.title')} data-testid="extension-form">
          <Typography.Paragraph>{t('consumerExtension.intro', { center: v!.centerName, institution: v!.institutionName, caseNumber: v!.caseNumber })}</Typography.Paragraph>
          <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('extension.days')}>
              <Typography.Text strong data-testid="extension-days-line">
                {t('consumerExtension.daysLine', { days: v!.days, from: formatDate(v!.previousDueOn), to: formatDate(v!.newDueOn) })}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('consumerExtension.reason')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{v!.reason}</span>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary">{t('consumerExtension.explain')}</Typography.Paragraph>
          {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} data-testid="extension-problem" /> : null}
          {v!.status !== 'pending' ? (
            <Alert type="info" showIcon title={t('consumerExtension.closed', { state: t(`extension.state.${v!.status}`) })} data-testid="extension-closed" />
          ) : (
            <Flex vertical gap={12}>
              <Button type="primary" size="large" block loading={answer.isPending && answer.variables === 'agreed'} onClick={() => answer.mutate('agreed')} data-testid="extension-consumer-agree">
                {t('consumerExtension.agree')}
              </Button>
              <Input.TextArea rows={2} maxLength={300} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('consumerExtension.note')} />
              <Button size="large" block danger loading={answer.isPending && answer.variables === 'declined'} onClick={() => answer.mutate('declined')} data-testid="extension-consumer-decline">
                {t('consumerExtension.decline')}
              </Button>
            </Flex>
          )}
        </Card>
      )}
    </Shell>
  );
}
