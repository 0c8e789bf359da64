import { useId, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface HelpTipProps {
  /** What the help is about, read by screen readers on the ⓘ button. */
  about: string;
  text: string;
}

/** ⓘ drawn rather than typed: not every system font has the character. */
function InfoIcon() {
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="8.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <circle cx="10" cy="6" r="1.2" fill="currentColor" />
      <path d="M10 9v6" stroke="currentColor" strokeWidth="1.9" strokeLinecap="round" />
    </svg>
  );
}

/**
 * The ⓘ of the guide: a disclosure button (click, Enter or Space) that shows the help text
 * below; Escape closes it. A disclosure rather than a hover tooltip, so it works by keyboard
 * and on touch screens alike.
 */
export function HelpTip({ about, text }: HelpTipProps) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const panelId = useId();
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && isOpen) {
      event.stopPropagation();
      setIsOpen(false);
    }
  };
  return (
    <span className="help-tip" onKeyDown={onKeyDown}>
      <button
        type="button"
        className="help-tip__button"
        aria-expanded={isOpen}
        aria-controls={panelId}
        aria-label={t('common.helpAbout', { subject: about })}
        onClick={() => setIsOpen((open) => !open)}
      >
        <InfoIcon />
      </button>
      <span id={panelId} className="help-tip__panel" role="note" hidden={!isOpen}>
        {text}
      </span>
    </span>
  );
}
