import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, attachmentMaxBytes } from '@guichet/domain';
import { assertUploadText } from './text-boundary.ts';

/** A multipart form's one file, announced by name and type; its bytes are read on demand. */
export interface Upload {
  fileName: string;
  mediaType: string;
  read: () => Promise<Buffer>;
}

/** The error statuses an upload route answers beside its feature's: too large, not multipart. */
export const uploadErrors = [413, 415] as const;

// Room for the multipart envelope around the largest accepted file.
const envelopeBytes = 64 * 1024;

/**
 * Reads the announcement of the request's file (field `file`). Refuses early, before any
 * byte of the file is read: a body announced larger than the limit (413) or not multipart
 * (415); the caller then checks the declared type before calling `read()`.
 */
export async function receiveUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new DomainError('unsupported_media_type', 'Send the file as multipart/form-data');
  }
  const announced = Number(request.headers['content-length'] ?? 0);
  if (announced > attachmentMaxBytes + envelopeBytes) {
    throw new DomainError('payload_too_large', 'The file is larger than 10 MB', [
      { path: 'file', message: 'The file is larger than 10 MB', rule: 'too_large' },
    ]);
  }
  let file: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    file = await request.file({ limits: { fileSize: attachmentMaxBytes, files: 1 } });
  } catch (error) {
    // busboy refuses a body it cannot read as a form (no boundary, truncated): the sender's fault
    if ((error as { statusCode?: unknown }).statusCode !== undefined) throw error;
    throw new DomainError('validation_failed', 'The multipart form cannot be read', [
      { path: 'file', message: 'The multipart form cannot be read', rule: 'malformed' },
    ]);
  }
  if (!file) {
    throw new DomainError('validation_failed', 'No file in the form', [
      { path: 'file', message: 'Choose a file', rule: 'required' },
    ]);
  }
  const texts: Record<string, unknown> = { 'file.name': file.filename };
  for (const [name, part] of Object.entries(file.fields)) {
    for (const field of Array.isArray(part) ? part : [part]) {
      if (field && field.type === 'field') texts[name] = field.value;
    }
  }
  assertUploadText(texts);
  return {
    fileName: file.filename,
    mediaType: file.mimetype,
    async read() {
      try {
        return await file.toBuffer();
      } catch (error) {
        if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new DomainError('payload_too_large', 'The file is larger than 10 MB', [
            { path: 'file', message: 'The file is larger than 10 MB', rule: 'too_large' },
          ]);
        }
        throw error;
      }
    },
  };
}

/** Sends a stored file as a download, under its own name. */
export function sendDownload(
  reply: FastifyReply,
  file: { fileName: string; mediaType: string; content: Buffer },
): FastifyReply {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', file.mediaType)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('cache-control', 'private, no-store')
    .send(file.content);
}

/** Sends an attachment as a feature's service reads it (its view names and types it). */
export function sendAttachment(
  reply: FastifyReply,
  attachment: { view: { fileName: string; mediaType: string }; content: Buffer },
): FastifyReply {
  return sendDownload(reply, { ...attachment.view, content: attachment.content });
}
