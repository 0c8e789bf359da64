import { useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';

/**
 * A button that shows and hides a panel (the top bar's « Menu », the notifications' bell):
 * the button says whether it is open and which panel it controls, and Escape inside closes
 * the panel and gives the focus back to the button. Where the state lives is the caller's.
 */
export function useDisclosure(isOpen: boolean, setIsOpen: (open: boolean) => void) {
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && isOpen) {
      event.stopPropagation();
      setIsOpen(false);
      buttonRef.current?.focus();
    }
  };
  const buttonProps = {
    ref: buttonRef,
    type: 'button',
    'aria-expanded': isOpen,
    'aria-controls': panelId,
    onClick: () => setIsOpen(!isOpen),
  } as const;
  return { panelId, onKeyDown, buttonProps };
}
