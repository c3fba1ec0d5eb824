// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountId, ChatId } from '../../../shared/src/index.js';

const chat = { accountId: 'a' as AccountId, chatId: 'c' as ChatId };

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('useUi drafts', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.stubGlobal('localStorage', memoryStorage());
  });

  it('survives a reload', async () => {
    const first = await import('./uiStore.js');
    first.useUi.getState().setDraft(chat, 'half-written');
    vi.resetModules();
    const reloaded = await import('./uiStore.js');
    expect(reloaded.useUi.getState().drafts['a/c']).toBe('half-written');
  });

  it('forgets an emptied draft', async () => {
    const { useUi } = await import('./uiStore.js');
    useUi.getState().setDraft(chat, 'x');
    useUi.getState().setDraft(chat, '');
    expect(useUi.getState().drafts).toEqual({});
  });
});
