import type { ReactNode } from 'react';

export type BadgeTone =
  'neutral' | 'info' | 'progress' | 'warning' | 'success' | 'danger' | 'muted';

export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}
