import { getBinaryNodeChild } from '@whiskeysockets/baileys';
import type { BinaryNode } from '@whiskeysockets/baileys';

/** Media retry "not found on the phone" (code 2): keeps `updateMediaMessage` from waiting forever. */
export function defaultMediaRetryFailure(receipt: BinaryNode, ownPnJid: string): BinaryNode {
  const rmr = getBinaryNodeChild(receipt, 'rmr');
  return {
    tag: 'notification',
    attrs: { from: ownPnJid, type: 'mediaretry', id: receipt.attrs.id ?? '', t: String(Math.floor(Date.now() / 1000)) },
    content: [
      { tag: 'rmr', attrs: { ...rmr?.attrs } },
      { tag: 'error', attrs: { code: '2' } },
    ],
  };
}
