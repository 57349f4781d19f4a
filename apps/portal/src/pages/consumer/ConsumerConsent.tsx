import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Radio, Result, Spin, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CONSENT_DECLINE_REASONS, type ConsentDeclineReason } from '@accord/contracts';
import type { ConsumerAccess } from '../../api/consumer';
import { consentApi, consentKeys, type ConsumerConsentView } from '../../api/consent';
import { ApiError } from '../../api/http';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';

const code = (err: unknown) => (err instanceof ApiError ? err.problem.code : undefined);

/** After the answer (or when there is nothing left to answer): what happens now. */
function Outcome({ view }: { view: ConsumerConsentView }) {
  const { t } = useTranslation();
  const given = view.state === 'given';
  return (
    <Card data-testid="consent-outcome" data-state={view.state}>
      <Result
        status={given ? 'success' : view.state === 'declined' ? 'info' : 'warning'}
        title={t(`consent.${view.state === 'awaiting' ? 'expired' : view.state}Title`)}
        subTitle={t(`consent.${view.state === 'awaiting' ? 'expired' : view.state}Text`, { center: view.centerName })}
        style={{ padding: '16px 0' }}
      />
    </Card>
  );
}

function DeclineForm({ pending, onBack, onDecline }: { pending: boolean; onBack: () => void; onDecline: (reason: ConsentDeclineReason | undefined, note: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason?: ConsentDeclineReason; note?: string }>();
  return (
    <Card title={t('consent.disagreeTitle')} data-testid="consent-decline-form">
      <Typography.Paragraph type="secondary">{t('consent.disagreeIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => onDecline(v.reason, v.note?.trim() ?? '')} disabled={pending}>
        <Form.Item name="reason">
          <Radio.Group>
            <Flex vertical gap={8}>
              {CONSENT_DECLINE_REASONS.map((r) => (
                <Radio key={r} value={r} data-testid={`consent-reason-${r}`}>
                  {t(`consent.declineReason.${r}`)}
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="note" label={t('consent.disagreeNote')}>
          <Input.TextArea rows={3} maxLength={300} showCount />
        </Form.Item>
        <Flex vertical gap={8}>
          <Button danger type="primary" htmlType="submit" size="large" block loading={pending} data-testid="consent-decline-confirm">
            {t('consent.disagreeConfirm')}
          </Button>
          <Button size="large" block onClick={onBack}>
            {t('consent.back')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

/**
 * /c/:token for a consent link: the exact text (in the reader's language, its hash sent back with
 * the answer, so a text changed meanwhile is refused), then "I agree" or "I do not agree" with
 * an optional reason. Big buttons for a phone; nothing else on the page.
 */
export function ConsumerConsent({
  access,
  onAccessLost,
  Shell,
}: {
  access: ConsumerAccess;
  onAccessLost: () => void;
  Shell: ComponentType<{ children: ReactNode; centerName?: string }>;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const lang: 'zh' | 'en' = i18n.language.startsWith('en') ? 'en' : 'zh';
  const key = consentKeys.consumer(access.accessToken, lang);
  const [declining, setDeclining] = useState(false);
  const [mediatorId, setMediatorId] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const view = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => consentApi.consumerView(access.accessToken, lang, signal),
    retry: (n, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && n < 2,
  });
  useEffect(() => {
    if (view.isError && code(view.error) === 'CONSUMER_ACCESS_INVALID') onAccessLost();
  }, [view.isError, view.error]);

  const answer = useMutation({
    mutationFn: (a: { answer: 'given' | 'declined'; reason?: ConsentDeclineReason; note?: string }) =>
      consentApi.answer(access.accessToken, {
        answer: a.answer,
        language: lang,
        textSha256: view.data!.textSha256,
        declineReason: a.reason,
        declineNote: a.note || undefined,
        mediatorId: a.answer === 'given' ? mediatorId : undefined,
      }),
    onMutate: () => setProblem(null),
    onSuccess: (v) => queryClient.setQueryData(key, v),
    onError: (err) => {
      if (code(err) === 'CONSUMER_ACCESS_INVALID') return onAccessLost();
      // Answered elsewhere, or the text changed: show the current state / text.
      void queryClient.invalidateQueries({ queryKey: key });
      setProblem(errorMessage(err, t));
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
      ) : v!.state !== 'awaiting' || Date.parse(v!.expiresAt) <= Date.now() ? (
        <Outcome view={v!} />
      ) : declining ? (
        <DeclineForm
          pending={answer.isPending}
          onBack={() => setDeclining(false)}
          onDecline={(reason, note) => answer.mutate({ answer: 'declined', reason, note })}
        />
      ) : (
        <Card title={t('consent.consumerTitle')} data-testid="consent-text">
          <Typography.Paragraph type="secondary">{t('consent.consumerIntro')}</Typography.Paragraph>
          {v!.paragraphs.map((p, i) => (
            <Typography.Paragraph key={i} style={{ fontSize: 16, lineHeight: 1.7 }}>
              {p}
            </Typography.Paragraph>
          ))}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('consent.validUntil', { at: formatDateTime(v!.expiresAt) })} · {t('consent.textVersion', { version: v!.textVersion })}
          </Typography.Paragraph>
          {v!.mediatorChoices.length ? (
            <div data-testid="consent-mediators" style={{ marginBottom: 16 }}>
              <Typography.Paragraph strong style={{ marginBottom: 4 }}>
                {t('consent.chooseMediator')}
              </Typography.Paragraph>
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                {t('consent.chooseMediatorHelp')}
              </Typography.Paragraph>
              <Radio.Group value={mediatorId ?? ''} onChange={(e) => setMediatorId((e.target.value as string) || undefined)}>
                <Flex vertical gap={8}>
                  <Radio value="">{t('consent.noPreference')}</Radio>
                  {v!.mediatorChoices.map((m) => (
                    <Radio key={m.mediatorId} value={m.mediatorId} data-testid="consent-mediator">
                      {m.name}
                      {m.expertise.length ? (
                        <Typography.Text type="secondary"> · {m.expertise.map((e) => t(`businessLine.${e}`)).join('、')}</Typography.Text>
                      ) : null}
                    </Radio>
                  ))}
                </Flex>
              </Radio.Group>
            </div>
          ) : null}
          {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} data-testid="consent-problem" /> : null}
          <Flex vertical gap={12}>
            <Button type="primary" size="large" block loading={answer.isPending} onClick={() => answer.mutate({ answer: 'given' })} data-testid="consent-agree">
              {t('consent.agree')}
            </Button>
            <Button size="large" block disabled={answer.isPending} onClick={() => setDeclining(true)} data-testid="consent-disagree">
              {t('consent.disagree')}
            </Button>
          </Flex>
        </Card>
      )}
    </Shell>
  );
}
