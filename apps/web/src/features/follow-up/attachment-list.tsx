import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentMaxBytes } from '@guichet/domain';
import { Badge } from '../../components/ui/badge.tsx';
import { FileChooser } from '../../components/ui/file-chooser.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import type { AttachmentListProps } from '../../lib/activity-slots.ts';
import { formatDateTime, formatFileSize } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { InternalCheckbox, SendActions } from './follow-up-form-parts.tsx';
import { useSending } from './use-sending.ts';

const accepted = '.pdf,.png,.jpg,.jpeg,.txt,.log,.csv,.docx,.xlsx';

/** The files stored with the request, to download; and the form to add one. */
export function AttachmentList({
  attachments,
  downloadUrl,
  upload,
  allowInternal,
  onUploaded,
}: AttachmentListProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const formId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [isInternal, setIsInternal] = useState(false);
  const { isBusy, error, setError, isDone, send } = useSending();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (upload === null) return;
    const problem = !file
      ? t('operations.attachments.chooseFile')
      : file.size > attachmentMaxBytes
        ? t('operations.attachments.tooLarge')
        : null;
    void send(
      problem,
      async () => {
        if (!file) return;
        await upload(file, isInternal);
        setFile(null);
        setIsInternal(false);
      },
      onUploaded,
    );
  };

  return (
    <div className="attachments">
      {attachments.length === 0 ? (
        <p className="muted">{t('operations.attachments.empty')}</p>
      ) : (
        <ul className="attachments__list">
          {attachments.map((attachment) => (
            <li key={attachment.id} className="attachments__item">
              <a
                href={downloadUrl(attachment.id)}
                download={attachment.fileName}
                aria-label={t('operations.attachments.download', { name: attachment.fileName })}
                className="attachments__name"
              >
                {attachment.fileName}
              </a>
              {attachment.isInternal ? (
                <Badge tone="warning">{t('operations.attachments.internalBadge')}</Badge>
              ) : null}
              <span className="attachments__meta">
                {t('operations.attachments.meta', {
                  size: formatFileSize(attachment.sizeBytes, locale),
                  name: attachment.uploadedByName,
                  date: formatDateTime(attachment.createdAt, locale),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {upload !== null ? (
        <form className="attachments__form" onSubmit={submit} noValidate>
          <FileChooser
            id={`${formId}-file`}
            label={t('operations.attachments.file')}
            hint={t('operations.attachments.hint')}
            accept={accepted}
            file={file}
            error={error}
            onChoose={(chosen) => {
              setFile(chosen);
              setError(null);
            }}
          />
          {allowInternal ? (
            <InternalCheckbox
              id={`${formId}-internal`}
              label={t('operations.attachments.internal')}
              checked={isInternal}
              onChange={setIsInternal}
            />
          ) : null}
          <SendActions
            className="attachments__actions"
            doneClassName="attachments__done"
            isBusy={isBusy}
            done={isDone ? t('operations.attachments.uploaded') : null}
          >
            {t('operations.attachments.upload')}
          </SendActions>
        </form>
      ) : (
        <Notice tone="info">{t('operations.attachments.readOnly')}</Notice>
      )}
    </div>
  );
}
