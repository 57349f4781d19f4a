import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { VISUALLY_HIDDEN } from './LiveStatus';

/**
 * The page's one <h1> (axe: page-has-heading-one) and the browser tab's title. The portal's
 * layout renders it for every staff page from the route, so no page writes its own; the
 * visible titles stay as they are (Card and section titles), the h1 is read by screen readers.
 */
export function PageTitle({ title }: { title: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.shortName')}`;
  }, [title, t]);
  return (
    <h1 style={VISUALLY_HIDDEN} data-testid="page-title">
      {title}
    </h1>
  );
}
