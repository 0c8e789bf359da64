import { useCallback, useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import type { BlockerFunction } from 'react-router';
import { ConfirmDialog } from './confirm-dialog.tsx';

export interface UnsavedChangesTexts {
  title: string;
  body: string;
  leave: string;
  stay: string;
}

export interface UnsavedChangesGuard {
  /** The question asked when a link or a button leaves the page: render it in the page. */
  dialog: ReactElement;
  /** Lets the next navigation through without asking (the changes were just saved). */
  allowNavigation: () => void;
}

/**
 * While `isDirty`, leaving the page asks first: in-app navigation (a top-bar link, the back
 * button) through the router's blocker and a confirmation dialog, reloading or closing the
 * tab through the browser's own `beforeunload` question. Needs a data router
 * (`createBrowserRouter`).
 */
export function useUnsavedChangesGuard(
  isDirty: boolean,
  texts?: Partial<UnsavedChangesTexts>,
): UnsavedChangesGuard {
  const { t } = useTranslation();
  const isAllowed = useRef(false);
  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) =>
      isDirty &&
      !isAllowed.current &&
      // Only another page loses the values; a change of hash stays on this one.
      (currentLocation.pathname !== nextLocation.pathname ||
        currentLocation.search !== nextLocation.search),
    [isDirty],
  );
  const blocker = useBlocker(shouldBlock);

  useEffect(() => {
    if (!isDirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  const dialog = (
    <ConfirmDialog
      isOpen={blocker.state === 'blocked'}
      title={texts?.title ?? t('common.unsaved.title')}
      confirmLabel={texts?.leave ?? t('common.unsaved.leave')}
      cancelLabel={texts?.stay ?? t('common.unsaved.stay')}
      tone="danger"
      onCancel={() => blocker.reset?.()}
      onConfirm={() => blocker.proceed?.()}
    >
      <p>{texts?.body ?? t('common.unsaved.body')}</p>
    </ConfirmDialog>
  );
  return {
    dialog,
    allowNavigation: () => {
      isAllowed.current = true;
    },
  };
}
