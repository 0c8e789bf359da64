import type { ReactNode } from 'react';
import { PageTitle } from './page-title.tsx';

interface MessagePageProps {
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  tone?: 'neutral' | 'warning';
}

/** A page that only says something: not found, forbidden, handled elsewhere. */
export function MessagePage({ title, children, actions, tone = 'neutral' }: MessagePageProps) {
  return (
    <div className={`message-page message-page--${tone}`}>
      <PageTitle title={title} />
      <h1 className="message-page__title">{title}</h1>
      {children ? <div className="message-page__body">{children}</div> : null}
      {actions ? <div className="message-page__actions">{actions}</div> : null}
    </div>
  );
}
