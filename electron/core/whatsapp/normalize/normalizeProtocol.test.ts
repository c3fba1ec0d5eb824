import { proto } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import {
  GROUP,
  OTHER_PN,
  PEER_PN,
  SELF_LID,
  SELF_PN,
  T_SECONDS,
  bytes,
  makeCtx,
  makeWaMessage,
} from './makeWaMessage.js';
import { normalizeMessage } from './normalizeMessage.js';
import type { NormalizeOp } from './ops.js';

const T_MS = T_SECONDS * 1000;
const EDIT = proto.Message.ProtocolMessage.Type.MESSAGE_EDIT;
const REVOKE = proto.Message.ProtocolMessage.Type.REVOKE;
const mine = (id: string, chat = PEER_PN): object => ({ chatId: chat, messageId: `${chat}|me|${id}` });
const theirs = (id: string, author = PEER_PN, chat = PEER_PN): object => ({
  chatId: chat,
  messageId: `${chat}|${author}|${id}`,
});

function only(ops: NormalizeOp[], kind: NormalizeOp['op']): NormalizeOp {
  const found = ops.filter((o) => o.op === kind);
  expect(found).toHaveLength(1);
  return found[0] as NormalizeOp;
}

describe('reactions: the key may be in the sender\u2019s or our perspective, never flipped twice', () => {
  it.each([
    ['1:1, raw: peer reacts to my message', {}, { remoteJid: SELF_PN, fromMe: false, id: 'M1' }, mine('M1')],
    [
      '1:1, raw: peer reacts to my message (self LID)',
      {},
      { remoteJid: SELF_LID, fromMe: false, id: 'M1' },
      mine('M1'),
    ],
    ['1:1, raw: peer reacts to their own message', {}, { remoteJid: SELF_PN, fromMe: true, id: 'M2' }, theirs('M2')],
    ['1:1, rewritten by Baileys: my message', {}, { remoteJid: PEER_PN, fromMe: true, id: 'M1' }, mine('M1')],
    ['1:1, rewritten by Baileys: their message', {}, { remoteJid: PEER_PN, fromMe: false, id: 'M2' }, theirs('M2')],
    [
      '1:1, I react from my phone to theirs',
      { fromMe: true },
      { remoteJid: PEER_PN, fromMe: false, id: 'M2' },
      theirs('M2'),
    ],
    [
      '1:1, I react from my phone to mine',
      { fromMe: true },
      { remoteJid: PEER_PN, fromMe: true, id: 'M1' },
      mine('M1'),
    ],
    [
      'group: reaction to a third member',
      { remoteJid: GROUP, participant: PEER_PN },
      { remoteJid: GROUP, fromMe: false, participant: OTHER_PN, id: 'G1' },
      theirs('G1', OTHER_PN, GROUP),
    ],
    [
      'group: reaction to my message',
      { remoteJid: GROUP, participant: PEER_PN },
      { remoteJid: GROUP, fromMe: false, participant: SELF_PN, id: 'G2' },
      mine('G2', GROUP),
    ],
    [
      'group, raw: reaction to the reactor\u2019s own message',
      { remoteJid: GROUP, participant: PEER_PN },
      { remoteJid: GROUP, fromMe: true, id: 'G3' },
      theirs('G3', PEER_PN, GROUP),
    ],
  ])('%s', (_name, key, reactionKey, target) => {
    const msg = makeWaMessage({
      key,
      message: { reactionMessage: { key: reactionKey, text: '👍', senderTimestampMs: T_MS + 5 } },
    });
    expect(only(normalizeMessage(msg, makeCtx()), 'applyReaction')).toMatchObject({
      target,
      emoji: '👍',
      at: T_MS + 5,
    });
  });

  it('an empty reaction removes it; my own reactions are attributed to me', () => {
    const msg = makeWaMessage({
      key: { fromMe: true },
      message: { reactionMessage: { key: { remoteJid: PEER_PN, id: 'M2' }, text: '' } },
    });
    expect(only(normalizeMessage(msg, makeCtx()), 'applyReaction')).toMatchObject({
      emoji: '',
      senderId: SELF_PN,
      at: T_MS,
    });
  });
});

describe('edits', () => {
  const edited = { conversation: 'fixed' };
  it.each([
    [
      'editedMessage wrapper around MESSAGE_EDIT',
      {
        editedMessage: {
          message: { protocolMessage: { type: EDIT, key: { id: 'E1' }, editedMessage: edited, timestampMs: T_MS + 9 } },
        },
      },
      T_MS + 9,
    ],
    [
      'bare protocolMessage MESSAGE_EDIT',
      { protocolMessage: { type: EDIT, key: { id: 'E1' }, editedMessage: edited } },
      T_MS,
    ],
  ])('%s', (_name, message, at) => {
    expect(only(normalizeMessage(makeWaMessage({ message }), makeCtx()), 'applyEdit')).toEqual({
      op: 'applyEdit',
      target: theirs('E1'),
      newBody: { kind: 'text', text: 'fixed' },
      newText: 'fixed',
      at,
    });
  });

  it('accepts Baileys\u2019 messages.update shape, keyed by the edited message', () => {
    const msg = makeWaMessage({
      key: { id: 'E2', fromMe: true },
      message: { editedMessage: { message: { imageMessage: { caption: 'new caption' } } } },
    });
    expect(only(normalizeMessage(msg, makeCtx()), 'applyEdit')).toMatchObject({
      target: mine('E2'),
      newText: 'new caption',
    });
  });
});

describe('revokes', () => {
  it.each([
    ['peer deletes their message', {}, { remoteJid: SELF_PN, fromMe: true, id: 'R1' }, theirs('R1')],
    ['I delete from my phone', { fromMe: true }, { remoteJid: PEER_PN, fromMe: true, id: 'R2' }, mine('R2')],
    [
      'group admin deletes a member\u2019s message',
      { remoteJid: GROUP, participant: PEER_PN },
      { remoteJid: GROUP, participant: OTHER_PN, id: 'R3' },
      theirs('R3', OTHER_PN, GROUP),
    ],
  ])('%s', (_name, key, revokedKey, target) => {
    const msg = makeWaMessage({ key, message: { protocolMessage: { type: REVOKE, key: revokedKey } } });
    expect(normalizeMessage(msg, makeCtx()).filter((o) => o.op !== 'upsertContactName')).toEqual([
      { op: 'applyRevoke', target, at: T_MS },
    ]);
  });
});

describe('poll votes', () => {
  const vote = {
    pollUpdateMessage: {
      pollCreationMessageKey: { remoteJid: SELF_PN, fromMe: false, id: 'P1' },
      vote: { encPayload: bytes(1, 2), encIv: bytes(3) },
      senderTimestampMs: T_MS + 1,
    },
  };

  it('keeps the encrypted payload when the poll is not known', () => {
    expect(only(normalizeMessage(makeWaMessage({ message: vote }), makeCtx()), 'applyPollVote')).toEqual({
      op: 'applyPollVote',
      target: mine('P1'),
      voter: PEER_PN,
      at: T_MS + 1,
      vote: {
        kind: 'encrypted',
        encPayloadB64: 'AQI=',
        encIvB64: 'Aw==',
        pollCreatorJid: SELF_PN,
        voterJid: PEER_PN,
        pollMsgId: 'P1',
      },
    });
  });

  it('decrypts through the injected hook', () => {
    const ctx = makeCtx({
      decryptPollVote: (input) => (input.pollMsgId === 'P1' ? { selectedOptionHashes: [bytes(0xab, 0xcd)] } : null),
    });
    expect(only(normalizeMessage(makeWaMessage({ message: vote }), ctx), 'applyPollVote')).toMatchObject({
      vote: { kind: 'decrypted', selectedOptionHashesHex: ['abcd'] },
    });
  });
});

describe('history polls carry their votes inline', () => {
  it('emits decrypted votes for the poll itself', () => {
    const msg = makeWaMessage({
      key: { fromMe: true, id: 'P9' },
      message: { pollCreationMessage: { name: 'Q', options: [{ optionName: 'A' }] } },
      pollUpdates: [
        {
          pollUpdateMessageKey: { remoteJid: PEER_PN, fromMe: false, id: 'V1' },
          vote: { selectedOptions: [bytes(0x0f)] },
          senderTimestampMs: T_MS + 3,
        },
        { pollUpdateMessageKey: { remoteJid: PEER_PN, fromMe: true, id: 'V2' }, vote: { selectedOptions: [] } },
      ],
    });
    const votes = normalizeMessage(msg, makeCtx()).filter((o) => o.op === 'applyPollVote');
    expect(votes).toEqual([
      {
        op: 'applyPollVote',
        target: mine('P9'),
        voter: PEER_PN,
        vote: { kind: 'decrypted', selectedOptionHashesHex: ['0f'] },
        at: T_MS + 3,
      },
      {
        op: 'applyPollVote',
        target: mine('P9'),
        voter: SELF_PN,
        vote: { kind: 'decrypted', selectedOptionHashesHex: [] },
        at: T_MS,
      },
    ]);
  });
});

describe('poll vote crypto inputs use the raw wire JIDs', () => {
  it('I vote from my phone on the peer\u2019s 1:1 poll', () => {
    const msg = makeWaMessage({
      key: { fromMe: true },
      message: {
        pollUpdateMessage: {
          pollCreationMessageKey: { remoteJid: PEER_PN, fromMe: false, id: 'P2' },
          vote: { encPayload: bytes(1), encIv: bytes(2) },
        },
      },
    });
    expect(only(normalizeMessage(msg, makeCtx()), 'applyPollVote')).toMatchObject({
      target: theirs('P2'),
      voter: SELF_PN,
      vote: { kind: 'encrypted', pollCreatorJid: PEER_PN, voterJid: SELF_PN },
    });
  });
});
