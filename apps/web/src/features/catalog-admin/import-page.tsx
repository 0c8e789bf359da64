import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogImportResult } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { FileChooser } from '../../components/ui/file-chooser.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { isApiError } from '../../lib/api-client.ts';
import type { ErrorDetail } from '../../lib/api-client.ts';
import { detailMessage } from '../../lib/field-errors.ts';
import { useImportCatalogs } from './catalog-admin-api.ts';
import { CatalogAdminHeader } from './catalog-admin-header.tsx';
import './catalog-admin.css';

type Change = CatalogImportResult['changes'][number];

/** « Publier la version 2 de standard/modifier-mes-quotas (form, priceTokens) » */
function ChangeLine({ change }: { change: Change }) {
  const { t } = useTranslation();
  const tone =
    change.action === 'create' ? 'success' : change.action === 'publish' ? 'warning' : 'info';
  return (
    <li className="import-change">
      <Badge tone={tone}>{t(`catalogAdmin.import.actions.${change.action}`)}</Badge>{' '}
      <span>{t(`catalogAdmin.import.targets.${change.target}`)}</span>{' '}
      <span className="mono">{change.path}</span>
      {change.version !== undefined ? (
        <> — {t('catalogAdmin.article.version', { version: change.version })}</>
      ) : null}
      {change.fields.length > 0 ? (
        <span className="muted"> ({change.fields.join(', ')})</span>
      ) : null}
    </li>
  );
}

/**
 * `/back-office/catalogues/importer`: a catalogs file (YAML) is read and checked, what it
 * would change is shown, then applied on demand — all or nothing.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const importing = useImportCatalogs();
  const [yaml, setYaml] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<CatalogImportResult | null>(null);
  const [problems, setProblems] = useState<ErrorDetail[]>([]);
  const [error, setError] = useState<string | null>(null);

  // A new text is not what was checked: its plan is gone.
  const changeYaml = (text: string) => {
    setYaml(text);
    setResult(null);
  };
  const run = (apply: boolean) => {
    setError(null);
    setProblems([]);
    importing.mutate(
      { yaml, apply },
      {
        onSuccess: setResult,
        onError: (failure) => {
          setResult(null);
          setProblems(isApiError(failure) ? failure.details : []);
          setError(isApiError(failure) ? failure.message : t('errors.internal'));
        },
      },
    );
  };

  return (
    <div className="page catalog-admin">
      <CatalogAdminHeader
        title={t('catalogAdmin.import.title')}
        subtitle={t('catalogAdmin.import.intro')}
      />
      <Card title={t('catalogAdmin.import.file')} titleId="import-file">
        <FileChooser
          id="import-upload"
          label={t('catalogAdmin.import.upload')}
          hint={t('catalogAdmin.import.uploadHint')}
          accept=".yaml,.yml,application/yaml,text/yaml"
          file={file}
          error={null}
          onChoose={(chosen) => {
            setFile(chosen);
            if (chosen) void chosen.text().then(changeYaml);
          }}
        />
        <FormField id="import-yaml" label={t('catalogAdmin.import.text')}>
          {(control) => (
            <textarea
              {...control}
              className="mono json-editor__text"
              rows={14}
              spellCheck={false}
              value={yaml}
              onChange={(event) => changeYaml(event.target.value)}
            />
          )}
        </FormField>
        <div className="form-actions">
          <span />
          <div className="form-actions__main">
            <Button
              onClick={() => run(false)}
              isBusy={importing.isPending && importing.variables.apply === false}
              disabled={yaml.trim() === '' || importing.isPending}
            >
              {t('catalogAdmin.import.check')}
            </Button>
            <Button
              variant="primary"
              onClick={() => run(true)}
              isBusy={importing.isPending && importing.variables.apply === true}
              disabled={
                result === null ||
                result.applied ||
                result.changes.length === 0 ||
                importing.isPending
              }
            >
              {t('catalogAdmin.import.apply')}
            </Button>
          </div>
        </div>
      </Card>
      {error ? (
        <Notice tone="error" isLive title={error}>
          {problems.length > 0 ? (
            <ul>
              {problems.map((problem) => (
                <li key={`${problem.path}:${problem.message}`}>
                  <span className="mono">{problem.path}</span> — {detailMessage(problem)}
                </li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
      {result ? (
        <Card
          title={
            result.applied ? t('catalogAdmin.import.applied') : t('catalogAdmin.import.wouldChange')
          }
          titleId="import-result"
        >
          {result.changes.length === 0 ? (
            <Notice tone="success" isLive>
              {t('catalogAdmin.import.nothing')}
            </Notice>
          ) : (
            <>
              <p role="status">
                {t('catalogAdmin.import.changeCount', { count: result.changes.length })}
              </p>
              <ul className="import-changes">
                {result.changes.map((change, index) => (
                  <ChangeLine key={index} change={change} />
                ))}
              </ul>
            </>
          )}
        </Card>
      ) : null}
    </div>
  );
}
