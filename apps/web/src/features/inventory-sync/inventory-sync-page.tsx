import { Fragment, useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { inventorySyncModes } from '@guichet/contracts';
import type { InventorySyncMode, InventorySyncRun } from '@guichet/contracts';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { errorText } from '../../lib/field-errors.ts';
import { formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { FileChooser } from '../../components/ui/file-chooser.tsx';
import { useSyncInventory } from './inventory-sync-api.ts';
import type { SyncProgress } from './inventory-sync-api.ts';
import { SyncHistory } from './sync-history.tsx';
import { formatDuration, syncContentType, syncPlan } from './sync-plan.ts';
import { SyncCounts, SyncErrorsTable, SyncStatusBadge } from './sync-run-parts.tsx';
import './inventory-sync.css';

const accept = '.csv,.ndjson,.jsonl,text/csv,application/x-ndjson';
const csvColumns = ['contract', 'reference', 'type', 'label', 'site', 'solution', 'attributes'];

/** The CSV header, allowed to wrap after each comma on a phone. */
function CsvHeader() {
  return (
    <code className="sync-form__header">
      {csvColumns.map((column, index) => (
        <Fragment key={column}>
          {index > 0 ? (
            <>
              ,<wbr />
            </>
          ) : null}
          {column}
        </Fragment>
      ))}
    </code>
  );
}

/** « Envoi du fichier… 45 % », then « Lecture du fichier par le serveur… ». */
function ProgressLine({ progress }: { progress: SyncProgress }) {
  const { t } = useTranslation();
  return (
    <div className="sync-progress" role="status">
      {progress.phase === 'sending' ? (
        <>
          <progress max={100} value={progress.percent} aria-hidden="true" />
          <span>{t('inventorySync.form.sending', { percent: progress.percent })}</span>
        </>
      ) : (
        <>
          <progress aria-hidden="true" />
          <span>{t('inventorySync.form.processing')}</span>
        </>
      )}
    </div>
  );
}

interface RunResultProps {
  run: InventorySyncRun;
  /** Applies the simulated file; null when nothing is to be applied. */
  onApply: (() => void) | null;
  isApplying: boolean;
  isBusy: boolean;
  progress: SyncProgress | null;
}

/** What the dry run found (and what applying will do), or what the application did. */
function RunResult({ run, onApply, isApplying, isBusy, progress }: RunResultProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView?.({ block: 'start' });
  }, [run.id]);
  const plan = syncPlan(run);
  const title =
    run.status === 'rejected'
      ? t('inventorySync.result.rejectedTitle')
      : run.isDryRun
        ? t('inventorySync.result.dryRunTitle')
        : t('inventorySync.result.appliedTitle');
  const wording = run.isDryRun ? 'plan' : 'done';
  const retired = run.counts.retired;
  return (
    <section className="card sync-result" aria-labelledby="sync-result-title">
      <div className="card__header">
        <h2
          id="sync-result-title"
          className="card__title sync-result__title"
          ref={headingRef}
          tabIndex={-1}
        >
          {title}
        </h2>
        <SyncStatusBadge status={run.status} />
      </div>
      {run.status === 'rejected' ? (
        <Notice tone="error">{t('inventorySync.result.rejectedIntro')}</Notice>
      ) : plan.hasEffect ? (
        <div className="sync-result__plan">
          <p>
            {run.isDryRun
              ? t('inventorySync.result.dryRunIntro')
              : t('inventorySync.result.appliedIntro')}
          </p>
          <ul className="sync-result__changes">
            {plan.changes.map((change) => (
              <li
                key={change.kind}
                className={`sync-result__change sync-result__change--${change.kind}`}
              >
                {t(`inventorySync.${wording}.${change.kind}`, {
                  count: change.count,
                  formatted: formatNumber(change.count, locale),
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <Notice tone="info">{t('inventorySync.result.nothing')}</Notice>
      )}
      <SyncCounts counts={run.counts} />
      <p className="muted sync-result__lines">
        {t('inventorySync.result.lines', {
          count: run.counts.lines,
          formatted: formatNumber(run.counts.lines, locale),
          duration: formatDuration(run.durationMs, locale),
        })}{' '}
        <Link to={`/back-office/parc/synchronisations/${run.id}`}>
          {t('inventorySync.result.seeRun')}
        </Link>
      </p>
      <SyncErrorsTable run={run} limit={20} captionId="sync-result-errors" />
      {onApply ? (
        <div className="sync-result__apply">
          {retired > 0 ? (
            <Notice tone="warning">
              {t('inventorySync.plan.retired', {
                count: retired,
                formatted: formatNumber(retired, locale),
              })}
            </Notice>
          ) : null}
          <div className="form-actions">
            <span />
            <div className="form-actions__main">
              <Button variant="primary" onClick={onApply} isBusy={isApplying} disabled={isBusy}>
                {t('inventorySync.form.apply')}
              </Button>
            </div>
          </div>
          {isApplying && progress ? <ProgressLine progress={progress} /> : null}
        </div>
      ) : null}
    </section>
  );
}

/**
 * `/back-office/parc`: an administrator sends the provider's export of the inventory (CSV or
 * NDJSON), simulates the sync (a dry run: counts and errors, nothing written), then applies
 * the same file; below, the history of every run, whatever its source.
 */
export function InventorySyncPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mode, setMode] = useState<InventorySyncMode>('upsert');
  const [isStrict, setIsStrict] = useState(false);
  const [result, setResult] = useState<InventorySyncRun | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [isConfirming, setIsConfirming] = useState(false);
  const sync = useSyncInventory(setProgress);
  const isBusy = sync.isPending;
  const contentType = file ? syncContentType(file.name) : null;

  // What was simulated is no longer what would be sent: simulate again.
  const forget = () => {
    setResult(null);
    setFailure(null);
  };

  const send = (isDryRun: boolean) => {
    setIsConfirming(false);
    setFailure(null);
    if (!file || !contentType) {
      setFileError(
        file
          ? t('inventorySync.form.badType', { name: file.name })
          : t('inventorySync.form.required'),
      );
      document.getElementById('sync-file')?.focus();
      return;
    }
    sync.mutate(
      { file, contentType, mode, isDryRun, isStrict },
      {
        onSuccess: setResult,
        onError: (error) => {
          setFailure(
            isApiError(error, 'unsupported_media_type')
              ? t('inventorySync.form.badType', { name: file.name })
              : errorText(error, t),
          );
        },
        onSettled: () => setProgress(null),
      },
    );
  };

  const plan = result ? syncPlan(result) : null;
  const apply = plan?.canApply
    ? () => (plan.needsConfirmation ? setIsConfirming(true) : send(false))
    : null;
  const retired = result?.counts.retired ?? 0;

  return (
    <div className="page inventory-sync">
      <PageHeader title={t('inventorySync.title')} subtitle={t('inventorySync.subtitle')} />
      <Card title={t('inventorySync.form.title')} titleId="sync-form-title">
        <form
          className="sync-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            send(true);
          }}
        >
          <FileChooser
            id="sync-file"
            label={t('inventorySync.form.file')}
            hint={
              <Trans i18nKey="inventorySync.form.fileHint" components={{ header: <CsvHeader /> }} />
            }
            accept={accept}
            file={file}
            error={fileError}
            disabled={isBusy}
            onChoose={(chosen) => {
              setFile(chosen);
              setFileError(
                chosen && !syncContentType(chosen.name)
                  ? t('inventorySync.form.badType', { name: chosen.name })
                  : null,
              );
              forget();
            }}
          />
          <fieldset className="choice-cards" disabled={isBusy}>
            <legend className="field__label">{t('inventorySync.form.mode')}</legend>
            {inventorySyncModes.map((value) => (
              <label key={value} className="choice-card">
                <input
                  type="radio"
                  name="sync-mode"
                  value={value}
                  checked={mode === value}
                  onChange={() => {
                    setMode(value);
                    forget();
                  }}
                />
                <span className="choice-card__text">
                  <span className="choice-card__title">
                    {t(`inventorySync.form.modes.${value}.title`)}
                  </span>
                  <span className="choice-card__hint">
                    {t(`inventorySync.form.modes.${value}.hint`)}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="field">
            <div className="field__inline">
              <input
                id="sync-strict"
                type="checkbox"
                checked={isStrict}
                disabled={isBusy}
                aria-describedby="sync-strict-hint"
                onChange={(event) => {
                  setIsStrict(event.target.checked);
                  forget();
                }}
              />
              <label htmlFor="sync-strict" className="field__label">
                {t('inventorySync.form.strict')}
              </label>
            </div>
            <p id="sync-strict-hint" className="field__hint">
              {t('inventorySync.form.strictHint')}
            </p>
          </div>
          <div className="form-actions">
            <p className="field__hint">{t('inventorySync.form.simulateFirst')}</p>
            <div className="form-actions__main">
              <Button
                type="submit"
                variant={result?.isDryRun ? 'secondary' : 'primary'}
                isBusy={isBusy && sync.variables.isDryRun}
                disabled={isBusy}
              >
                {t('inventorySync.form.simulate')}
              </Button>
            </div>
          </div>
          {isBusy && sync.variables.isDryRun && progress ? (
            <ProgressLine progress={progress} />
          ) : null}
          {failure ? (
            <Notice tone="error" isLive title={t('inventorySync.form.failed')}>
              {failure}
            </Notice>
          ) : null}
        </form>
      </Card>
      {result ? (
        <RunResult
          run={result}
          onApply={apply}
          isApplying={isBusy && !sync.variables.isDryRun}
          isBusy={isBusy}
          progress={progress}
        />
      ) : null}
      <ConfirmDialog
        isOpen={isConfirming}
        title={t('inventorySync.confirm.title')}
        confirmLabel={t('inventorySync.confirm.confirm')}
        cancelLabel={t('inventorySync.confirm.cancel')}
        tone="danger"
        onConfirm={() => send(false)}
        onCancel={() => setIsConfirming(false)}
      >
        <p>
          {t('inventorySync.confirm.body', {
            count: retired,
            formatted: formatNumber(retired, locale),
          })}
        </p>
      </ConfirmDialog>
      <SyncHistory />
    </div>
  );
}
