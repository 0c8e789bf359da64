import type { ReactNode } from 'react';
import { ButtonLink } from './button.tsx';
import { PageTitle } from './page-title.tsx';

interface MessagePageProps {
  title: string;
  /** What it says, in one paragraph (or `children` for more). */
  text?: string | null;
  children?: ReactNode;
  /** The one way on: a link shown as a button. */
  link?: { to: string; label: string };
  actions?: ReactNode;
  tone?: 'neutral' | 'warning';
}

/** A page that only says something: not found, forbidden, handled elsewhere. */
export function MessagePage({
  title,
  text,
  children,
  link,
  actions,
  tone = 'neutral',
}: MessagePageProps) {
  const body = text ? <p>{text}</p> : children;
  const shownActions = link ? <ButtonLink to={link.to}>{link.label}</ButtonLink> : actions;
  return (
    <div className={`message-page message-page--${tone}`}>
      <PageTitle title={title} />
      <h1 className="message-page__title">{title}</h1>
      {body ? <div className="message-page__body">{body}</div> : null}
      {shownActions ? <div className="message-page__actions">{shownActions}</div> : null}
    </div>
  );
}
