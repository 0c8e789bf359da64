import { useTranslation } from 'react-i18next';
import type { Text } from '@guichet/domain';
import { FieldError } from '../../components/ui/form-field.tsx';
import { RequiredMark } from '../../components/ui/required-mark.tsx';

interface LocalizedInputProps {
  /** Base of the inputs' ids (`-fr`, `-en` are added). */
  id: string;
  label: string;
  value: Text;
  onChange: (value: Text) => void;
  isRequired?: boolean;
  isMultiline?: boolean;
  /** The message for this text, shown under both inputs. */
  error?: string | null;
}

/** A text in French and in English, side by side: every label a customer reads has both. */
export function LocalizedInput({
  id,
  label,
  value,
  onChange,
  isRequired = false,
  isMultiline = false,
  error,
}: LocalizedInputProps) {
  const { t } = useTranslation();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset className={['localized', error ? 'field--invalid' : null].filter(Boolean).join(' ')}>
      <legend className="field__label">
        {label}
        {isRequired ? <RequiredMark /> : null}
      </legend>
      <div className="localized__pair">
        {(['fr', 'en'] as const).map((language) => {
          const inputId = `${id}-${language}`;
          const common = {
            id: inputId,
            value: value[language],
            'aria-invalid': error ? true : undefined,
            'aria-describedby': errorId,
            'aria-required': isRequired || undefined,
            lang: language,
          };
          return (
            <div key={language} className="localized__language">
              <label htmlFor={inputId} className="localized__label">
                {t(`catalogAdmin.languages.${language}`)}
              </label>
              {isMultiline ? (
                <textarea
                  {...common}
                  rows={2}
                  onChange={(event) => onChange({ ...value, [language]: event.target.value })}
                />
              ) : (
                <input
                  {...common}
                  type="text"
                  onChange={(event) => onChange({ ...value, [language]: event.target.value })}
                />
              )}
            </div>
          );
        })}
      </div>
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}
