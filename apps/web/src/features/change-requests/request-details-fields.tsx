import type { Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../components/ui/form-field.tsx';
import { HelpTip } from '../../components/ui/help-tip.tsx';
import { fieldId } from '../../lib/field-errors.ts';
import type { ChangeFormAction, ChangeFormEvents, ChangeFormState } from './change-form-state.ts';
import { ExecutionWindowFields } from './execution-window-fields.tsx';

interface RequestDetailsFieldsProps {
  state: ChangeFormState;
  /** The contract's, where the execution window is typed. */
  timeZone: string;
  dispatch: Dispatch<ChangeFormAction>;
  events: ChangeFormEvents;
}

/**
 * What every change request has beside its article's fields: « Votre référence », the
 * comment, « Exécution en dehors des heures ouvrées », and the chosen item's site.
 */
export function RequestDetailsFields({
  state,
  timeZone,
  dispatch,
  events,
}: RequestDetailsFieldsProps) {
  const { t } = useTranslation();
  const { errorFor, touch, changed } = events;
  return (
    <>
      <div className="form-grid">
        <FormField
          id={fieldId('customerReference')}
          label={t('changeForm.customerReference')}
          help={t('changeForm.customerReferenceHelp')}
          error={errorFor('customerReference')}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              maxLength={100}
              value={state.customerReference}
              onChange={(event) => {
                dispatch({ type: 'setCustomerReference', value: event.target.value });
                changed('customerReference');
              }}
              onBlur={() => touch('customerReference')}
            />
          )}
        </FormField>
      </div>
      <FormField
        id={fieldId('comment')}
        label={t('changeForm.comment')}
        hint={t('changeForm.commentHint')}
        error={errorFor('comment')}
      >
        {(control) => (
          <textarea
            {...control}
            rows={4}
            maxLength={4000}
            value={state.comment}
            onChange={(event) => {
              dispatch({ type: 'setComment', value: event.target.value });
              changed('comment');
            }}
            onBlur={() => touch('comment')}
          />
        )}
      </FormField>
      <FormField
        id={fieldId('outsideBusinessHours')}
        label={t('changeForm.outsideBusinessHours')}
        hint={t('changeForm.outsideBusinessHoursHint')}
        layout="inline"
        error={errorFor('outsideBusinessHours')}
      >
        {(control) => (
          <input
            {...control}
            type="checkbox"
            checked={state.outsideBusinessHours}
            onChange={(event) => {
              dispatch({ type: 'setOutsideBusinessHours', value: event.target.checked });
              changed('outsideBusinessHours');
            }}
          />
        )}
      </FormField>

      <ExecutionWindowFields
        state={state}
        timeZone={timeZone}
        dispatch={dispatch}
        events={events}
      />

      <section className="related-info" aria-labelledby="related-info-title">
        <div className="related-info__header">
          <h3 id="related-info-title" className="related-info__title">
            {t('changeForm.related.title')}
          </h3>
          <HelpTip about={t('changeForm.related.title')} text={t('changeForm.related.help')} />
        </div>
        {state.asset ? (
          <dl className="related-info__list">
            <div>
              <dt>
                {t('changeForm.related.site')}
                <HelpTip
                  about={t('changeForm.related.site')}
                  text={t('changeForm.related.siteHelp')}
                />
              </dt>
              <dd>{state.asset.site ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('changeForm.related.solutions')}</dt>
              <dd>{state.asset.solution ?? '—'}</dd>
            </div>
          </dl>
        ) : (
          <p className="muted">{t('changeForm.related.noAsset')}</p>
        )}
      </section>
    </>
  );
}
