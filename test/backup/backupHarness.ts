import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import type { ChatId, ContactId } from '../../shared/src/index.js';
import { BackupBucket, createS3Client } from '../../electron/core/backup/backupBucket.js';
import type { BackupConfig, BackupConfigInput } from '../../electron/core/backup/BackupConfig.js';
import { parseBackupConfig } from '../../electron/core/backup/BackupConfig.js';
import { BackupEngine } from '../../electron/core/backup/BackupEngine.js';
import type { RetryOptions } from '../../electron/core/backup/retryPolicy.js';
import type { AccountStore } from '../../electron/core/store/AccountStore.js';
import { makeMediaInfo, makeMessage, TEST_ACCOUNT } from '../../electron/core/store/storeFixtures.js';

export const TEST_BACKUP_KEY = Buffer.alloc(32, 9).toString('base64');

/** Fast, deterministic retries for tests (no real backoff waits). */
export const FAST_RETRY: RetryOptions = { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 5, random: () => 0.5 };

export function makeConfig(endpoint: string, bucket: string, overrides: Partial<BackupConfigInput> = {}): BackupConfig {
  return parseBackupConfig({
    bucket,
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    encryption: { mode: 'key', key: TEST_BACKUP_KEY },
    requestTimeoutMs: 5_000,
    ...overrides,
  });
}

export async function createBucket(endpoint: string): Promise<string> {
  const name = `bk-${randomBytes(4).toString('hex')}`;
  const client = createS3Client(makeConfig(endpoint, name));
  await client.send(new CreateBucketCommand({ Bucket: name }));
  client.destroy();
  return name;
}

export function accountBucket(config: BackupConfig, retry: RetryOptions = FAST_RETRY): BackupBucket {
  return new BackupBucket(createS3Client(config), config.bucket, `${config.prefix}${TEST_ACCOUNT}/`, retry);
}

export function makeEngine(config: BackupConfig, accountDir: string, bucket = accountBucket(config)): BackupEngine {
  return new BackupEngine({ config, bucket, accountId: TEST_ACCOUNT, accountDir });
}

const CHAT_A = '4915550001@s.whatsapp.net' as ChatId;
const CHAT_B = '4915550002@s.whatsapp.net' as ChatId;
const GROUP = '120363000000000001@g.us' as ChatId;

/**
 * An archive with every record kind: messages in three chats (raw bytes included), contacts
 * with names, media states, a LID mapping, a journaled history chunk, a deleted message and a
 * deleted chat (tombstones), and a setting.
 */
export function seedArchive(store: AccountStore, messages: number, tag = 'seed'): void {
  const chats = [CHAT_A, CHAT_B, GROUP];
  const batch = [];
  for (let i = 0; i < messages; i += 1) {
    const chatId = chats[i % chats.length] ?? CHAT_A;
    const isMedia = i % 10 === 0;
    batch.push({
      type: 'message.upsert' as const,
      message: makeMessage({
        chatId,
        id: `${tag}${i}` as never,
        senderId: (chatId === GROUP ? CHAT_B : chatId) as unknown as ContactId,
        body: isMedia
          ? { kind: 'media' as const, media: makeMediaInfo(), caption: `caption ${i}` }
          : { kind: 'text' as const, text: `${tag} message ${i} ${'lorem ipsum '.repeat(i % 7)}` },
      }),
      raw: new Uint8Array([i % 256, 1, 2, 3]),
    });
  }
  store.applyBatch(batch);
  store.applyBatch([
    {
      type: 'contact.upsert',
      contact: {
        jid: CHAT_A,
        names: [
          { source: 'pushName', name: 'Alice' },
          { source: 'phoneBook', name: 'Alice P.' },
        ],
      },
    },
    { type: 'contact.upsert', contact: { jid: CHAT_B, names: [{ source: 'pushName', name: 'Bob' }] } },
    { type: 'lid.map', lid: '123456789@lid', pn: '4915550003@s.whatsapp.net', source: 'history' },
  ]);
  const media = [];
  for (let i = 0; i < messages; i += 10) {
    media.push({
      type: 'media.state' as const,
      update: {
        chatId: chats[i % chats.length] ?? CHAT_A,
        messageId: `${tag}${i}`,
        state: { status: 'ready' as const, url: `media://x/${i}` },
      },
    });
  }
  store.applyBatch(media);
  store.journalHistoryChunk({
    id: `${tag}-chunk`,
    syncType: 'RECENT',
    chunkOrder: 1,
    progress: 50,
    receivedAt: 1_700_000_000_000,
    raw: new Uint8Array([4, 2]),
  });
  store.applyBatch([{ type: 'history.processed', chunkId: `${tag}-chunk`, messageCount: messages, chatCount: 3 }]);
  if (messages > 4) store.applyBatch([{ type: 'message.delete', chatId: CHAT_A, messageIds: [`${tag}3`] }]);
  // A user setting (stamped like the archive rows): byte-exact restores must carry it too.
  store.setSetting({ key: 'mediaCacheLimitBytes', value: (64 + messages) * 1024 * 1024 });
}

/** A few changes after the seed: new messages, an edit-like upsert, a deletion. */
export function changeArchive(store: AccountStore, count: number, tag: string): void {
  const batch = [];
  for (let i = 0; i < count; i += 1) {
    batch.push({
      type: 'message.upsert' as const,
      message: makeMessage({
        chatId: CHAT_B,
        id: `${tag}${i}` as never,
        body: { kind: 'text' as const, text: `${tag} ${i}` },
      }),
    });
  }
  store.applyBatch(batch);
}

export function deleteChat(store: AccountStore, chat: 'A' | 'B' | 'group'): void {
  store.applyBatch([{ type: 'chat.delete', chatId: chat === 'A' ? CHAT_A : chat === 'B' ? CHAT_B : GROUP }]);
}
