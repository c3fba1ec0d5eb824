import { z } from 'zod';

export const MediaKindSchema = z.enum(['image', 'video', 'audio', 'voice', 'document', 'sticker']);
export type MediaKind = z.infer<typeof MediaKindSchema>;

/** Why a media item could not be shown, always explained to the user in words. */
export const MediaFailureSchema = z.enum([
  'cdnGone', // CDN answered 403/404/410: expired on the server
  'cdnError', // other HTTP failure
  'phoneNotFound', // the phone answered NOT_FOUND to the re-upload request
  'phoneError', // the phone answered with an error code
  'decryptionFailed', // re-upload reply or blob could not be decrypted/verified
  'timedOut', // no answer from the phone in time
  'notConnected', // the account was offline
  'tooLarge', // over the media cache limit
]);
export type MediaFailure = z.infer<typeof MediaFailureSchema>;

export const MediaStateSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('remote'),
    /** Set when the file was downloaded once and removed to keep the media cache under its limit. */
    evictedAt: z.number().int().optional(),
  }),
  z.object({ status: z.literal('downloading'), progress: z.number().min(0).max(1).nullable() }),
  z.object({ status: z.literal('reuploadRequested'), requestedAt: z.number().int() }),
  z.object({ status: z.literal('ready'), url: z.string().max(2048) }),
  z.object({
    status: z.literal('failed'),
    failure: MediaFailureSchema,
    detail: z.string().max(500),
    httpStatus: z.number().int().nullable(),
    at: z.number().int(),
  }),
]);
export type MediaState = z.infer<typeof MediaStateSchema>;

export const MediaInfoSchema = z.object({
  kind: MediaKindSchema,
  mimeType: z.string().max(255).nullable(),
  fileName: z.string().max(512).nullable(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  durationSeconds: z.number().nonnegative().nullable(),
  width: z.number().int().nonnegative().nullable(),
  height: z.number().int().nonnegative().nullable(),
  /** Small inline preview (data: URL) that WhatsApp ships with the message. */
  thumbnailDataUrl: z.string().max(200_000).nullable(),
  state: MediaStateSchema,
});
export type MediaInfo = z.infer<typeof MediaInfoSchema>;
