import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from './form-field.tsx';
import { formatFileSize } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import './file-chooser.css';

interface FileChooserProps {
  id: string;
  label: string;
  hint: ReactNode;
  accept: string;
  /** The chosen file; back to null, the input forgets it too. */
  file: File | null;
  error: string | null;
  disabled?: boolean;
  onChoose: (file: File | null) => void;
}

/**
 * A file input in the interface's language: the browser's own control (« Choose File », in
 * the browser's language) sits transparent over a button of ours, so a click, a tap, the
 * keyboard and a dropped file all reach the real input, which keeps its label; what is chosen
 * (« Aucun fichier choisi », or the file's name and size) describes it for screen readers.
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
  const input = useRef<HTMLInputElement>(null);
  const nameId = `${id}-chosen`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  useEffect(() => {
    if (file === null && input.current) input.current.value = '';
  }, [file]);
  return (
    <div className={['field', error ? 'field--invalid' : null].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <div className="file-chooser">
        <span className="file-chooser__target">
          <input
            ref={input}
            id={id}
            type="file"
            className="file-chooser__input"
            accept={accept}
            disabled={disabled}
            aria-invalid={error ? true : undefined}
            aria-describedby={[nameId, error ? errorId : null, hintId].filter(Boolean).join(' ')}
            onChange={(event) => onChoose(event.target.files?.[0] ?? null)}
          />
          <span className="button button--secondary file-chooser__button" aria-hidden="true">
            {file ? t('common.fileChooser.change') : t('common.fileChooser.choose')}
          </span>
        </span>
        <span id={nameId} className="file-chooser__name">
          {file ? (
            <>
              <span className="file-chooser__file">{file.name}</span>{' '}
              <span className="muted">{formatFileSize(file.size, locale)}</span>
            </>
          ) : (
            <span className="muted">{t('common.fileChooser.noFile')}</span>
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
