import type {
  AccountId,
  Chat,
  ChatId,
  ContactId,
  MessageDraft,
  MessageBody,
  MessageId,
  NameSource,
} from '../../../../shared/src/index.js';

/** The message an op applies to, in domain ids (see `messageId.ts` for the scheme). */
export type MessageTarget = Readonly<{ chatId: ChatId; messageId: MessageId }>;

/**
 * What `downloadContentFromMessage` needs to fetch and decrypt a media blob, with bytes as base64 so
 * the row can be stored as JSON. `waType` is the proto field (`imageMessage`…), `mediaType` the
 * Baileys HKDF media type (`image`, `ptv`…), both plain strings so no Baileys type leaks out.
 */
export type MediaDownload = Readonly<{
  waType: string;
  mediaType: string;
  directPath: string | null;
  url: string | null;
  mediaKeyB64: string | null;
  fileEncSha256B64: string | null;
  fileSha256B64: string | null;
  mediaKeyTimestamp: number | null;
  fileLength: number | null;
}>;

/** A poll vote is end-to-end encrypted with the poll's messageSecret; kept encrypted until the poll is known. */
export type PollVote =
  | Readonly<{ kind: 'decrypted'; selectedOptionHashesHex: readonly string[] }>
  | Readonly<{
      kind: 'encrypted';
      encPayloadB64: string;
      encIvB64: string;
      /** Raw JIDs exactly as the vote carried them: the HMAC/AES key derivation uses them verbatim. */
      pollCreatorJid: string;
      voterJid: string;
      pollMsgId: string;
    }>;

/**
 * Partial chat row. Merge rules for the store: `lastMessageAt` (and the `preview` that goes with it)
 * keeps the newest, `oldestMessageAt` the oldest; every other field present overwrites.
 */
export type ChatPatch = Readonly<
  Pick<Chat, 'id' | 'contactId' | 'isGroup'> &
    Partial<
      Pick<
        Chat,
        | 'subject'
        | 'lastMessageAt'
        | 'oldestMessageAt'
        | 'preview'
        | 'unreadCount'
        | 'isMarkedUnread'
        | 'pinnedAt'
        | 'isArchived'
        | 'mutedUntil'
        | 'isHistoryExhausted'
      >
    >
>;

export type NormalizeOp =
  | Readonly<{
      op: 'upsertMessage';
      message: MessageDraft;
      /** `proto.WebMessageInfo.encode` bytes: what `getMessage` must return for retries and re-uploads. */
      raw: Uint8Array;
      media?: MediaDownload;
      /** messageContextInfo.messageSecret (base64) of a poll, needed later to decrypt its votes. */
      pollSecretB64?: string;
    }>
  | Readonly<{ op: 'upsertChat'; chat: ChatPatch }>
  | Readonly<{
      op: 'applyReaction';
      target: MessageTarget;
      senderId: ContactId;
      /** '' removes the sender's reaction. */
      emoji: string;
      at: number;
    }>
  | Readonly<{ op: 'applyEdit'; target: MessageTarget; newBody: MessageBody; newText: string; at: number }>
  | Readonly<{ op: 'applyRevoke'; target: MessageTarget; at: number }>
  | Readonly<{ op: 'applyPollVote'; target: MessageTarget; voter: ContactId; vote: PollVote; at: number }>
  | Readonly<{ op: 'upsertContactName'; contactId: ContactId; source: NameSource; name: string }>
  | Readonly<{ op: 'lidMapping'; lid: string; pn: string }>
  | Readonly<{ op: 'ignore'; reason: string }>;

export type NormalizeOpKind = NormalizeOp['op'];

/** Decrypts a vote with the poll's secret, which only the store knows; null when the poll is not known yet. */
export type DecryptPollVote = (input: {
  /** The poll as the archive files it: where its creation message (and so its secret) is stored. */
  target: MessageTarget;
  encPayload: Uint8Array;
  encIv: Uint8Array;
  pollCreatorJid: string;
  voterJid: string;
  pollMsgId: string;
}) => { selectedOptionHashes: readonly Uint8Array[] } | null;

/** Everything the normalizer needs from the outside world, injected so it stays pure. */
export type NormalizeContext = Readonly<{
  accountId: AccountId;
  /** The account's own JIDs (PN, and LID once known); compared by user, device ignored. */
  self: Readonly<{ pn: string; lid: string | null }>;
  /** LID→PN (or any alias) resolution, so a LID and a PN of one person land in one chat. */
  resolveJid: (jid: string) => string;
  /** True for ids this app sent; fromMe messages with other ids were sent from the phone. */
  isSentByThisDevice: (waMessageId: string) => boolean;
  decryptPollVote?: DecryptPollVote;
}>;
