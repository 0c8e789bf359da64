import type { ReactNode } from 'react';

interface CardProps {
  title?: ReactNode;
  /** Heading level of the title, to keep headings in order on each page. */
  level?: 2 | 3;
  titleId?: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

export function Card({ title, level = 2, titleId, actions, children, className }: CardProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section
      className={['card', className].filter(Boolean).join(' ')}
      aria-labelledby={title ? titleId : undefined}
    >
      {title ? (
        <div className="card__header">
          <Heading id={titleId} className="card__title">
            {title}
          </Heading>
          {actions ? <div className="card__actions">{actions}</div> : null}
        </div>
      ) : null}
      {children}
    </section>
  );
}
