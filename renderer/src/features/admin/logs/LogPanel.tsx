import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PanelHead } from '../PanelHead';
import type { PageOf, Pages } from '../use-pages';
import { PagedList } from './PagedList';

/** A log the office writes as things happen: newest first, refreshed on demand, paged. */
export function LogPanel<P extends PageOf>({
  title,
  pages,
  empty,
  children,
}: {
  title: string;
  pages: Pages<P>;
  empty: string;
  children: (items: P['items']) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PanelHead title={title}>
        <button className="button" type="button" onClick={pages.reload}>
          {t('admin.logs.refresh')}
        </button>
      </PanelHead>
      <PagedList pages={pages} empty={<p>{empty}</p>}>
        {children}
      </PagedList>
    </div>
  );
}
