import { useTranslation } from 'react-i18next';
import type { ChoiceOption } from '@guichet/domain';
import { Button } from '../../components/ui/button.tsx';

interface OptionsEditorProps {
  id: string;
  options: ChoiceOption[];
  onChange: (options: ChoiceOption[]) => void;
}

/** The answers a choice offers: a value and its label in both languages, one row each. */
export function OptionsEditor({ id, options, onChange }: OptionsEditorProps) {
  const { t } = useTranslation();
  const set = (index: number, option: ChoiceOption) =>
    onChange(options.map((candidate, position) => (position === index ? option : candidate)));
  return (
    <fieldset className="options-editor">
      <legend className="field__label">{t('catalogAdmin.field.options')}</legend>
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">{t('catalogAdmin.field.optionValue')}</th>
            <th scope="col">{t('catalogAdmin.languages.fr')}</th>
            <th scope="col">{t('catalogAdmin.languages.en')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('catalogAdmin.common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {options.map((option, index) => (
            <tr key={index}>
              <td>
                <input
                  type="text"
                  className="mono"
                  id={`${id}-option-${index}-value`}
                  aria-label={t('catalogAdmin.field.optionValueOf', { number: index + 1 })}
                  value={option.value}
                  onChange={(event) => set(index, { ...option, value: event.target.value })}
                />
              </td>
              {(['fr', 'en'] as const).map((language) => (
                <td key={language}>
                  <input
                    type="text"
                    lang={language}
                    aria-label={t('catalogAdmin.field.optionLabelOf', {
                      number: index + 1,
                      language: t(`catalogAdmin.languages.${language}`),
                    })}
                    value={option.label[language]}
                    onChange={(event) =>
                      set(index, {
                        ...option,
                        label: { ...option.label, [language]: event.target.value },
                      })
                    }
                  />
                </td>
              ))}
              <td>
                <Button
                  variant="ghost"
                  disabled={options.length <= 1}
                  onClick={() => onChange(options.filter((_, position) => position !== index))}
                >
                  {t('catalogAdmin.field.removeOption', { number: index + 1 })}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button
        onClick={() =>
          onChange([
            ...options,
            {
              value: `option${options.length + 1}`,
              label: {
                fr: `Option ${options.length + 1}`,
                en: `Option ${options.length + 1}`,
              },
            },
          ])
        }
      >
        {t('catalogAdmin.field.addOption')}
      </Button>
    </fieldset>
  );
}
