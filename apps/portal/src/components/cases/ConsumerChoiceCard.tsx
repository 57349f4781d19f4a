import { App, Card, Flex, Switch, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { caseSettingsApi } from '../../api/cases';
import { errorMessage } from '../../lib/errors';

/** The center admin's switch: consumers pick their mediator on their consent link (2025 joint opinion). */
export function ConsumerChoiceCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: caseSettingsApi.key, queryFn: ({ signal }) => caseSettingsApi.get(signal) });
  const save = useMutation({
    mutationFn: (enabled: boolean) => caseSettingsApi.saveConsumerChoice(enabled),
    onSuccess: (data) => {
      queryClient.setQueryData(caseSettingsApi.key, data);
      void message.success(t('consent.consumerChoiceSaved'));
    },
    onError: (err) => void message.error(errorMessage(err, t)),
  });
  return (
    <Card title={t('consent.consumerChoiceTitle')} loading={settings.isPending} data-testid="consumer-choice-card">
      <Typography.Paragraph type="secondary">{t('consent.consumerChoiceIntro')}</Typography.Paragraph>
      <Flex gap={12} align="center">
        <Switch
          checked={settings.data?.consumerChoosesMediator ?? false}
          loading={save.isPending}
          onChange={(v) => save.mutate(v)}
          aria-label={t('consent.consumerChoiceSwitch')}
          data-testid="consumer-choice-switch"
        />
        <Typography.Text>{t('consent.consumerChoiceSwitch')}</Typography.Text>
      </Flex>
    </Card>
  );
}
