import type { BinaryNode } from '@whiskeysockets/baileys';
import { buildMediaConnNode, CdnServer } from './cdn/index.js';
import type { Contact } from './contact.js';
import {
  buildAudioMessage,
  buildDocumentMessage,
  buildImageMessage,
  buildStickerMessage,
  buildVideoMessage,
  buildVoiceNoteMessage,
  handleServerErrorReceipt,
} from './media/index.js';
import type { BuiltMedia, MediaRetryHandling, MediaRetryOutcome, MediaRetryRequest } from './media/index.js';
import type { SendOptions } from './peer.js';

export type MediaKindName = 'image' | 'video' | 'audio' | 'voice' | 'document' | 'sticker';

/** Content knobs shared by the builders (each ignores what does not apply). */
export type MediaContent = Readonly<{
  caption?: string;
  fileName?: string;
  title?: string;
  seed?: number;
  seconds?: number;
}>;

export type SentMedia = Readonly<{ id: string; built: BuiltMedia }>;

const missingKind = (x: never): Error => new Error(`unknown media kind ${String(x)}`);

/**
 * Glue between the simulator and the media CDN (test/sim/cdn, test/sim/media): contacts send media
 * whose blobs the CDN serves, and `<receipt type="server-error">` is answered as the phone would.
 *
 *   const sim = await Simulator.start({ media: true });
 *   makeWASocket({ ..., options: sim.media!.cdn.requestOptions, fetchAgent: sim.media!.cdn.httpsAgent });
 *   const { id } = await sim.media!.send(ana, 'image', { caption: 'beach' });
 *   sim.media!.retryOutcome = { kind: 'error', code: 2 };
 */
export class SimMedia {
  /** How the phone answers media re-upload requests (default: re-upload succeeds). */
  retryOutcome: MediaRetryOutcome | ((request: MediaRetryRequest) => MediaRetryOutcome) = { kind: 'success' };
  readonly retries: MediaRetryHandling[] = [];
  readonly #byId = new Map<string, BuiltMedia>();

  constructor(
    readonly cdn: CdnServer,
    readonly ownsCdn: boolean,
  ) {}

  static async create(cdn?: CdnServer): Promise<SimMedia> {
    return cdn ? new SimMedia(cdn, false) : new SimMedia(await CdnServer.start(), true);
  }

  get mediaConnNode(): BinaryNode {
    return buildMediaConnNode(this.cdn);
  }

  build(kind: MediaKindName, content: MediaContent = {}): Promise<BuiltMedia> {
    const cdn = this.cdn;
    const seed = content.seed !== undefined ? { seed: content.seed } : {};
    const caption = content.caption !== undefined ? { caption: content.caption } : {};
    const seconds = content.seconds !== undefined ? { seconds: content.seconds } : {};
    switch (kind) {
      case 'image':
        return buildImageMessage(cdn, { ...seed, ...caption });
      case 'video':
        return buildVideoMessage(cdn, { ...caption, ...seconds });
      case 'audio':
        return buildAudioMessage(cdn, seconds);
      case 'voice':
        return buildVoiceNoteMessage(cdn, seconds);
      case 'document':
        return buildDocumentMessage(cdn, {
          ...caption,
          ...(content.fileName !== undefined ? { fileName: content.fileName } : {}),
          ...(content.title !== undefined ? { title: content.title } : {}),
        });
      case 'sticker':
        return buildStickerMessage(cdn, seed);
      default:
        throw missingKind(kind);
    }
  }

  /** A contact sends one media message; the blob is on the CDN, the message Signal-encrypted. */
  async send(
    contact: Contact,
    kind: MediaKindName,
    content: MediaContent = {},
    opts: SendOptions = {},
  ): Promise<SentMedia> {
    const built = await this.build(kind, content);
    const id = await contact.sendMessage(built.message, { stanzaType: 'media', ...opts });
    this.#byId.set(id, built);
    return { id, built };
  }

  /** What the phone does with a `server-error` receipt; undefined = stay silent. */
  answerServerError(receipt: BinaryNode): BinaryNode | undefined {
    const handling = handleServerErrorReceipt(receipt, {
      cdn: this.cdn,
      lookup: (request) => this.#byId.get(request.msgId),
      outcome: this.retryOutcome,
    });
    this.retries.push(handling);
    return handling.reply;
  }

  async close(): Promise<void> {
    if (this.ownsCdn) await this.cdn.close();
  }
}
