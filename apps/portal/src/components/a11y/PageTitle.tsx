import { createContext, useContext, useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { VISUALLY_HIDDEN } from './LiveStatus';

/** Set by a page that shows its own title (PageHeading): the layout then writes no h1 of its own. */
const OwnHeading = createContext<(own: boolean) => void>(() => undefined);

/**
 * The page's one <h1> (axe: page-has-heading-one) and the browser tab's title, from the route:
 * the portal's layout renders it for every staff page, so a page need not write one. The h1 is
 * for screen readers (the visible titles are Card titles and h2s below it); a page whose visible
 * title is the page's name shows it with PageHeading, which takes the h1's place.
 */
export function PageTitle({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const [own, setOwn] = useState(false);
  useEffect(() => {
    document.title = `${title} · ${t('app.shortName')}`;
  }, [title, t]);
  return (
    <OwnHeading.Provider value={setOwn}>
      {own ? null : (
        <h1 style={VISUALLY_HIDDEN} data-testid="page-title">
          {title}
        </h1>
      )}
      {children}
    </OwnHeading.Provider>
  );
}

/** A page's visible title as its h1 (in the size of the portal's section titles). */
export function PageHeading({ children, style, testId }: { children: ReactNode; style?: CSSProperties; testId?: string }) {
  const setOwn = useContext(OwnHeading);
  useEffect(() => {
    setOwn(true);
    return () => setOwn(false);
  }, [setOwn]);
  return (
    <Typography.Title level={1} style={{ fontSize: 24, margin: 0, ...style }} data-testid={testId}>
      {children}
    </Typography.Title>
  );
}
