import type { Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/ui/text-field.tsx';
import { fieldId } from '../../lib/field-errors.ts';
import type { ChangeFormAction, ChangeFormEvents, ChangeFormState } from './change-form-state.ts';

interface ExecutionWindowFieldsProps {
  state: ChangeFormState;
  /** The contract's time zone: the window is typed and judged in it. */
  timeZone: string;
  dispatch: Dispatch<ChangeFormAction>;
  events: ChangeFormEvents;
}

/**
 * « Fenêtre d'exécution souhaitée » (decision 0037): the start and end the customer asks the
 * change to be carried out in, optional, beside « Exécution en dehors des heures ouvrées ».
 */
export function ExecutionWindowFields({
  state,
  timeZone,
  dispatch,
  events,
}: ExecutionWindowFieldsProps) {
  const { t } = useTranslation();
  const { errorFor, touch, changed } = events;
  const field = (end: 'startsAt' | 'endsAt') => {
    const path = `executionWindow.${end}`;
    return (
      <TextField
        id={fieldId(path)}
        label={t(`windows.form.${end}`)}
        type="datetime-local"
        value={state.window[end]}
        error={errorFor(path)}
        onChange={(value) => {
          dispatch({ type: 'setWindow', window: { ...state.window, [end]: value } });
          changed('executionWindow');
        }}
        onBlur={() => touch(path)}
      />
    );
  };
  return (
    <fieldset className="execution-window">
      <legend>{t('windows.form.legend')}</legend>
      <p className="muted">{t('windows.form.hint', { timeZone })}</p>
      <div className="form-grid">
        {field('startsAt')}
        {field('endsAt')}
      </div>
    </fieldset>
  );
}
