import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../../components/ui/form-field.tsx';
import { formatFileSize } from './sync-plan.ts';
import { useLocale } from '../../lib/i18n/index.ts';

interface FileChooserProps {
  id: string;
  label: string;
  hint: ReactNode;
  accept: string;
  file: File | null;
  error: string | null;
  disabled?: boolean;
  onChoose: (file: File | null) => void;
}

/**
 * A file input in the interface's language: the browser's own control (« Choose File », in
 * the browser's language) sits transparent over a button of ours, so a click, a tap, the
 * keyboard and a dropped file all reach the real input, which keeps its label.
 */
export function FileChooser({
  id,
  label,
  hint,
  accept,
  file,
  error,
  disabled = false,
  onChoose,
}: FileChooserProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={['field', error ? 'field--invalid' : null].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <div className="file-chooser">
        <span className="file-chooser__target">
          <input
            id={id}
            type="file"
            className="file-chooser__input"
            accept={accept}
            disabled={disabled}
            aria-invalid={error ? true : undefined}
            aria-describedby={[error ? errorId : null, hintId].filter(Boolean).join(' ')}
            onChange={(event) => onChoose(event.target.files?.[0] ?? null)}
          />
          <span className="button button--secondary file-chooser__button" aria-hidden="true">
            {file ? t('inventorySync.form.change') : t('inventorySync.form.choose')}
          </span>
        </span>
        <span className="file-chooser__name" aria-hidden="true">
          {file ? (
            <>
              <span className="file-chooser__file">{file.name}</span>{' '}
              <span className="muted">{formatFileSize(file.size, locale)}</span>
            </>
          ) : (
            <span className="muted">{t('inventorySync.form.noFile')}</span>
          )}
        </span>
      </div>
      <p id={hintId} className="field__hint">
        {hint}
      </p>
      <FieldError id={errorId} error={error} />
    </div>
  );
}
