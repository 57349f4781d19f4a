import { App, Button, Card, Descriptions, Rate, Tag, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { caseKeys } from '../../api/cases';
import { outcomeKeys, outcomesApi, type FollowUpView } from '../../api/outcomes';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';

/** 回访: the survey sent to the consumer after the case concluded, and what they answered. */
export function FollowUpCard({ caseId, view }: { caseId: string; view: FollowUpView | null }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const resend = useMutation({
    mutationFn: () => outcomesApi.resendFollowUp(caseId),
    onSuccess: (saved) => {
      void message.success(t('followUp.sent'));
      queryClient.setQueryData(outcomeKeys.followUp(caseId), saved);
      // the outcome says whether a survey exists; it does now
      void queryClient.invalidateQueries({ queryKey: outcomeKeys.outcome(caseId) });
      void queryClient.invalidateQueries({ queryKey: caseKeys.timeline(caseId) });
      void queryClient.invalidateQueries({ queryKey: outcomeKeys.followUps });
    },
    onError: (err) => void message.error(errorMessage(err, t)),
  });
  const answered = Boolean(view?.answeredAt);

  return (
    <Card
      title={t('followUp.title')}
      data-testid="follow-up-card"
      extra={
        answered ? null : (
          <Button size="small" icon={<SendOutlined />} loading={resend.isPending} onClick={() => resend.mutate()} data-testid="follow-up-resend">
            {view ? t('followUp.resend') : t('followUp.send')}
          </Button>
        )
      }
    >
      {view ? (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'sent', label: t('followUp.sentAt'), children: formatDateTime(view.sentAt, i18n.language) },
            {
              key: 'answered',
              label: t('followUp.answeredAt'),
              children: answered ? formatDateTime(view.answeredAt, i18n.language) : <Tag data-testid="follow-up-waiting">{t('followUp.notAnswered')}</Tag>,
            },
            ...(answered
              ? [
                  {
                    key: 'satisfaction',
                    label: t('followUp.satisfaction'),
                    children: (
                      <span data-testid="follow-up-satisfaction" data-value={view.satisfaction ?? ''}>
                        <Rate disabled value={view.satisfaction ?? 0} /> {t('followUp.score', { n: view.satisfaction })}
                      </span>
                    ),
                  },
                  { key: 'comment', label: t('followUp.comment'), span: 'filled' as const, children: <span data-testid="follow-up-comment">{view.comment || '—'}</span> },
                ]
              : []),
          ]}
        />
      ) : (
        <Typography.Text type="secondary" data-testid="follow-up-none">
          {t('followUp.notSent')}
        </Typography.Text>
      )}
    </Card>
  );
}
