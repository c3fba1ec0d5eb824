import { createHash } from 'node:crypto';
import type { ContactId, Message } from '../../../shared/src/index.js';
import { isGroupJid } from './jid.js';
import { readMessage, writeMessage } from './messageWriter.js';
import { rekeyMessageId } from './rekeyMessageId.js';
import type { WriteContext } from './writeContext.js';

/*
 * Poll votes: one row per (poll, voter), the newest vote wins. A vote names options by the SHA-256
 * of their text (WhatsApp's scheme, as Baileys' getAggregateVotesInPollMessage computes it), so the
 * tally is computed here against the poll's option names and written into the poll message's body,
 * which carries it to the UI as an ordinary message update.
 */

/** Schema version 2: the votes table. */
export const POLL_VOTES_SCHEMA = `
CREATE TABLE poll_votes (
  chat_id        TEXT NOT NULL,
  poll_id        TEXT NOT NULL,  -- the poll's message id
  voter_id       TEXT NOT NULL,
  options_json   TEXT,           -- JSON array of selected option hashes (hex); NULL while encrypted
  encrypted_json TEXT,           -- the vote as received when it could not be decrypted yet
  voted_at       INTEGER NOT NULL, -- the voter's timestamp (ms): the newest vote per voter wins
  hlc            TEXT NOT NULL,
  PRIMARY KEY (chat_id, poll_id, voter_id)
) WITHOUT ROWID;
`;

export type PollVoteRecord = Readonly<{
  chatId: string;
  pollId: string;
  voterId: string;
  /** Hex SHA-256 of each selected option's text; empty = vote withdrawn; null = not decrypted yet. */
  optionHashesHex: readonly string[] | null;
  /** Opaque (whatsapp/ owns the format): kept so a vote that could not be decrypted is not lost. */
  encryptedJson?: string | null;
  votedAt: number;
}>;

type VoteRow = { voter_id: string; options_json: string | null; voted_at: number };

/**
 * Stores a vote unless the voter already has a newer one, then rewrites the poll's tally. The poll
 * may not be archived yet (a vote can overtake it): the vote is kept and counted once it arrives.
 */
export function applyPollVote(ctx: WriteContext, vote: PollVoteRecord): boolean {
  const chatId = isGroupJid(vote.chatId) ? vote.chatId : ctx.resolver.resolve(vote.chatId);
  const voterId = ctx.resolver.resolve(vote.voterId);
  const stored = ctx.db
    .stmt('SELECT options_json, voted_at FROM poll_votes WHERE chat_id = ? AND poll_id = ? AND voter_id = ?')
    .get(chatId, vote.pollId, voterId) as Pick<VoteRow, 'options_json' | 'voted_at'> | undefined;
  if (stored !== undefined && isStoredPreferred(stored, vote)) return true;
  ctx.db
    .stmt(
      `INSERT INTO poll_votes (chat_id, poll_id, voter_id, options_json, encrypted_json, voted_at, hlc)
       VALUES (@chatId, @pollId, @voterId, @options, @encrypted, @votedAt, @hlc)
       ON CONFLICT (chat_id, poll_id, voter_id) DO UPDATE SET options_json = excluded.options_json,
         encrypted_json = excluded.encrypted_json, voted_at = excluded.voted_at, hlc = excluded.hlc`,
    )
    .run({
      chatId,
      pollId: vote.pollId,
      voterId,
      options: vote.optionHashesHex === null ? null : JSON.stringify(vote.optionHashesHex),
      encrypted: vote.encryptedJson ?? null,
      votedAt: vote.votedAt,
      hlc: ctx.clock.now(),
    });
  retallyPoll(ctx, chatId, vote.pollId);
  return true;
}

type MovedVoteRow = VoteRow & { chat_id: string; poll_id: string; encrypted_json: string | null };

/**
 * A LID turned out to be a phone number's (see lidMerger): votes filed under the LID, as the chat
 * of a 1:1 poll or as the voter, move to the phone-number JID, where the newer of two clashing
 * votes wins as usual. The polls they count towards are re-tallied, so no voter shows twice or
 * under the LID.
 */
export function mergePollVotes(ctx: WriteContext, lid: string, pn: string): void {
  const rows = ctx.db
    .stmt(
      `SELECT chat_id, poll_id, voter_id, options_json, encrypted_json, voted_at FROM poll_votes
       WHERE chat_id = ? OR voter_id = ? OR poll_id LIKE ? ESCAPE '\\'`,
    )
    .all(lid, lid, `%|${likeEscaped(lid)}|%`) as MovedVoteRow[];
  const polls = new Map<string, Readonly<{ chatId: string; pollId: string }>>();
  for (const row of rows) {
    ctx.db
      .stmt('DELETE FROM poll_votes WHERE chat_id = ? AND poll_id = ? AND voter_id = ?')
      .run(row.chat_id, row.poll_id, row.voter_id);
    const chatId = row.chat_id === lid ? pn : row.chat_id;
    const voterId = row.voter_id === lid ? pn : row.voter_id;
    // The poll message itself was re-keyed the same way (lidMerger).
    const pollId = rekeyMessageId(row.poll_id, lid, pn);
    polls.set(`${chatId}\u001f${pollId}`, { chatId, pollId });
    const stored = ctx.db
      .stmt('SELECT options_json, voted_at FROM poll_votes WHERE chat_id = ? AND poll_id = ? AND voter_id = ?')
      .get(chatId, pollId, voterId) as Pick<VoteRow, 'options_json' | 'voted_at'> | undefined;
    const moved = {
      votedAt: row.voted_at,
      optionHashesHex: row.options_json === null ? null : parseHashes(row.options_json),
    };
    if (stored !== undefined && isStoredPreferred(stored, moved)) continue;
    ctx.db
      .stmt(
        `INSERT OR REPLACE INTO poll_votes (chat_id, poll_id, voter_id, options_json, encrypted_json, voted_at, hlc)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(chatId, pollId, voterId, row.options_json, row.encrypted_json, row.voted_at, ctx.clock.now());
  }
  for (const { chatId, pollId } of polls.values()) retallyPoll(ctx, chatId, pollId);
}

function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Older votes lose; at the same time a decrypted copy beats an encrypted one (history vs live). */
function isStoredPreferred(
  stored: Pick<VoteRow, 'options_json' | 'voted_at'>,
  vote: Pick<PollVoteRecord, 'votedAt' | 'optionHashesHex'>,
): boolean {
  if (stored.voted_at !== vote.votedAt) return stored.voted_at > vote.votedAt;
  return stored.options_json !== null && vote.optionHashesHex === null;
}

/**
 * Writes the current tally into the poll message (a new seq, so readers get a message update).
 * Also run after a poll is upserted again, because its incoming copy carries no voters.
 */
export function retallyPoll(ctx: WriteContext, chatIdIn: string, pollId: string, onlyIfVoted = false): void {
  const chatId = isGroupJid(chatIdIn) ? chatIdIn : ctx.resolver.resolve(chatIdIn);
  const poll = readMessage(ctx, chatId, pollId);
  if (poll === undefined || poll.body.kind !== 'poll') return;
  const rows = ctx.db
    .stmt(
      `SELECT voter_id, options_json, voted_at FROM poll_votes
       WHERE chat_id = ? AND poll_id = ? AND options_json IS NOT NULL ORDER BY voted_at, voter_id`,
    )
    .all(chatId, pollId) as VoteRow[];
  if (onlyIfVoted && rows.length === 0) return;
  const tallied = tallyOf(poll.body, rows);
  if (JSON.stringify(tallied.options) === JSON.stringify(poll.body.options)) return;
  writeMessage(ctx, { ...poll, body: tallied }, null, false);
}

type PollBody = Extract<Message['body'], { kind: 'poll' }>;

/** Voters per option, in voting order; votes for options the poll does not have are not counted. */
export function tallyOf(body: PollBody, rows: readonly VoteRow[]): PollBody {
  const votersByHash = new Map<string, ContactId[]>();
  for (const row of rows) {
    for (const hash of parseHashes(row.options_json)) {
      const voters = votersByHash.get(hash) ?? [];
      if (!voters.includes(row.voter_id as ContactId)) voters.push(row.voter_id as ContactId);
      votersByHash.set(hash, voters);
    }
  }
  return {
    ...body,
    options: body.options.map((option) => ({
      name: option.name,
      voters: votersByHash.get(optionHash(option.name)) ?? [],
    })),
  };
}

export function optionHash(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest('hex');
}

function parseHashes(json: string | null): string[] {
  if (json === null) return [];
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.filter((h): h is string => typeof h === 'string') : [];
}
