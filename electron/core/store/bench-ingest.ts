/*
 * Micro-bench: one 10k-message history batch through applyBatch (one transaction, prepared
 * statements, FTS triggers, synchronous=FULL). Not a test.
 *   npx tsx electron/core/store/bench-ingest.ts [messages] [chats]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AccountId, ChatId, ContactId, MessageDraft, MessageId } from '../../../shared/src/index.js';
import { AccountStore } from './AccountStore.js';
import type { StoreOp } from './batchOps.js';
import { staticKeyProvider } from './keyProvider.js';

const MESSAGE_COUNT = Number(process.argv[2] ?? 10_000);
const CHAT_COUNT = Number(process.argv[3] ?? 200);
const ROUNDS = 3;
const accountId = 'bench' as AccountId;
const words = ['meeting', 'tomorrow', 'dinner', 'photo', 'thanks', 'café', 'see', 'you', 'soon', 'invoice', 'party'];

function makeOps(round: number): StoreOp[] {
  return Array.from({ length: MESSAGE_COUNT }, (_, i): StoreOp => {
    const chat = `49155${(i % CHAT_COUNT).toString().padStart(6, '0')}@s.whatsapp.net`;
    const text = Array.from({ length: 12 }, (_, w) => words[(i * 7 + w * 3) % words.length]).join(' ');
    const message: MessageDraft = {
      accountId,
      chatId: chat as ChatId,
      id: `R${round}M${i}` as MessageId,
      senderId: (i % 2 === 0 ? chat : null) as ContactId | null,
      isFromMe: i % 2 === 1,
      isFromOtherDevice: false,
      timestamp: 1_700_000_000_000 + round * MESSAGE_COUNT + i,
      status: i % 2 === 1 ? 'read' : 'received',
      body: { kind: 'text', text },
      quoted: null,
      reactions: [],
      editedAt: null,
      isForwarded: false,
      failure: null,
    };
    // Roughly the size of a serialized WebMessageInfo for a short text.
    return { type: 'message.upsert', message, raw: new Uint8Array(300).fill(i % 251) };
  });
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-bench-'));
  const dir = path.join(root, accountId);
  fs.mkdirSync(dir);
  const store = await AccountStore.open(dir, { keyProvider: staticKeyProvider(new Uint8Array(32).fill(1)) });
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      const ops = makeOps(round);
      const started = performance.now();
      const result = store.applyBatch(ops);
      const ms = performance.now() - started;
      process.stdout.write(
        `round ${round + 1}: ${MESSAGE_COUNT} msgs in ${ms.toFixed(0)} ms = ${Math.round((MESSAGE_COUNT / ms) * 1000)} msgs/s (seq ${result.seq}, ${result.changes.length} changes)\n`,
      );
    }
    const started = performance.now();
    const hits = store.search('dinner invoice', null, 50).length;
    process.stdout.write(
      `search over ${MESSAGE_COUNT * ROUNDS} msgs: ${hits} hits in ${(performance.now() - started).toFixed(1)} ms\n`,
    );
  } finally {
    store.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

await main();
