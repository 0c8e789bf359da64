import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DueTargetsSettings } from '@guichet/contracts';
import { Card } from '../../components/ui/card.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { FormFeedback } from '../../components/ui/form-feedback.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryFallback } from '../../components/ui/query-fallback.tsx';
import { SelectField } from '../../components/ui/select-field.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { api, isApiError } from '../../lib/api-client.ts';
import { localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useInvalidatingMutation } from '../../lib/query-hooks.ts';
import './provider-admin.css';

const settingsKey = ['provider-admin', 'due-date-targets'] as const;
type Level = DueTargetsSettings['levels'][number]['supportLevel'];

/** Minutes as hours for the inputs (« 2 », « 1.5 »); '' for none. */
const hoursOf = (minutes: number | null) => (minutes === null ? '' : String(minutes / 60));
/** Hours typed (comma or point) as whole minutes; null when blank, NaN when not a number. */
function minutesOf(hours: string): number | null {
  if (hours.trim() === '') return null;
  return Math.round(Number(hours.replace(',', '.')) * 60);
}

function useErrorText() {
  const { t } = useTranslation();
  return (error: unknown): string | null => {
    if (!error) return null;
    if (!isApiError(error)) return t('errors.internal');
    const detail = error.body.error.details?.[0];
    return detail?.rule
      ? t(`errors.rules.${detail.rule}` as 'errors.rules.required', detail.params ?? {})
      : t(`errors.${error.code}`);
  };
}

function TargetsForm({
  id,
  title,
  initial,
  isOptional,
  save,
  children,
}: {
  id: string;
  title: string;
  initial: { takeChargeMinutes: number | null; carryOutMinutes: number | null };
  isOptional?: boolean;
  save: (targets: {
    takeChargeMinutes: number | null;
    carryOutMinutes: number | null;
  }) => Promise<unknown>;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [takeCharge, setTakeCharge] = useState(hoursOf(initial.takeChargeMinutes));
  const [carryOut, setCarryOut] = useState(hoursOf(initial.carryOutMinutes));
  const mutation = useInvalidatingMutation(save, [settingsKey]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate({
      takeChargeMinutes: minutesOf(takeCharge),
      carryOutMinutes: minutesOf(carryOut),
    });
  };
  return (
    <form className="due-targets__form" onSubmit={submit} aria-label={title}>
      {children}
      {(
        [
          ['take-charge', 'dueDates.settings.takeCharge', takeCharge, setTakeCharge],
          ['carry-out', 'dueDates.settings.carryOut', carryOut, setCarryOut],
        ] as const
      ).map(([name, label, value, onChange]) => (
        <TextField
          key={name}
          id={`${id}-${name}`}
          label={t(label)}
          type="number"
          min="0.25"
          step="0.25"
          required={!isOptional}
          value={value}
          onChange={onChange}
        />
      ))}
      <FormFeedback
        success={mutation.isSuccess ? t('dueDates.settings.saved') : null}
        error={errorText(mutation.error)}
      />
      <FormActions submitLabel={t('dueDates.settings.save')} isBusy={mutation.isPending} />
    </form>
  );
}

function saveLevel(level: Level) {
  return (targets: { takeChargeMinutes: number | null; carryOutMinutes: number | null }) =>
    api.PUT('/api/back-office/due-date-targets/levels/{level}', {
      params: { path: { level } },
      body: {
        takeChargeMinutes: targets.takeChargeMinutes ?? 0,
        carryOutMinutes: targets.carryOutMinutes ?? 0,
      },
    });
}

function ArticleTargets({ settings }: { settings: DueTargetsSettings }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [articleId, setArticleId] = useState(settings.articles[0]?.articleId ?? '');
  const article = settings.articles.find((candidate) => candidate.articleId === articleId);
  const overridden = settings.articles.filter(
    (candidate) => candidate.takeChargeMinutes !== null || candidate.carryOutMinutes !== null,
  );
  const name = (candidate: DueTargetsSettings['articles'][number]) =>
    `${localize(candidate.catalogName, locale)} › ${localize(candidate.articleName, locale)}`;
  return (
    <Card title={t('dueDates.settings.articles')} titleId="due-targets-articles">
      <p className="muted">{t('dueDates.settings.articlesHint')}</p>
      {overridden.length === 0 ? (
        <p className="muted">{t('dueDates.settings.noOverride')}</p>
      ) : (
        <ul>
          {overridden.map((candidate) => (
            <li key={candidate.articleId}>
              {name(candidate)} : {hoursOf(candidate.takeChargeMinutes) || '—'} h /{' '}
              {hoursOf(candidate.carryOutMinutes) || '—'} h
            </li>
          ))}
        </ul>
      )}
      {article ? (
        <TargetsForm
          key={articleId}
          id="due-targets-article"
          title={t('dueDates.settings.articles')}
          initial={article}
          isOptional
          save={(targets) =>
            api.PUT('/api/back-office/due-date-targets/articles/{articleId}', {
              params: { path: { articleId } },
              body: targets,
            })
          }
        >
          <SelectField
            id="due-targets-article-choice"
            label={t('dueDates.settings.article')}
            value={articleId}
            options={settings.articles.map((candidate) => ({
              value: candidate.articleId,
              label: name(candidate),
            }))}
            onChange={setArticleId}
          />
        </TargetsForm>
      ) : null}
    </Card>
  );
}

/** `/back-office/echeances`: the due-date targets (issue 20, decision 0036), admins only. */
export function DueDateTargetsPage() {
  const { t } = useTranslation();
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api.GET('/api/back-office/due-date-targets', { signal }),
  });
  return (
    <div className="page provider-admin">
      <PageHeader title={t('dueDates.settings.title')} subtitle={t('dueDates.settings.subtitle')} />
      {settings.isSuccess ? (
        <>
          <Card title={t('dueDates.settings.levels')} titleId="due-targets-levels">
            <div className="due-targets">
              {settings.data.levels.map((level) => (
                <section
                  key={level.supportLevel}
                  aria-labelledby={`due-level-${level.supportLevel}`}
                >
                  <h3 id={`due-level-${level.supportLevel}`}>
                    {t('dueDates.settings.level', { level: level.supportLevel })}
                  </h3>
                  <TargetsForm
                    id={`due-targets-${level.supportLevel}`}
                    title={t('dueDates.settings.level', { level: level.supportLevel })}
                    initial={level}
                    save={saveLevel(level.supportLevel)}
                  />
                </section>
              ))}
            </div>
          </Card>
          <ArticleTargets settings={settings.data} />
        </>
      ) : (
        <QueryFallback query={settings} loadFailed={t('dueDates.settings.loadFailed')} />
      )}
    </div>
  );
}
