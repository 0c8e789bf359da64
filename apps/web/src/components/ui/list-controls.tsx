import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './button.tsx';
import './list-controls.css';

/**
 * A list's filters and tools. Wide screens show them; under 720 px they fold behind
 * « Filtres » (a disclosure, with the number of criteria set), so that the list's first
 * entries are on the screen without scrolling.
 */
export function ListControls({
  activeCount,
  children,
}: {
  /** How many criteria are set (shown on the button, folded or not). */
  activeCount: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const panelId = useId();
  const [isOpen, setIsOpen] = useState(false);
  return (
    <div className="list-controls">
      <Button
        className="list-controls__toggle"
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setIsOpen(!isOpen)}
      >
        {activeCount > 0
          ? t('common.listControls.filtersSet', { count: activeCount })
          : t('common.listControls.filters')}
      </Button>
      <div
        id={panelId}
        className={
          isOpen ? 'list-controls__panel list-controls__panel--open' : 'list-controls__panel'
        }
      >
        {children}
      </div>
    </div>
  );
}
