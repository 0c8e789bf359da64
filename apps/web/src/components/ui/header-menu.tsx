import { useState } from 'react';
import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useDisclosure } from '../../lib/use-disclosure.ts';
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
  // Open on the page where it was opened: another page, whatever led there, folds it.
  const location = useLocation();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const isOpen = openOn === location.key;
  const setIsOpen = (open: boolean) => setOpenOn(open ? location.key : null);

  const { panelId, onKeyDown, buttonProps } = useDisclosure(isOpen, setIsOpen);
  const onPanelClick = (event: MouseEvent) => {
    if (event.target instanceof Element && event.target.closest('a') !== null) setIsOpen(false);
  };

  return (
    <header className={className ? `topbar ${className}` : 'topbar'} onKeyDown={onKeyDown}>
      <div className="topbar__inner">
        {brand}
        <button {...buttonProps} className="topbar__menu-button">
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
