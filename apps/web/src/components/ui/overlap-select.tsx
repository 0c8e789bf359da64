import { useTranslation } from 'react-i18next';
import { FormField } from './form-field.tsx';

/** How long an old credential still works beside its successor, in hours. */
export const overlapChoices = ['0', '1', '24', '168'] as const;
export type OverlapChoice = (typeof overlapChoices)[number];

/**
 * « Chevauchement » of a rotation: a service account's token's, a webhook's signing secret's
 * (issue 17): none, an hour, a day or a week.
 */
export function OverlapSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: OverlapChoice;
  onChange: (value: OverlapChoice) => void;
}) {
  const { t } = useTranslation();
  return (
    <FormField id={id} label={t('integrations.overlap')}>
      {(control) => (
        <select
          {...control}
          value={value}
          onChange={(event) =>
            onChange(overlapChoices.find((choice) => choice === event.target.value) ?? '24')
          }
        >
          {overlapChoices.map((choice) => (
            <option key={choice} value={choice}>
              {t(`integrations.overlaps.${choice}`)}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
