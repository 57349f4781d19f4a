import { App, Card, Radio, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/organisations';
import { ME_KEY, useCurrentUser } from '../../auth/AuthContext';
import { ProblemAlert } from '../ProblemAlert';

/** The language of the user's notification e-mails (the portal's own language is the switch in the header). */
export function EmailLanguage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (language: 'zh-CN' | 'en') => authApi.setLanguage(language),
    onSuccess: (profile) => {
      queryClient.setQueryData(ME_KEY, profile);
      void message.success(t('security.languageSaved'));
    },
  });
  return (
    <Card title={t('security.languageTitle')} data-testid="email-language-card">
      <Typography.Paragraph type="secondary" id="email-language-hint">
        {t('security.languageHint')}
      </Typography.Paragraph>
      <ProblemAlert error={save.error} />
      <Radio.Group
        value={save.isPending ? save.variables : me.language}
        disabled={save.isPending}
        onChange={(e) => save.mutate(e.target.value as 'zh-CN' | 'en')}
        aria-label={t('security.languageTitle')}
        aria-describedby="email-language-hint"
        options={[
          { value: 'zh-CN', label: '中文' },
          { value: 'en', label: 'English' },
        ]}
        data-testid="email-language"
      />
    </Card>
  );
}
