import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { WAMessage, WASocket } from '@whiskeysockets/baileys';
import { normalizeMessageContent, proto } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { MediaState } from '../../../../shared/src/index.js';
import { describeMediaFailure, failedMediaState } from '../../media/mediaFailure.js';
import type { AccountStore, StoreOp } from '../../store/index.js';
import type { MediaDownload } from '../normalize/index.js';
import { fetchEncryptedMedia, MediaIntegrityError, MediaTooLargeError } from './fetchEncryptedMedia.js';
import { requestReupload } from './requestReupload.js';

export type MediaFetcherOptions = Readonly<{
  mediaDir: string;
  /** The address the renderer loads a saved file from (served by main: `/media/<account>/<file>`). */
  mediaUrl: (fileName: string) => string;
  requestOptions: RequestInit;
  downloadTimeoutMs: number;
  reuploadTimeoutMs: number;
  maxBytes: number;
}>;

export type MediaFetcherDeps = Readonly<{
  store: AccountStore;
  socket: () => WASocket | undefined;
  /** Commits and emits (media.changed) in one go. */
  persist: (ops: readonly StoreOp[]) => void;
  log: Logger;
  now: () => number;
  /** A file was saved and its message marked ready (the media cache enforces its limit then). */
  onSaved?: (fileName: string) => void;
}>;

type Outcome = Readonly<{ ok: true; bytes: Buffer } | { ok: false; err: unknown }>;

/**
 * One media item, end to end: CDN download → on 403/404/410 ask the phone to re-upload (rc14's own
 * automatic path is dead, it reads `error.status`) → download again → file under `media/`. Every
 * step is persisted as a media state; a failure is stored with its reason, never thrown.
 */
export class MediaFetcher {
  readonly #opts: MediaFetcherOptions;
  readonly #deps: MediaFetcherDeps;

  constructor(options: MediaFetcherOptions, deps: MediaFetcherDeps) {
    this.#opts = options;
    this.#deps = deps;
  }

  /** Returns the final state (ready or failed). Throws only when the message is not archived. */
  async download(chatId: string, messageId: string, isForcedReupload = false): Promise<MediaState> {
    const { store } = this.#deps;
    const record = store.getMedia(chatId, messageId);
    const raw = store.getRawMessage(chatId, messageId);
    if (record === undefined || raw === undefined || record.download === null) {
      throw new Error('no media for this message in the archive');
    }
    let info = record.download as MediaDownload;
    this.#set(chatId, messageId, { status: 'downloading', progress: null }, undefined, true);
    let outcome: Outcome = isForcedReupload ? { ok: false, err: { status: 410 } } : await this.#fetch(info);
    if (!outcome.ok && isCdnGone(outcome.err)) {
      const sock = this.#deps.socket();
      if (sock === undefined) return this.#fail(chatId, messageId, new Error('not connected'));
      this.#set(chatId, messageId, { status: 'reuploadRequested', requestedAt: this.#deps.now() });
      const msg = proto.WebMessageInfo.decode(raw) as WAMessage;
      try {
        const updated = await requestReupload(sock, msg, this.#opts.reuploadTimeoutMs);
        info = withNewLocation(info, updated);
      } catch (err) {
        return this.#fail(chatId, messageId, this.#reuploadError(err));
      }
      this.#set(chatId, messageId, { status: 'downloading', progress: null }, info, true);
      outcome = await this.#fetch(info);
    }
    if (!outcome.ok) return this.#fail(chatId, messageId, outcome.err);
    const fileName = fileNameOf(chatId, messageId, info);
    await fs.mkdir(this.#opts.mediaDir, { recursive: true });
    await fs.writeFile(path.join(this.#opts.mediaDir, fileName), outcome.bytes);
    const ready: MediaState = { status: 'ready', url: this.#opts.mediaUrl(fileName) };
    this.#set(chatId, messageId, ready);
    this.#deps.onSaved?.(fileName);
    return ready;
  }

  /** Names what went wrong with a re-upload request in terms mediaFailure classifies. */
  #reuploadError(err: unknown): unknown {
    // The socket closed while waiting for the phone: Baileys rejects with the close reason (440, 428…).
    if (this.#deps.socket() === undefined) return new Error('not connected');
    // AES-GCM of the phone's reply failed: node says "unable to authenticate data".
    if (err instanceof Error && /authenticate data/i.test(err.message))
      return new MediaIntegrityError('re-upload reply');
    return err;
  }

  async #fetch(info: MediaDownload): Promise<Outcome> {
    try {
      const bytes = await fetchEncryptedMedia(info, {
        requestOptions: this.#opts.requestOptions,
        timeoutMs: this.#opts.downloadTimeoutMs,
        maxBytes: this.#opts.maxBytes,
      });
      return { ok: true, bytes };
    } catch (err) {
      return { ok: false, err };
    }
  }

  #fail(chatId: string, messageId: string, err: unknown): MediaState {
    const state: MediaState =
      err instanceof MediaTooLargeError
        ? {
            status: 'failed',
            failure: 'tooLarge',
            detail: describeMediaFailure('tooLarge', null),
            httpStatus: null,
            at: this.#deps.now(),
          }
        : failedMediaState(err, this.#deps.now());
    this.#deps.log.info({ failure: state.status === 'failed' ? state.failure : null }, 'media download failed');
    this.#set(chatId, messageId, state);
    return state;
  }

  #set(chatId: string, messageId: string, state: MediaState, download?: MediaDownload, isAttempt = false): void {
    this.#deps.persist([
      {
        type: 'media.state',
        update: { chatId, messageId, state, ...(download ? { download } : {}), ...(isAttempt ? { isAttempt } : {}) },
      },
    ]);
  }
}

function isCdnGone(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  return status === 403 || status === 404 || status === 410;
}

/** After a re-upload Baileys rewrote directPath/url inside the message content. */
function withNewLocation(info: MediaDownload, msg: WAMessage): MediaDownload {
  const content = normalizeMessageContent(msg.message) as Record<string, unknown> | undefined;
  const media = content?.[info.waType] as { directPath?: string | null; url?: string | null } | undefined;
  return { ...info, directPath: media?.directPath ?? info.directPath, url: media?.url ?? info.url };
}

// When WhatsApp gave no (known) mimetype: what each media type is in practice.
const DEFAULT_EXTENSIONS: Readonly<Record<string, string>> = {
  image: '.jpg',
  sticker: '.webp',
  video: '.mp4',
  audio: '.ogg',
  ptt: '.ogg',
};

/** The file name of a message's media without its extension (the cache protects downloads by it). */
export function mediaFileStem(chatId: string, messageId: string): string {
  return createHash('sha256').update(`${chatId}\u001f${messageId}`).digest('hex').slice(0, 40);
}

function fileNameOf(chatId: string, messageId: string, info: MediaDownload): string {
  return `${mediaFileStem(chatId, messageId)}${DEFAULT_EXTENSIONS[info.mediaType] ?? '.bin'}`;
}
