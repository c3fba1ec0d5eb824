import type { BinaryNode, KeyPair } from '@whiskeysockets/baileys';
import type { CdnServer } from './cdn/index.js';
import type { CertAuthority, CertMode } from './certs.js';
import type { HistorySyncInput } from './history/index.js';
import type { PairingCodeFlow } from './pairingCode.js';
import type { QrRefs, QrTimings } from './qrRefs.js';
import type { ServerConnection } from './serverConnection.js';
import type { ServerQueries } from './serverQueries.js';
import type { Simulator } from './simulator.js';
import type { Account } from './world.js';

export type SimulatorOptions = Readonly<{
  port?: number;
  host?: string;
  certMode?: CertMode;
  /** Defaults to one authority shared by every simulator in the process (same trustRoot). */
  certAuthority?: CertAuthority;
  qr?: Partial<QrTimings>;
  account?: Readonly<{ pn?: string; lid?: string; pushName?: string }>;
  /** Sent as <biz name> at pairing; Baileys then knows its own name (else "no name present"). */
  bizName?: string;
  /** Hostname put in media_conn replies (the media CDN's dispatcher routes every host anyway). */
  mediaHost?: string;
  /** How long the phone waits for the companion's pair-device-sign. */
  pairingReplyTimeoutMs?: number;
  /**
   * What the phone sends (inline) right after the first login, like a real phone does. Without it
   * Baileys buffers all events for 20 s on that login and on every later one. Default: an empty
   * INITIAL_BOOTSTRAP; `false` sends nothing.
   */
  initialHistory?: HistorySyncInput | readonly HistorySyncInput[] | false;
  /** Start (true) or use a media CDN; contacts can then send media and media retry is answered. */
  media?: boolean | CdnServer;
  /**
   * The phone shares its app-state keys (APP_STATE_SYNC_KEY_SHARE) right before the initial history,
   * as a real phone does after linking, so the first app-state sync decodes what `sim.appState`
   * holds and `chatModify` works. Default false (part-1 behaviour: empty collections, no keys).
   */
  appState?: boolean;
  /**
   * Served by a SimHost on its shared port instead of an own listener (SimHost.addAccount sets it;
   * `port` and `host` are then ignored).
   */
  server?: SimHostLink;
}>;

/** What an account needs from the SimHost that serves it (one port, several accounts). */
export type SimHostLink = Readonly<{
  port: () => number;
  staticKeys: KeyPair;
  refs: QrRefs;
  queries: ServerQueries;
  pairingCode: PairingCodeFlow;
  /** Binds connection `connId` to `sim` (the phone that scanned its QR or entered its code). */
  claim: (connId: number, sim: Simulator) => ServerConnection | undefined;
}>;

/** Answer to a `<receipt type="server-error">` (media re-upload request): a notification, or silence. */
export type ServerErrorReceiptHandler = (
  receipt: BinaryNode,
  ctx: Readonly<{ account: Account; ownPnJid: string }>,
) => Promise<BinaryNode | undefined> | BinaryNode | undefined;

export type SimStats = {
  plaintextStanzas: number;
  retryReceiptsAnswered: number;
  /** Retry receipts peers sent for app messages they could not decrypt. */
  retryReceiptsSent: number;
  protocolErrors: number;
  connections: number;
  /** Messages from the app a peer could not decrypt; each is answered with a retry receipt (up to 5 per id). */
  peerDecryptFailures: number;
};
