/** Attachments of a request: what may be uploaded (kept small and of known, harmless types). */
export const attachmentMaxBytes = 10 * 1024 * 1024;

/** Media types accepted, with the file extensions each may carry. */
export const attachmentTypes: Readonly<Record<string, readonly string[]>> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'text/plain': ['txt', 'log'],
  'text/csv': ['csv'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
};

export type AttachmentProblem = 'empty' | 'too_large' | 'unsupported_type' | 'content_mismatch';

const signatures: Readonly<Record<string, readonly number[]>> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46], // %PDF
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
  // Office Open XML files are zip archives
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [0x50, 0x4b, 0x03, 0x04],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [
    0x50, 0x4b, 0x03, 0x04,
  ],
};

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/**
 * The file name as stored and offered back: no folders, no control characters, at most 200
 * characters (keeping the extension).
 */
export function cleanFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (clean === '' || clean === '.' || clean === '..') return 'fichier';
  if (clean.length <= 200) return clean;
  const extension = extensionOf(clean);
  return extension && extension.length < 20
    ? `${clean.slice(0, 199 - extension.length)}.${extension}`
    : clean.slice(0, 200);
}

/** The type declared by the browser must be allowed and match the name's extension. */
export function declaredTypeProblem(fileName: string, mediaType: string): AttachmentProblem | null {
  const extensions = attachmentTypes[mediaType.toLowerCase()];
  if (!extensions || !extensions.includes(extensionOf(fileName))) return 'unsupported_type';
  return null;
}

/** What is wrong with the received content, or null: size, then the bytes match the type. */
export function contentProblem(mediaType: string, content: Uint8Array): AttachmentProblem | null {
  if (content.length === 0) return 'empty';
  if (content.length > attachmentMaxBytes) return 'too_large';
  const signature = signatures[mediaType.toLowerCase()];
  if (signature && !signature.every((byte, index) => content[index] === byte)) {
    return 'content_mismatch';
  }
  if (mediaType.startsWith('text/') && content.subarray(0, 8192).includes(0)) {
    return 'content_mismatch';
  }
  return null;
}
