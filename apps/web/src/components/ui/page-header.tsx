import type { ReactNode } from 'react';
import { PageTitle } from './page-title.tsx';

interface PageHeaderProps {
  title: string;
  /** The browser tab's title, when it says more than the heading (the month shown…). */
  documentTitle?: string;
  subtitle?: ReactNode;
  /** The page's buttons, beside the title. */
  actions?: ReactNode;
}

/** A page's heading: its `<h1>`, what it is about, its actions, and the tab's title. */
export function PageHeader({ title, documentTitle, subtitle, actions }: PageHeaderProps) {
  return (
    <>
      <PageTitle title={documentTitle ?? title} />
      <div className="page__header">
        <div>
          <h1 className="page__title">{title}</h1>
          {subtitle ? <p className="page__subtitle">{subtitle}</p> : null}
        </div>
        {actions}
      </div>
    </>
  );
}
