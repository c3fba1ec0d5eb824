import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatId } from '../../../shared/src/index.js';
import type { AccountStore } from './AccountStore.js';
import { buildFtsQuery } from './messageSearch.js';
import type { TempProfile } from './storeFixtures.js';
import { makeMediaInfo, makeMessage, makeTempProfile, openTestStore } from './storeFixtures.js';

const OTHER_CHAT = '4915550009@s.whatsapp.net' as ChatId;

describe('full-text search', () => {
  let profile: TempProfile;
  let store: AccountStore;
  beforeEach(async () => {
    profile = makeTempProfile();
    store = await openTestStore(profile.accountDir);
    store.applyBatch(
      [
        makeMessage({ body: { kind: 'text', text: 'Dinner at the café tonight?' } }),
        makeMessage({ body: { kind: 'text', text: 'dinner dinner dinner' } }),
        makeMessage({
          chatId: OTHER_CHAT,
          senderId: null,
          isFromMe: true,
          body: { kind: 'text', text: 'Dinner plans "quoted" NEAR(x) -minus *star' },
        }),
        makeMessage({ body: { kind: 'media', media: makeMediaInfo(), caption: 'Sunset über München 🌅' } }),
      ].map((message) => ({ type: 'message.upsert' as const, message })),
    );
  });
  afterEach(() => {
    store.close();
    profile.cleanup();
  });

  it('finds text and captions, ranked, optionally within one chat', () => {
    const all = store.search('dinner');
    expect(all).toHaveLength(3);
    expect(all[0]?.body).toEqual({ kind: 'text', text: 'dinner dinner dinner' });
    expect(store.search('dinner', OTHER_CHAT)).toHaveLength(1);
    expect(store.search('uber munch')).toHaveLength(1); // diacritics folded, prefix match
    expect(store.search('cafe')).toHaveLength(1);
  });

  it.each([
    '"',
    '""',
    '*',
    'NEAR(',
    'NEAR(a b)',
    '-',
    '-minus',
    'a OR b',
    'AND',
    ')',
    '(',
    '"quoted"',
    'search_text:x',
    '🌅',
    '💥 dinner',
    "'; DROP TABLE messages; --",
    '\u0000',
    'ü',
    '^x',
  ])('treats the hostile query %j as plain words', (query) => {
    expect(() => store.search(query)).not.toThrow();
  });

  it('matches operator-looking words literally', () => {
    expect(store.search('NEAR(x)')).toHaveLength(1);
    expect(store.search('-minus')).toHaveLength(1);
    expect(store.search('"quoted"')).toHaveLength(1);
    expect(store.search('dinner 💥')).toHaveLength(3);
  });

  it('quotes every term and drops terms with nothing searchable', () => {
    expect(buildFtsQuery('a"b NEAR(')).toBe('"a""b"* "NEAR("*');
    expect(buildFtsQuery('  * - 🌅 ')).toBeNull();
  });

  it('stops finding a message once it is deleted', () => {
    const [hit] = store.search('sunset');
    expect(hit).toBeDefined();
    if (hit === undefined) return;
    store.applyBatch([{ type: 'message.delete', chatId: hit.chatId, messageIds: [hit.id] }]);
    expect(store.search('sunset')).toEqual([]);
  });
});
