import type { ReactNode } from 'react';

export type NoticeTone = 'info' | 'warning' | 'success' | 'error';

interface NoticeProps {
  tone?: NoticeTone;
  title?: ReactNode;
  children?: ReactNode;
  /** Announce it when it appears (status for news, alert for errors). */
  isLive?: boolean;
  className?: string;
}

export function Notice({ tone = 'info', title, children, isLive = false, className }: NoticeProps) {
  const role = isLive ? (tone === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div className={['notice', `notice--${tone}`, className].filter(Boolean).join(' ')} role={role}>
      {title ? <p className="notice__title">{title}</p> : null}
      {children ? <div className="notice__body">{children}</div> : null}
    </div>
  );
}
