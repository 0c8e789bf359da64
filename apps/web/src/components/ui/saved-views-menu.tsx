import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api-client.ts';
import { isSameListParams, listParamsOf } from '../../lib/list-params.ts';
import { useUrlParams } from '../../lib/use-url-params.ts';
import { Button } from './button.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { Notice } from './notice.tsx';
import './saved-views-menu.css';

export interface SavedViewItem {
  id: string;
  name: string;
  isMine: boolean;
  ownerName: string;
  /** The value of `shareOptions` it is shared with ('' : the owner's only). */
  share: string;
  /** The list's URL parameters it stands for. */
  params: Readonly<Record<string, string | undefined>>;
}

export interface SavedViewsMenuProps {
  views: readonly SavedViewItem[];
  /** The URL parameters a view keeps (the list's filters and sort). */
  paramKeys: readonly string[];
  /** How a view may be shared: the first, '', is « Moi seul ». */
  shareOptions: readonly { value: string; label: string }[];
  /** Saves the URL's parameters (`params`) under a name, shared or not. */
  onSave: (view: {
    name: string;
    share: string;
    params: Record<string, string>;
  }) => Promise<unknown>;
  onUpdate: (id: string, view: { name: string; share: string }) => Promise<unknown>;
  onDelete: (id: string) => Promise<unknown>;
}

type Mode = { kind: 'menu' } | { kind: 'save' } | { kind: 'edit'; view: SavedViewItem };

/**
 * A list's saved views (decision 0033): pick one (its URL), save the current filters and sort
 * under a name (private or shared), rename, re-share or delete one's own. Shared by the
 * customer's list and the back-office's queue; each feature brings its calls.
 */
export function SavedViewsMenu(props: SavedViewsMenuProps) {
  const { t } = useTranslation();
  const selectId = useId();
  const [mode, setMode] = useState<Mode>({ kind: 'menu' });
  const [flash, setFlash] = useState<string | null>(null);
  const [isDeleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const { searchParams, setSearchParams } = useUrlParams();
  const params = listParamsOf(searchParams, props.paramKeys);
  // the view the URL is (a bookmark, a reload, back and forward show it chosen)
  const current = props.views.find((view) => isSameListParams(view.params, params)) ?? null;
  const describeError = (error: unknown) =>
    isApiError(error, 'conflict')
      ? t('common.savedViews.nameTaken')
      : t('common.savedViews.failed');

  const close = (message: string | null) => {
    setMode({ kind: 'menu' });
    setFlash(message);
  };

  return (
    <div className="saved-views">
      <div className="saved-views__bar">
        <div className="saved-views__pick">
          <label htmlFor={selectId} className="field__label">
            {t('common.savedViews.label')}
          </label>
          <select
            id={selectId}
            value={current?.id ?? ''}
            onChange={(event) => {
              setFlash(null);
              const view = props.views.find((candidate) => candidate.id === event.target.value);
              if (view) {
                const entries = Object.entries(view.params).flatMap(([key, value]) =>
                  value ? [[key, value]] : [],
                );
                setSearchParams(new URLSearchParams(entries));
              }
            }}
          >
            <option value="">
              {props.views.length === 0
                ? t('common.savedViews.empty')
                : t('common.savedViews.choose')}
            </option>
            {props.views.map((view) => (
              <option key={view.id} value={view.id}>
                {view.isMine
                  ? view.name
                  : t('common.savedViews.sharedBy', { name: view.name, owner: view.ownerName })}
              </option>
            ))}
          </select>
        </div>
        <Button
          onClick={() => {
            setFlash(null);
            setMode({ kind: 'save' });
          }}
          disabled={mode.kind !== 'menu'}
        >
          {t('common.savedViews.save')}
        </Button>
        {current?.isMine ? (
          <>
            <Button
              variant="ghost"
              onClick={() => setMode({ kind: 'edit', view: current })}
              disabled={mode.kind !== 'menu'}
            >
              {t('common.savedViews.edit')}
            </Button>
            <Button
              variant="ghost"
              onClick={() => setDeleting(true)}
              disabled={mode.kind !== 'menu'}
            >
              {t('common.savedViews.delete')}
            </Button>
          </>
        ) : null}
      </div>
      {flash ? (
        <Notice tone="success" isLive>
          {flash}
        </Notice>
      ) : null}
      {deleteError ? (
        <Notice tone="error" isLive>
          {deleteError}
        </Notice>
      ) : null}
      {mode.kind === 'save' ? (
        <SavedViewForm
          title={t('common.savedViews.saveTitle')}
          initial={{ name: '', share: '' }}
          shareOptions={props.shareOptions}
          submitLabel={t('common.savedViews.confirmSave')}
          describeError={describeError}
          onSubmit={async (view) => {
            await props.onSave({ ...view, params });
            close(t('common.savedViews.saved', { name: view.name }));
          }}
          onCancel={() => close(null)}
        />
      ) : null}
      {mode.kind === 'edit' ? (
        <SavedViewForm
          title={t('common.savedViews.editTitle', { name: mode.view.name })}
          initial={{ name: mode.view.name, share: mode.view.share }}
          shareOptions={props.shareOptions}
          submitLabel={t('common.savedViews.confirmEdit')}
          describeError={describeError}
          onSubmit={async (view) => {
            await props.onUpdate(mode.view.id, view);
            close(t('common.savedViews.updated', { name: view.name }));
          }}
          onCancel={() => close(null)}
        />
      ) : null}
      <ConfirmDialog
        isOpen={isDeleting && current !== null}
        title={t('common.savedViews.deleteTitle', { name: current?.name ?? '' })}
        confirmLabel={t('common.savedViews.delete')}
        cancelLabel={t('common.cancel')}
        tone="danger"
        onConfirm={() => {
          if (!current) return;
          setDeleteError(null);
          props.onDelete(current.id).then(
            () => {
              setDeleting(false);
              close(t('common.savedViews.deleted', { name: current.name }));
            },
            (error: unknown) => {
              setDeleting(false);
              setDeleteError(describeError(error));
            },
          );
        }}
        onCancel={() => setDeleting(false)}
      />
    </div>
  );
}

function SavedViewForm({
  title,
  initial,
  shareOptions,
  submitLabel,
  describeError,
  onSubmit,
  onCancel,
}: {
  title: string;
  initial: { name: string; share: string };
  shareOptions: SavedViewsMenuProps['shareOptions'];
  submitLabel: string;
  describeError: (error: unknown) => string;
  onSubmit: (view: { name: string; share: string }) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const nameId = useId();
  const shareId = useId();
  const errorId = useId();
  const [name, setName] = useState(initial.name);
  const [share, setShare] = useState(initial.share);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setError(t('common.savedViews.nameRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    onSubmit({ name, share }).then(
      () => setBusy(false),
      (failure: unknown) => {
        setBusy(false);
        setError(describeError(failure));
      },
    );
  };
  return (
    <form className="saved-views__form" onSubmit={submit} aria-label={title}>
      <p className="saved-views__form-title">{title}</p>
      <div className="saved-views__fields">
        <div className="field">
          <label htmlFor={nameId} className="field__label">
            {t('common.savedViews.name')}
          </label>
          <input
            id={nameId}
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={shareId} className="field__label">
            {t('common.savedViews.share')}
          </label>
          <select id={shareId} value={share} onChange={(event) => setShare(event.target.value)}>
            {shareOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error ? (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="saved-views__actions">
        <Button type="submit" variant="primary" isBusy={isBusy}>
          {submitLabel}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
