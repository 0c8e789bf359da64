import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleExecutionView, ExecutorList } from '@guichet/contracts';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { SelectField } from '../../components/ui/select-field.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { errorText } from '../../lib/field-errors.ts';
import {
  useArticleExecution,
  useExecutors,
  useSetArticleExecution,
} from './article-execution-api.ts';

type Mode = ArticleExecutionView['mode'];
const settingRules = [
  'executor_missing',
  'executor_disabled',
  'quote_article',
  'time_limit',
] as const;

/**
 * « Réalisation » of the published version (decision 0032): by agents, or automatically by an
 * executor within a time limit. Automatic needs an executor (a provider webhook of kind
 * `executor`, an admin's to create).
 */
export function ArticleExecutionCard({
  articleId,
  version,
}: {
  articleId: string;
  version: number;
}) {
  const { t } = useTranslation();
  const setting = useArticleExecution(articleId, version);
  const executors = useExecutors();
  return (
    <Card title={t('execution.setting.title', { version })} titleId="editor-execution">
      {setting.data && executors.data ? (
        <ExecutionForm
          key={`${articleId}:${version}`}
          articleId={articleId}
          version={version}
          setting={setting.data}
          executors={executors.data.items}
        />
      ) : setting.isError || executors.isError ? (
        <Notice tone="error">{t('execution.setting.loadFailed')}</Notice>
      ) : (
        <p className="muted">{t('execution.setting.loading')}</p>
      )}
    </Card>
  );
}

function ExecutionForm({
  articleId,
  version,
  setting,
  executors,
}: {
  articleId: string;
  version: number;
  setting: ArticleExecutionView;
  executors: ExecutorList['items'];
}) {
  const { t } = useTranslation();
  const save = useSetArticleExecution(articleId, version);
  const [mode, setMode] = useState<Mode>(setting.mode);
  const usable = executors.filter((executor) => executor.isEnabled);
  const [executorId, setExecutorId] = useState(setting.executorId ?? usable[0]?.id ?? '');
  const [minutes, setMinutes] = useState(String(setting.timeLimitMinutes ?? 30));
  const [isSaved, setIsSaved] = useState(false);
  const problem = isApiError(save.error)
    ? (save.error.details
        .map((detail) => settingRules.find((rule) => rule === detail.rule))
        .find((rule) => rule !== undefined) ?? null)
    : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setIsSaved(false);
    save.mutate(
      mode === 'manual'
        ? { mode }
        : { mode, executorId, timeLimitMinutes: Number.parseInt(minutes, 10) || 0 },
      { onSuccess: () => setIsSaved(true) },
    );
  };

  return (
    <form className="catalog-admin__form" onSubmit={submit} noValidate>
      <SelectField
        id="execution-mode"
        label={t('execution.setting.mode')}
        value={mode}
        options={[
          { value: 'manual', label: t('execution.setting.modes.manual') },
          { value: 'automatic', label: t('execution.setting.modes.automatic') },
        ]}
        onChange={setMode}
      />
      {mode === 'automatic' ? (
        usable.length === 0 ? (
          <Notice tone="warning">{t('execution.setting.noExecutor')}</Notice>
        ) : (
          <>
            <SelectField
              id="execution-executor"
              label={t('execution.setting.executor')}
              value={executorId}
              options={usable.map((executor) => ({
                value: executor.id,
                label:
                  executor.description === ''
                    ? executor.url
                    : `${executor.description} — ${executor.url}`,
              }))}
              onChange={setExecutorId}
              error={
                problem === 'executor_missing' || problem === 'executor_disabled'
                  ? t(`execution.setting.rules.${problem}`)
                  : null
              }
            />
            <TextField
              id="execution-time-limit"
              label={t('execution.setting.timeLimit')}
              hint={t('execution.setting.timeLimitHint')}
              inputMode="numeric"
              value={minutes}
              onChange={setMinutes}
              error={problem === 'time_limit' ? t('execution.setting.rules.time_limit') : null}
            />
          </>
        )
      ) : null}
      {problem === 'quote_article' ? (
        <Notice tone="error">{t('execution.setting.rules.quote_article')}</Notice>
      ) : save.isError && problem === null ? (
        <Notice tone="error" isLive>
          {errorText(save.error, t)}
        </Notice>
      ) : null}
      {isSaved ? (
        <Notice tone="success" isLive>
          {t('execution.setting.saved')}
        </Notice>
      ) : null}
      <div>
        <Button
          type="submit"
          variant="primary"
          isBusy={save.isPending}
          disabled={mode === 'automatic' && usable.length === 0}
        >
          {t('execution.setting.save')}
        </Button>
      </div>
    </form>
  );
}
