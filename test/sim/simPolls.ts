import { createHash, randomBytes } from 'node:crypto';
import { aesEncryptGCM, hmacSign, proto } from '@whiskeysockets/baileys';
import type { Contact } from './contact.js';
import type { SimGroup } from './groups/index.js';
import type { Simulator } from './simulator.js';

/** What a voter needs to know about a poll (from its creation message). */
export type PollRef = Readonly<{
  id: string;
  /** `messageContextInfo.messageSecret` of the creation message: the vote encryption key. */
  secret: Uint8Array;
  /** The creator as the vote signature names it (PN jid in 1:1 chats, the addressing-mode jid in groups). */
  creatorJid: string;
  /** Whether the creator is the account (then the poll is from the app or the phone). */
  creatorIsMe: boolean;
  options: readonly string[];
  group?: SimGroup;
}>;

export type PollVoteInput = Readonly<{
  pollMsgId: string;
  pollCreatorJid: string;
  voterJid: string;
  secret: Uint8Array;
}>;

/**
 * The inverse of Baileys' `decryptPollVote`: key = HMAC(HMAC(0³², secret), id ‖ creator ‖ voter ‖
 * "Poll Vote" ‖ 0x01), AES-256-GCM with AAD `id\0voter`. Options travel as sha256 of their names.
 */
export function encryptPollVote(input: PollVoteInput, selected: readonly string[]): proto.Message.IPollEncValue {
  const sign = Buffer.concat([
    Buffer.from(input.pollMsgId),
    Buffer.from(input.pollCreatorJid),
    Buffer.from(input.voterJid),
    Buffer.from('Poll Vote'),
    Buffer.from([1]),
  ]);
  const key = hmacSign(sign, hmacSign(input.secret, new Uint8Array(32), 'sha256'), 'sha256');
  const encIv = randomBytes(12);
  const vote = proto.Message.PollVoteMessage.encode({
    selectedOptions: selected.map((o) => createHash('sha256').update(o).digest()),
  }).finish();
  const aad = Buffer.from(`${input.pollMsgId}\u0000${input.voterJid}`);
  return { encIv, encPayload: aesEncryptGCM(vote, key, encIv, aad) };
}

/**
 * Polls and votes. Contacts create polls (1:1 or in a group) and vote, encrypting each vote with the
 * poll's messageSecret exactly as WhatsApp does, so the app decrypts them with Baileys'
 * `decryptPollVote` and tallies with `getAggregateVotesInPollMessage`.
 *
 *   const poll = await sim.polls.create(ana, 'Lunch?', ['Sushi', 'Tacos'], { group: team });
 *   await sim.polls.vote(bo, poll, ['Tacos']);
 *   const mine = sim.polls.fromApp(ana, sentPollKeyId);  // a poll the app sent to ana
 */
export class SimPolls {
  readonly #polls = new Map<string, PollRef>();

  constructor(private readonly sim: Simulator) {}

  /** A poll created through this API (or read back with `fromApp`), by message id. */
  get(id: string): PollRef | undefined {
    return this.#polls.get(id);
  }

  async create(
    creator: Contact,
    name: string,
    options: readonly string[],
    opts: Readonly<{ group?: SimGroup; selectableCount?: number }> = {},
  ): Promise<PollRef> {
    const secret = randomBytes(32);
    const message: proto.IMessage = {
      pollCreationMessage: {
        name,
        options: options.map((optionName) => ({ optionName })),
        selectableOptionsCount: opts.selectableCount ?? 0,
      },
      messageContextInfo: { messageSecret: secret },
    };
    const id = opts.group
      ? await this.sim.groups.send(opts.group, creator, message)
      : await creator.sendMessage(message, { stanzaType: 'poll' });
    const creatorJid = opts.group ? this.sim.groups.memberJid(opts.group, creator) : creator.pnJid;
    const ref = { id, secret, creatorJid, creatorIsMe: false, options, ...(opts.group ? { group: opts.group } : {}) };
    this.#polls.set(id, ref);
    return ref;
  }

  /** A poll the app sent to `contact` (1:1): read back from what the contact decrypted. */
  async fromApp(contact: Contact, msgId: string): Promise<PollRef> {
    const { message } = await contact.waitForMessage((m) => m.id === msgId);
    const poll = message.pollCreationMessage ?? message.pollCreationMessageV2 ?? message.pollCreationMessageV3;
    const secret = message.messageContextInfo?.messageSecret;
    if (!poll || !secret) throw new Error(`${msgId} is not a poll with a messageSecret`);
    const ref: PollRef = {
      id: msgId,
      secret,
      creatorJid: this.sim.accountJid,
      creatorIsMe: true,
      options: (poll.options ?? []).map((o) => o.optionName ?? ''),
    };
    this.#polls.set(msgId, ref);
    return ref;
  }

  /** `voter` selects `selected` (an empty list retracts its vote). Returns the vote's message id. */
  vote(voter: Contact, poll: PollRef, selected: readonly string[]): Promise<string> {
    const voterJid = poll.group ? this.sim.groups.memberJid(poll.group, voter) : voter.pnJid;
    const vote = encryptPollVote(
      { pollMsgId: poll.id, pollCreatorJid: poll.creatorJid, voterJid, secret: poll.secret },
      selected,
    );
    const isOwn = !poll.creatorIsMe && poll.creatorJid === voterJid;
    const message: proto.IMessage = {
      pollUpdateMessage: {
        // The creation key as the voter sees it: its own poll is fromMe, the app's poll comes from the account.
        pollCreationMessageKey: {
          remoteJid: poll.group?.jid ?? this.sim.accountJid,
          fromMe: isOwn,
          id: poll.id,
          ...(poll.group && !isOwn ? { participant: poll.creatorJid } : {}),
        },
        vote,
        senderTimestampMs: Date.now(),
      },
    };
    return poll.group
      ? this.sim.groups.send(poll.group, voter, message)
      : voter.sendMessage(message, { stanzaType: 'poll' });
  }

  /**
   * The user votes on their phone (a `fromMe` message on the companion). `chatJid` is the 1:1 chat
   * the poll is in; a group poll uses its group.
   */
  voteFromPhone(chatJid: string, poll: PollRef, selected: readonly string[]): Promise<string> {
    const voterJid = this.sim.accountJid;
    const vote = encryptPollVote(
      { pollMsgId: poll.id, pollCreatorJid: poll.creatorJid, voterJid, secret: poll.secret },
      selected,
    );
    const chat = poll.group?.jid ?? chatJid;
    return this.sim.phoneUser.send(chat, {
      pollUpdateMessage: {
        // The creation key as the phone sees it: its own poll is fromMe, a contact's names its author.
        pollCreationMessageKey: {
          remoteJid: chat,
          fromMe: poll.creatorIsMe,
          id: poll.id,
          ...(poll.group && !poll.creatorIsMe ? { participant: poll.creatorJid } : {}),
        },
        vote,
        senderTimestampMs: Date.now(),
      },
    });
  }
}
