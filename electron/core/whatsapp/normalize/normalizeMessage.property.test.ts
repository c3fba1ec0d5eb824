import { proto } from '@whiskeysockets/baileys';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessageDraftSchema } from '../../../../shared/src/index.js';
import { GROUP, PEER_LID, PEER_PN, SELF_LID, SELF_PN, makeCtx } from './makeWaMessage.js';
import { normalizeMessage } from './normalizeMessage.js';

const jid = fc.constantFrom(
  PEER_PN,
  PEER_LID,
  SELF_PN,
  SELF_LID,
  GROUP,
  'status@broadcast',
  '15550000009:3@s.whatsapp.net',
);
const text = fc.string({ maxLength: 40 });
const content = fc.oneof(
  text.map((t) => ({ conversation: t })),
  text.map((t) => ({ extendedTextMessage: { text: t, contextInfo: { stanzaId: 'Q', participant: PEER_PN } } })),
  fc.record({ caption: text, fileLength: fc.nat() }).map((m) => ({ imageMessage: m })),
  fc.boolean().map((ptt) => ({ audioMessage: { ptt, seconds: 1 } })),
  text.map((t) => ({ reactionMessage: { key: { remoteJid: PEER_PN, id: 'X' }, text: t } })),
  fc.constantFrom(0, 3, 5, 6, 14, 99).map((type) => ({ protocolMessage: { type, key: { id: 'X' } } })),
  text.map((t) => ({ pollCreationMessageV3: { name: t, options: [{ optionName: t }] } })),
  text.map((t) => ({ ephemeralMessage: { message: { viewOnceMessageV2: { message: { conversation: t } } } } })),
  fc.constant({ eventMessage: { name: 'x' } }),
  fc.constant({}),
);

describe('normalizeMessage on arbitrary input', () => {
  it('never throws, and every upserted message satisfies the domain schema', () => {
    fc.assert(
      fc.property(
        jid,
        fc.option(jid),
        fc.boolean(),
        fc.option(content),
        fc.nat(),
        fc.option(fc.integer({ min: 0, max: 7 })),
        (remoteJid, participant, fromMe, message, ts, status) => {
          const msg = proto.WebMessageInfo.fromObject({
            key: { remoteJid, fromMe, id: 'ID1', ...(participant ? { participant } : {}) },
            messageTimestamp: ts,
            ...(message ? { message } : {}),
            ...(status === null ? {} : { status }),
          });
          for (const op of normalizeMessage(msg, makeCtx())) {
            if (op.op === 'upsertMessage') {
              expect(() => MessageDraftSchema.parse(op.message)).not.toThrow();
              expect(proto.WebMessageInfo.decode(op.raw).key?.id).toBe('ID1');
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
