// Direct import: the index would pull in zod and every schema, which the renderer never evaluates.
import { MAX_ATTACHMENT_BYTES } from '../../../../shared/src/contract/limits.js';
import { formatBytes } from '../../format/time.js';

/** Image types WhatsApp shows inline; anything else (GIF, SVG, HEIC, PDF…) travels as a document. */
const INLINE_IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

export type AttachmentKind = 'image' | 'document';

export function attachmentKindOf(mimeType: string): AttachmentKind {
  return INLINE_IMAGE_TYPES.has(mimeType.toLowerCase()) ? 'image' : 'document';
}

/** Why a file cannot be sent, in words; null when it can. */
export function attachmentProblem(file: { readonly size: number; readonly name: string }): string | null {
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > MAX_ATTACHMENT_BYTES)
    return `“${file.name}” is ${formatBytes(file.size)}. Files up to ${formatBytes(MAX_ATTACHMENT_BYTES)} can be sent from this app.`;
  return null;
}

/** The file's bytes as plain base64 (no data: prefix), as `messages.sendAttachment` expects. */
export function readFileAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = reader.result;
      if (typeof url === 'string') resolve(url.slice(url.indexOf(',') + 1));
      else reject(new Error('file could not be read as a data URL'));
    };
    reader.onerror = () => reject(reader.error ?? new Error('file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** A name for pasted images, which arrive as "image.png" from every source. */
export function pastedFileName(mimeType: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[T:]/g, '-');
  const extension = mimeType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin';
  return `Pasted image ${stamp}.${extension}`;
}
