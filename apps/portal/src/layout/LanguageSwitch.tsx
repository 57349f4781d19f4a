import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLocale, setLocale, type Locale } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value = i18n.language === 'en' ? 'en' : currentLocale();
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('lang.label')}
      data-testid="lang-switch"
      value={value}
      onChange={(v) => setLocale(v)}
      options={[
        { label: <span data-testid="lang-zh-CN">{t('lang.zh')}</span>, value: 'zh-CN' },
        { label: <span data-testid="lang-en">{t('lang.en')}</span>, value: 'en' },
      ]}
    />
  );
}
