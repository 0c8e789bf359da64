import type { AttachmentView, CommentView, QuoteView } from '@guichet/contracts';

/**
 * The shapes of a request's activity components (quotes, messages, files), shared by the
 * customer's follow-up and the back-office; `app/` hands the components from one feature to
 * the other (features do not import each other).
 */
export interface QuoteCardProps {
  quote: QuoteView;
  downloadUrl: (attachmentId: string) => string;
  isCompact?: boolean;
}

export interface CommentThreadProps {
  comments: readonly CommentView[];
  canComment: boolean;
  allowInternal: boolean;
  onSubmit: (comment: { body: string; isInternal: boolean }) => Promise<unknown>;
}

export interface AttachmentListProps {
  attachments: readonly AttachmentView[];
  downloadUrl: (attachmentId: string) => string;
  /** Sends one file (internal when asked and allowed); null when the caller may not add any. */
  upload: ((file: File, isInternal: boolean) => Promise<unknown>) | null;
  allowInternal: boolean;
  onUploaded: () => unknown;
}
