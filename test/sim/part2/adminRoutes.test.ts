import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminApi } from '../adminApi.js';
import type { Contact } from '../contact.js';
import { waitForEvent } from '../testing/events.js';
import { startPairedWorld } from '../testing/fixtures.js';
import type { PairedWorld } from '../testing/fixtures.js';

type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

describe('admin HTTP API: part-2 routes', () => {
  let w: PairedWorld;
  let admin: AdminApi;
  let ana: Contact;
  let bo: Contact;
  const ANA = '15550005001';
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${admin.url}${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const reply = (await res.json()) as Reply<T>;
    if (!reply.ok) throw new Error(`${res.status} ${reply.error}`);
    return reply.value;
  };

  beforeAll(async () => {
    w = await startPairedWorld({
      sim: {
        appState: true,
        initialHistory: { syncType: 'INITIAL_BOOTSTRAP', conversations: [{ id: `${ANA}@s.whatsapp.net` }] },
      },
    });
    admin = await AdminApi.start(w.sim);
    ana = w.sim.addContact({ pn: ANA, pushName: 'Ana' });
    bo = w.sim.addContact({ pushName: 'Bo' });
  });
  afterAll(async () => {
    await admin.close();
    await w.teardown();
  });

  it('drives the phone: messages, chat states, contact names, app-state view', async () => {
    const { id } = await call<{ id: string }>('POST', '/phone/messages', {
      chatJid: ana.pnJid,
      text: 'from the phone',
    });
    expect((await w.upserts.byId(id)).key.fromMe).toBe(true);
    const archived = waitForEvent(w.client.sock, 'chats.update', (u) =>
      u.some((c) => c.id === ana.pnJid && c.archived === true),
    );
    await call('POST', '/phone/chats', { chatJid: ana.pnJid, action: 'archive' });
    await archived;
    const named = waitForEvent(w.client.sock, 'contacts.upsert', (cs) =>
      cs.some((c) => c.id === ana.pnJid && c.name === 'Ana S.'),
    );
    await call('POST', '/phone/contacts', { jid: ana.pnJid, fullName: 'Ana S.' });
    await named;
    const state = await call<{ collections: { name: string; version: number }[] }>('GET', '/app-state');
    expect(state.collections.find((c) => c.name === 'regular_low')?.version).toBe(1);
    await expect(call('POST', '/phone/chats', { chatJid: 'nope', action: 'archive' })).rejects.toThrow(/^400/);
  });

  it('creates a group, sends into it, changes participants, runs a poll and seeds older history', async () => {
    const { jid } = await call<{ jid: string }>('POST', '/groups', { subject: 'Ops', members: [ana.pn, 'Bo'] });
    const { id } = await call<{ id: string }>('POST', `/groups/${jid}/messages`, { from: 'Ana', text: 'deploy?' });
    expect((await w.upserts.byId(id)).key.remoteJid).toBe(jid);
    const removed = waitForEvent(
      w.client.sock,
      'group-participants.update',
      (u) => u.id === jid && u.action === 'remove',
    );
    await call('POST', `/groups/${jid}/participants`, { action: 'remove', contacts: ['Bo'] });
    await removed;
    expect((await call<{ members: string[] }[]>('GET', '/groups'))[0]?.members).toEqual([ana.pn]);
    const poll = await call<{ id: string }>('POST', '/polls', {
      from: 'Ana',
      name: 'Now?',
      options: ['yes', 'no'],
      group: jid,
    });
    const vote = await call<{ id: string }>('POST', `/polls/${poll.id}/votes`, { voter: 'Ana', options: ['yes'] });
    expect((await w.upserts.byId(vote.id)).message?.pollUpdateMessage?.pollCreationMessageKey?.id).toBe(poll.id);
    const seeded = await call<{ count: number }>('POST', '/older-history', {
      chatJid: bo.pnJid,
      messages: [{ id: 'OLD1', timestamp: 1_700_000_000, text: 'long ago' }],
    });
    expect(seeded.count).toBe(1);
  });
});
