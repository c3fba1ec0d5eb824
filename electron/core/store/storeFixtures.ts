import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AccountId, ChatId, ContactId, MediaInfo, MessageDraft, MessageId } from '../../../shared/src/index.js';
import { AccountStore } from './AccountStore.js';
import type { KeyProvider } from './keyProvider.js';
import { staticKeyProvider } from './keyProvider.js';

/*
 * Test fixtures: factories with overrides and a temp-dir store with guaranteed cleanup.
 */

export const TEST_ACCOUNT = 'acc1' as AccountId;
export const TEST_KEY = new Uint8Array(32).fill(7);

export type TempProfile = { dir: string; accountDir: string; cleanup: () => void };

export function makeTempProfile(): TempProfile {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-store-'));
  const accountDir = path.join(dir, TEST_ACCOUNT);
  fs.mkdirSync(accountDir);
  return { dir, accountDir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export async function openTestStore(
  accountDir: string,
  keyProvider: KeyProvider = staticKeyProvider(TEST_KEY),
  now?: () => number,
): Promise<AccountStore> {
  return AccountStore.open(accountDir, { keyProvider, ...(now ? { now } : {}) });
}

let messageCounter = 0;

/** What a normalizer would hand the store; the store gives it its `orderKey`. */
export function makeMessage(overrides: Partial<MessageDraft> = {}): MessageDraft {
  messageCounter += 1;
  return {
    accountId: TEST_ACCOUNT,
    chatId: '4915550001@s.whatsapp.net' as ChatId,
    id: `MSG${messageCounter.toString().padStart(6, '0')}` as MessageId,
    senderId: '4915550001@s.whatsapp.net' as ContactId,
    isFromMe: false,
    isFromOtherDevice: false,
    timestamp: 1_700_000_000_000 + messageCounter * 1000,
    status: 'received',
    body: { kind: 'text', text: `hello number ${messageCounter}` },
    quoted: null,
    reactions: [],
    editedAt: null,
    isForwarded: false,
    failure: null,
    ...overrides,
  };
}

export function makeMediaInfo(overrides: Partial<MediaInfo> = {}): MediaInfo {
  return {
    kind: 'image',
    mimeType: 'image/jpeg',
    fileName: null,
    sizeBytes: 1234,
    durationSeconds: null,
    width: 10,
    height: 10,
    thumbnailDataUrl: null,
    state: { status: 'remote' },
    ...overrides,
  };
}
