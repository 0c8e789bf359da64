import { useId, useRef, useState } from 'react';
import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import './header-menu.css';

/**
 * The top bar of both sides: the brand, then the navigation and the tools. Under 720 px the
 * navigation and the tools fold behind a « Menu » button (a disclosure: Escape closes it and
 * gives the focus back to the button; choosing a link closes it too).
 */
export function HeaderMenu({
  brand,
  children,
  className,
}: {
  brand: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  // Open on the page where it was opened: another page, whatever led there, folds it.
  const location = useLocation();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const isOpen = openOn === location.key;
  const setIsOpen = (open: boolean) => setOpenOn(open ? location.key : null);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && isOpen) {
      event.stopPropagation();
      setIsOpen(false);
      buttonRef.current?.focus();
    }
  };
  const onPanelClick = (event: MouseEvent) => {
    if (event.target instanceof Element && event.target.closest('a') !== null) setIsOpen(false);
  };

  return (
    <header className={className ? `topbar ${className}` : 'topbar'} onKeyDown={onKeyDown}>
      <div className="topbar__inner">
        {brand}
        <button
          ref={buttonRef}
          type="button"
          className="topbar__menu-button"
          aria-expanded={isOpen}
          aria-controls={panelId}
          onClick={() => setIsOpen(!isOpen)}
        >
          <span className="topbar__menu-icon" aria-hidden="true" />
          {t('header.menu')}
        </button>
        <div
          id={panelId}
          className={isOpen ? 'topbar__panel topbar__panel--open' : 'topbar__panel'}
          onClick={onPanelClick}
        >
          {children}
        </div>
      </div>
    </header>
  );
}
