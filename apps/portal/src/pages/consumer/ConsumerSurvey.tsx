import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Rate, Result, Spin, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ConsumerAccess } from '../../api/consumer';
import { ApiError } from '../../api/http';
import { outcomesApi, type ConsumerSurveyView } from '../../api/outcomes';
import { errorMessage } from '../../lib/errors';

const code = (err: unknown) => (err instanceof ApiError ? err.problem.code : undefined);

interface SurveyValues {
  satisfaction: number;
  comment?: string;
}

function Answered({ view }: { view: ConsumerSurveyView }) {
  const { t } = useTranslation();
  return (
    <Card data-testid="survey-thanks">
      <Result
        status="success"
        title={t('consumerSurvey.thanks')}
        subTitle={t('consumerSurvey.thanksText')}
        style={{ padding: '16px 0' }}
        extra={
          <Flex vertical gap={8} align="center">
            <Rate disabled value={view.satisfaction ?? 0} />
            <Typography.Text data-testid="survey-answered-score">{t('consumerSurvey.yourScore', { n: view.satisfaction })}</Typography.Text>
            {view.comment ? (
              <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="survey-answered-comment">
                “{view.comment}”
              </Typography.Paragraph>
            ) : null}
          </Flex>
        }
      />
    </Card>
  );
}

function SurveyForm({ view, pending, problem, onSubmit }: { view: ConsumerSurveyView; pending: boolean; problem: string | null; onSubmit: (v: SurveyValues) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SurveyValues>();
  const score = Form.useWatch('satisfaction', form);
  return (
    <Card title={t('consumerSurvey.title')} data-testid="survey-form">
      <Typography.Paragraph>{t('consumerSurvey.intro', { caseNumber: view.caseNumber, center: view.centerName })}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" data-testid="survey-case">
        {t('consumerSurvey.caseLine', { caseNumber: view.caseNumber })}
        <br />
        {t('consumerSurvey.mediatorLine', { name: view.mediatorName ?? '—' })}
        <br />
        {t('consumerSurvey.outcomeLine', { outcome: t(`outcomes.kind.${view.outcome}`) })}
      </Typography.Paragraph>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} data-testid="survey-problem" /> : null}
      <Form<SurveyValues> form={form} layout="vertical" onFinish={onSubmit} disabled={pending}>
        <Form.Item
          name="satisfaction"
          label={t('consumerSurvey.question')}
          rules={[{ required: true, message: t('consumerSurvey.pickScore') }]}
          extra={score ? t(`consumerSurvey.scale.${score}`) : t('consumerSurvey.scaleHint')}
        >
          <Rate style={{ fontSize: 36 }} data-testid="survey-rate" />
        </Form.Item>
        <Form.Item name="comment" label={t('consumerSurvey.comment')}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('consumerSurvey.commentPlaceholder')} data-testid="survey-comment" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={pending} data-testid="survey-submit">
          {t('consumerSurvey.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** /c/:token for a follow-up survey (回访): how satisfied the consumer is, 1–5, and a comment, once. */
export function ConsumerSurvey({
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
  const key = ['consumer-survey', access.accessToken] as const;
  const survey = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => outcomesApi.survey(access.accessToken, signal),
    retry: (n, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && n < 2,
  });
  useEffect(() => {
    if (survey.isError && (code(survey.error) === 'CONSUMER_ACCESS_INVALID' || (survey.error as ApiError).status === 401)) onAccessLost();
  }, [survey.isError, survey.error]);

  const answer = useMutation({
    mutationFn: (v: SurveyValues) => outcomesApi.answerSurvey(access.accessToken, v.satisfaction, v.comment?.trim()),
    onMutate: () => setProblem(null),
    onSuccess: (view) => queryClient.setQueryData(key, view),
    onError: (err) => {
      if (code(err) === 'CONSUMER_ACCESS_INVALID') return onAccessLost();
      // answered already (another tab): show what was answered
      if (code(err) === 'FOLLOW_UP_ANSWERED') return void queryClient.invalidateQueries({ queryKey: key });
      setProblem(errorMessage(err, t));
    },
  });

  return (
    <Shell centerName={survey.data?.centerName}>
      {survey.isPending ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin size="large" />
        </Flex>
      ) : survey.isError ? (
        <Card>
          <Alert type="error" showIcon role="alert" title={errorMessage(survey.error, t)} data-testid="consumer-error" />
          <Button block size="large" style={{ marginTop: 16 }} onClick={() => void survey.refetch()}>
            {t('common.retry')}
          </Button>
        </Card>
      ) : survey.data.answeredAt ? (
        <Answered view={survey.data} />
      ) : (
        <SurveyForm view={survey.data} pending={answer.isPending} problem={problem} onSubmit={(v) => answer.mutate(v)} />
      )}
    </Shell>
  );
}
