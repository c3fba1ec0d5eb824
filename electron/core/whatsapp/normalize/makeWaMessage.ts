// Test fixtures: real proto objects built through protobufjs, so Long timestamps and byte fields look
// exactly as they do off the wire.
import { proto } from '@whiskeysockets/baileys';
import type { WAMessage } from '@whiskeysockets/baileys';
import type { AccountId } from '../../../../shared/src/index.js';
import type { NormalizeContext, NormalizeOp } from './ops.js';

export const SELF_PN = '15550000001@s.whatsapp.net';
export const SELF_LID = '90000000001@lid';
export const PEER_PN = '15550000002@s.whatsapp.net';
export const PEER_LID = '90000000002@lid';
export const OTHER_PN = '15550000003@s.whatsapp.net';
export const GROUP = '120363000000000001@g.us';
export const T_SECONDS = 1_760_000_000;

export function makeCtx(overrides: Partial<NormalizeContext> = {}): NormalizeContext {
  return {
    accountId: 'acc1' as AccountId,
    self: { pn: SELF_PN, lid: SELF_LID },
    resolveJid: (jid) => jid,
    isSentByThisDevice: () => false,
    ...overrides,
  };
}

type MessageOverrides = {
  key?: Record<string, unknown>;
  message?: Record<string, unknown> | null;
  [field: string]: unknown;
};

/** A real WebMessageInfo as Baileys types it (key always set, as our factory guarantees). */
export type WAMessageFixture = proto.WebMessageInfo & WAMessage;

/** An incoming 1:1 text by default; override any field of WebMessageInfo (key is merged). */
export function makeWaMessage(overrides: MessageOverrides = {}): WAMessageFixture {
  const { key, message, ...rest } = overrides;
  return proto.WebMessageInfo.fromObject({
    key: { remoteJid: PEER_PN, fromMe: false, id: '3EB0AAAA', ...key },
    messageTimestamp: T_SECONDS,
    ...(message === null ? {} : { message: message ?? { conversation: 'hello' } }),
    ...rest,
  }) as WAMessageFixture;
}

/** Baileys sets these alt fields beside the proto key; protobufjs would drop them, so add them after. */
export function withKeyAlts(
  msg: WAMessageFixture,
  alts: { remoteJidAlt?: string; participantAlt?: string },
): WAMessageFixture {
  Object.assign(msg.key, alts);
  return msg;
}

export const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

export type Upsert = Extract<NormalizeOp, { op: 'upsertMessage' }>;

export function upsertOf(ops: NormalizeOp[]): Upsert {
  const op = ops.find((o): o is Upsert => o.op === 'upsertMessage');
  if (!op) throw new Error(`no upsertMessage in ${JSON.stringify(ops.map((o) => o.op))}`);
  return op;
}

/** A fully populated image, as a phone sends it. */
export const IMAGE_FIXTURE = {
  mimetype: 'image/jpeg',
  caption: 'look',
  fileLength: 123_456,
  width: 640,
  height: 480,
  jpegThumbnail: bytes(0xff, 0xd8, 0xff),
  directPath: '/v/t62/abc',
  url: 'https://mmg.whatsapp.net/v/t62/abc',
  mediaKey: bytes(1, 2, 3),
  fileEncSha256: bytes(4, 5),
  fileSha256: bytes(6, 7),
  mediaKeyTimestamp: 1_700_000_000,
};
