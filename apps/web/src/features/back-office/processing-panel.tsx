import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BackOfficeRequestDetail, SendQuoteBody } from '@guichet/contracts';
import { Button } from '../../components/ui/button.tsx';
import type { ButtonVariant } from '../../components/ui/button.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { ErrorSummary } from '../../components/ui/error-summary.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { SelectField } from '../../components/ui/select-field.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { detailMessage, errorText, fieldId, firstDetailText } from '../../lib/field-errors.ts';
import { formatEuros, formatNumber, localDateValue } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import {
  assignRequest,
  moveRequest,
  sendQuote,
  takeRequest,
  useFilterOptions,
  useRequestChanged,
} from './back-office-api.ts';
import type { DialogAction } from './back-office-api.ts';
import { QuestionPanel } from './question-panel.tsx';
import {
  noWindow,
  PlannedWindowFields,
  plannedWindowInput,
  proposedLocal,
} from './planned-window-fields.tsx';

/** A date `days` from today, as `YYYY-MM-DD` (the browser's day: a proposal, not a rule). */
function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return localDateValue(date);
}

/**
 * The operator's tools on one request: who holds it, and the moves its status allows (DESIGN
 * §4), each confirmed in a dialog; sending a quote opens its form.
 */
export function ProcessingPanel({ detail }: { detail: BackOfficeRequestDetail }) {
  const { t } = useTranslation();
  const changed = useRequestChanged(detail.id);
  const options = useFilterOptions();
  const [flash, setFlash] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DialogAction | null>(null);
  const [note, setNote] = useState('');
  const [plannedFor, setPlannedFor] = useState('');
  const [plannedWindow, setPlannedWindow] = useState(noWindow);
  const [isQuoting, setIsQuoting] = useState(false);
  const [assigneeId, setAssigneeId] = useState(detail.assignee?.id ?? '');

  const move = useMutation({
    mutationFn: (action: DialogAction) => {
      const body =
        action === 'reject'
          ? { reason: note.trim() }
          : action === 'schedule'
            ? {
                ...(plannedFor ? { plannedFor } : {}),
                ...plannedWindowInput(plannedWindow),
                ...(note.trim() ? { note: note.trim() } : {}),
              }
            : note.trim()
              ? { note: note.trim() }
              : {};
      return moveRequest(detail.id, action, body);
    },
    onSuccess: (next, action) => {
      setFlash(t(`operations.actions.done.${action}`));
      setDialog(null);
      setNote('');
      setPlannedFor('');
      changed(next);
    },
  });
  const assign = useMutation({
    mutationFn: (id: string | null) =>
      id === 'me' ? takeRequest(detail.id) : assignRequest(detail.id, id),
    onSuccess: (next) => {
      setFlash(t('operations.detail.assign.done'));
      setAssigneeId(next.assignee?.id ?? '');
      changed(next);
    },
  });

  const actions = detail.allowedActions;
  const openDialog = (action: DialogAction) => {
    move.reset();
    setNote('');
    setPlannedFor('');
    setPlannedWindow(action === 'schedule' ? proposedLocal(detail) : noWindow);
    setDialog(action);
  };
  /** The button of a move the status allows, which opens its dialog. */
  const moveButton = (action: DialogAction, variant: ButtonVariant = 'secondary') =>
    actions.includes(action) ? (
      <Button variant={variant} onClick={() => openDialog(action)}>
        {t(`operations.actions.${action}`)}
      </Button>
    ) : null;
  const moveError = move.error ? firstDetailText(move.error, t) : null;

  return (
    <div className="processing">
      {flash ? (
        <Notice tone="success" isLive>
          {flash}
        </Notice>
      ) : null}
      {assign.isError ? (
        <Notice tone="error" isLive>
          {errorText(assign.error, t)}
        </Notice>
      ) : null}

      <form
        className="processing__assign"
        onSubmit={(event) => {
          event.preventDefault();
          assign.mutate(assigneeId || null);
        }}
      >
        <SelectField
          id="processing-assignee"
          label={t('operations.detail.assign.label')}
          value={assigneeId}
          onChange={setAssigneeId}
          options={[
            { value: '', label: t('operations.detail.assign.nobody') },
            ...(options.data?.operators ?? []).map((operator) => ({
              value: operator.id,
              label: operator.displayName,
            })),
          ]}
        />
        <Button type="submit" isBusy={assign.isPending && assign.variables !== 'me'}>
          {t('operations.detail.assign.save')}
        </Button>
        <Button
          variant="ghost"
          onClick={() => assign.mutate('me')}
          isBusy={assign.isPending && assign.variables === 'me'}
        >
          {t('operations.detail.assign.take')}
        </Button>
      </form>

      <h3 className="processing__title">{t('operations.detail.nextSteps')}</h3>
      {actions.length === 0 ? (
        detail.status === 'awaiting_customer' ? null : (
          <p className="muted">{t('operations.detail.noAction')}</p>
        )
      ) : (
        <div className="processing__actions">
          {moveButton('start_review', 'primary')}
          {moveButton('schedule', 'primary')}
          {moveButton('ask_quote')}
          {actions.includes('send_quote') ? (
            <Button
              variant={detail.status === 'quote_pending' ? 'primary' : 'secondary'}
              onClick={() => setIsQuoting(true)}
              aria-expanded={isQuoting}
              aria-controls="quote-form"
            >
              {detail.status === 'quote_sent'
                ? t('operations.actions.send_new_quote')
                : t('operations.actions.send_quote')}
            </Button>
          ) : null}
          {moveButton('complete', 'primary')}
          {moveButton('reject', 'danger')}
        </div>
      )}
      {detail.status === 'quote_sent' ? (
        <p className="processing__waiting">{t('operations.detail.waitingCustomer')}</p>
      ) : null}
      <QuestionPanel detail={detail} onAsked={changed} />
      {isQuoting && actions.includes('send_quote') ? (
        <QuoteForm
          detail={detail}
          onDone={(next) => {
            setIsQuoting(false);
            setFlash(t('operations.actions.done.send_quote'));
            changed(next);
          }}
          onCancel={() => setIsQuoting(false)}
        />
      ) : null}

      <ConfirmDialog
        isOpen={dialog !== null}
        title={dialog ? t(`operations.actions.confirmTitles.${dialog}`) : ''}
        confirmLabel={dialog ? t(`operations.actions.${dialog}`) : ''}
        cancelLabel={t('operations.actions.cancel')}
        tone={dialog === 'reject' ? 'danger' : 'primary'}
        isBusy={move.isPending}
        onCancel={() => setDialog(null)}
        onConfirm={() => {
          if (dialog) move.mutate(dialog);
        }}
      >
        {dialog ? <p>{t(`operations.actions.explanations.${dialog}`)}</p> : null}
        {moveError ? (
          <Notice tone="error" isLive>
            {moveError}
          </Notice>
        ) : null}
        {dialog === 'schedule' ? (
          <PlannedWindowFields
            proposal={detail.proposedWindow}
            asked={detail.executionWindow}
            value={plannedWindow}
            onChange={setPlannedWindow}
          />
        ) : null}
        {dialog === 'schedule' ? (
          <TextField
            id="move-planned-for"
            label={t('operations.actions.plannedFor')}
            hint={t('operations.actions.plannedForHint')}
            type="date"
            value={plannedFor}
            min={dayFromToday(0)}
            onChange={setPlannedFor}
          />
        ) : null}
        {dialog ? (
          <FormField
            id="move-note"
            label={
              dialog === 'reject' ? t('operations.actions.reason') : t('operations.actions.note')
            }
            hint={
              dialog === 'reject'
                ? t('operations.actions.reasonHint')
                : t('operations.actions.noteHint')
            }
            isRequired={dialog === 'reject'}
          >
            {(control) => (
              <textarea
                {...control}
                rows={3}
                maxLength={2000}
                value={note}
                onChange={(event) => setNote(event.target.value)}
              />
            )}
          </FormField>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}

function QuoteForm({
  detail,
  onDone,
  onCancel,
}: {
  detail: BackOfficeRequestDetail;
  onDone: (next: BackOfficeRequestDetail) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [tokens, setTokens] = useState('');
  const [validUntil, setValidUntil] = useState(dayFromToday(30));
  const [text, setText] = useState('');
  const [attachmentId, setAttachmentId] = useState('');
  const [attempt, setAttempt] = useState(0);
  const send = useMutation({
    mutationFn: (body: SendQuoteBody) => sendQuote(detail.id, body),
    onSuccess: onDone,
  });
  const amount = Number(tokens);
  const isAmountValid = tokens.trim() !== '' && Number.isInteger(amount) && amount >= 0;
  const pdfs = detail.attachments.filter(
    (attachment) => attachment.mediaType === 'application/pdf' && !attachment.isInternal,
  );
  const errors = send.error && isApiError(send.error) ? send.error.details : [];
  const errorFor = (path: string) => {
    const found = errors.find((error) => error.path === path);
    return found ? detailMessage(found) : null;
  };
  const labels: Record<string, string> = {
    amountTokens: t('operations.quote.form.tokens'),
    validUntil: t('operations.quote.form.validUntil'),
    text: t('operations.quote.form.text'),
    attachmentId: t('operations.quote.form.pdf'),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempt((count) => count + 1);
    send.mutate({
      amountTokens: isAmountValid ? amount : -1,
      validUntil,
      text,
      ...(attachmentId ? { attachmentId } : {}),
    });
  };

  return (
    <form id="quote-form" className="quote-form" onSubmit={submit} noValidate>
      <h3 className="processing__title">{t('operations.quote.form.title')}</h3>
      <p className="muted">{t('operations.quote.form.intro')}</p>
      {send.isError ? (
        errors.length > 0 ? (
          <ErrorSummary
            title={t('errors.validation_failed')}
            items={errors.map((error) => ({
              path: error.path,
              message: detailMessage(error),
              label: labels[error.path] ?? error.path,
            }))}
            focusKey={attempt}
          />
        ) : (
          <Notice tone="error" isLive>
            {errorText(send.error, t)}
          </Notice>
        )
      ) : null}
      <div className="form-grid">
        <TextField
          id={fieldId('amountTokens')}
          label={t('operations.quote.form.tokens')}
          isRequired
          error={errorFor('amountTokens')}
          hint={
            isAmountValid
              ? t('operations.quote.form.euros', {
                  euros: formatEuros(
                    Math.round(amount * detail.contract.tokenPriceEur * 100) / 100,
                    locale,
                  ),
                  price: formatEuros(detail.contract.tokenPriceEur, locale),
                })
              : null
          }
          inputMode="numeric"
          value={tokens}
          onChange={(value) => setTokens(value.replace(/\s/g, ''))}
        />
        <TextField
          id={fieldId('validUntil')}
          label={t('operations.quote.form.validUntil')}
          hint={t('operations.quote.form.validUntilHint')}
          isRequired
          error={errorFor('validUntil')}
          type="date"
          value={validUntil}
          min={dayFromToday(0)}
          onChange={setValidUntil}
        />
      </div>
      <FormField
        id={fieldId('text')}
        label={t('operations.quote.form.text')}
        hint={t('operations.quote.form.textHint')}
        isRequired
        error={errorFor('text')}
      >
        {(control) => (
          <textarea
            {...control}
            rows={4}
            maxLength={10_000}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </FormField>
      <SelectField
        id={fieldId('attachmentId')}
        label={t('operations.quote.form.pdf')}
        hint={t('operations.quote.form.pdfHint')}
        error={errorFor('attachmentId')}
        value={attachmentId}
        onChange={setAttachmentId}
        options={[
          { value: '', label: t('operations.quote.form.noPdf') },
          ...pdfs.map((pdf) => ({ value: pdf.id, label: pdf.fileName })),
        ]}
      />
      <p className="muted">
        {isAmountValid
          ? t('operations.quote.amountValue', {
              tokens: formatNumber(amount, locale),
              euros: formatEuros(
                Math.round(amount * detail.contract.tokenPriceEur * 100) / 100,
                locale,
              ),
            })
          : null}
      </p>
      <div className="form-actions__main">
        <Button type="submit" variant="primary" isBusy={send.isPending}>
          {t('operations.quote.form.submit')}
        </Button>
        <Button onClick={onCancel}>{t('operations.quote.form.cancel')}</Button>
      </div>
    </form>
  );
}
