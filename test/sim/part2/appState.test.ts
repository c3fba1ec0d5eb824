import { encodeSyncdPatch, proto, S_WHATSAPP_NET } from '@whiskeysockets/baileys';
import type { BaileysEventMap, BinaryNode, Chat, Contact as WAContact } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../contact.js';
import { waitForEvent } from '../testing/events.js';
import { startPairedWorld } from '../testing/fixtures.js';
import type { PairedWorld } from '../testing/fixtures.js';

type ChatUpdate = BaileysEventMap['chats.update'][number];

/** Every chats.update / contacts.upsert of the socket from its first moment (initial sync included). */
class AppEvents {
  /** chats.update plus the chats of messaging-history.set (initial-sync updates are merged into those). */
  readonly chats: ChatUpdate[] = [];
  readonly contacts: Partial<WAContact>[] = [];
  latest(jid: string, field: keyof Chat): unknown {
    return this.chats.filter((c) => c.id === jid && field in c).at(-1)?.[field];
  }
}

describe('app-state sync with content (snapshot via the CDN, server_sync, client patches)', () => {
  let w: PairedWorld;
  const seen = new AppEvents();
  let ana: Contact;
  let bo: Contact;
  let cy: Contact;
  const muteUntil = Date.now() + 3_600_000;
  const PNS = ['15550003001', '15550003002', '15550003003'] as const;
  // Real accounts always have the chats in the history: Baileys applies initial-sync chat updates
  // only to chats it knows (conditional updates), and keeps the others buffered forever.
  const conversations = PNS.map((pn) => ({ id: `${pn}@s.whatsapp.net`, unreadCount: 1 }));

  beforeAll(async () => {
    w = await startPairedWorld({
      sim: {
        media: true,
        appState: true,
        initialHistory: { syncType: 'INITIAL_BOOTSTRAP', progress: 100, conversations },
      },
      client: { logger: (await import('pino')).default({ level: process.env.SIM_TRACE ? 'trace' : 'silent' }) },
      beforePair: async (sim) => {
        [ana, bo, cy] = PNS.map((pn, i) => sim.addContact({ pn, pushName: `c${i}` })) as [Contact, Contact, Contact];
        await sim.phoneUser.setPushName('Sim User');
        await sim.phoneUser.saveContact(ana.pnJid, { fullName: 'Ana Souza (work)', firstName: 'Ana' });
        await sim.phoneUser.pin(ana.pnJid);
        await sim.phoneUser.archive(bo.pnJid);
        await sim.phoneUser.mute(cy.pnJid, muteUntil);
      },
      onSocket: ({ sock }) => {
        sock.ev.on('chats.update', (u) => seen.chats.push(...u));
        sock.ev.on('contacts.upsert', (c) => seen.contacts.push(...c));
        sock.ev.on('messaging-history.set', (h) => {
          seen.chats.push(...h.chats);
          seen.contacts.push(...h.contacts);
        });
      },
    });
  });
  afterAll(async () => {
    await w.teardown();
  });

  it('delivers the push name, phone-book names and chat states at the initial sync', async () => {
    expect(w.auth.state.creds.myAppStateKeyId).toBe(w.sim.appState.keys.currentKeyId);
    expect(w.auth.state.creds.me?.name).toBe('Sim User');
    expect(seen.contacts.find((c) => c.id === ana.pnJid && c.name)?.name).toBe('Ana Souza (work)');
    // Not in the phone book: the app only ever learns bo's push name.
    expect(seen.contacts.filter((c) => c.id === bo.pnJid).every((c) => !c.name)).toBe(true);
    expect(seen.latest(ana.pnJid, 'pinned')).toBeGreaterThan(0);
    expect(seen.latest(bo.pnJid, 'archived')).toBe(true);
    expect(seen.latest(cy.pnJid, 'muteEndTime')).toBe(muteUntil);
    // Collections with content came as snapshots (external blobs on the CDN); Baileys is at their version.
    expect(w.sim.appState.snapshotsServed).toBe(4);
    const versions = await w.auth.keys.get('app-state-sync-version', ['regular_low', 'critical_block']);
    expect(versions.regular_low?.version).toBe(w.sim.appState.collection('regular_low').version);
    expect(versions.critical_block?.version).toBe(1);
  });

  it('pushes later phone changes with a server_sync notification', async () => {
    const archived = waitForEvent(w.client.sock, 'chats.update', (u) =>
      u.some((c) => c.id === ana.pnJid && c.archived === true),
    );
    await w.sim.phoneUser.archive(ana.pnJid);
    await archived;
    const unread = waitForEvent(w.client.sock, 'chats.update', (u) =>
      u.some((c) => c.id === cy.pnJid && c.unreadCount === -1),
    );
    await w.sim.phoneUser.markUnread(cy.pnJid);
    await unread;
    const unmuted = waitForEvent(w.client.sock, 'chats.update', (u) =>
      u.some((c) => c.id === cy.pnJid && c.muteEndTime === null),
    );
    await w.sim.phoneUser.mute(cy.pnJid, null);
    await unmuted;
    const named = waitForEvent(w.client.sock, 'contacts.upsert', (cs) => cs.some((c) => c.name === 'Bo Lima'));
    await w.sim.phoneUser.saveContact(bo.pnJid, { fullName: 'Bo Lima' });
    await named;
    const notifications = w.sim.observed.sent((n) => n.tag === 'notification' && n.attrs.type === 'server_sync');
    expect(notifications.length).toBe(4);
    for (const { node } of notifications) {
      await w.sim.observed.waitForNode(
        (o) => o.dir === 'in' && o.node.tag === 'ack' && o.node.attrs.id === node.attrs.id,
      );
    }
  });

  it('accepts the patches chatModify sends, verified with the shared keys, and answers the next version', async () => {
    const before = w.sim.appState.collection('regular_low').version;
    await w.client.sock.chatModify({ archive: false, lastMessages: [] }, ana.pnJid);
    await w.client.sock.chatModify({ pin: false }, ana.pnJid);
    await w.client.sock.chatModify({ mute: muteUntil }, bo.pnJid);
    await w.client.sock.chatModify({ markRead: true, lastMessages: [] }, cy.pnJid);
    expect(w.sim.appState.rejected).toEqual([]);
    expect(w.sim.appState.valueOf('regular_low', ['archive', ana.pnJid])?.archiveChatAction?.archived).toBe(false);
    expect(w.sim.appState.valueOf('regular_low', ['pin_v1', ana.pnJid])?.pinAction?.pinned).toBe(false);
    expect(Number(w.sim.appState.valueOf('regular_high', ['mute', bo.pnJid])?.muteAction?.muteEndTimestamp)).toBe(
      muteUntil,
    );
    expect(w.sim.appState.valueOf('regular_low', ['markChatAsRead', cy.pnJid])?.markChatAsReadAction?.read).toBe(true);
    const low = w.sim.appState.collection('regular_low');
    expect(low.version).toBe(before + 3);
    expect(low.patches.slice(-3).map((p) => p.by)).toEqual(['client', 'client', 'client']);
    // The reply to a client patch names the version it created.
    const replies = w.sim.observed.sent(
      (n) =>
        n.tag === 'iq' &&
        JSON.stringify(n).includes(`"version":"${low.version}"`) &&
        JSON.stringify(n).includes('regular_low'),
    );
    expect(replies.length).toBeGreaterThan(0);
    const stored = await w.auth.keys.get('app-state-sync-version', ['regular_low']);
    expect(stored.regular_low?.version).toBe(low.version);
  });

  it('refuses a patch with a bad MAC or a stale base version', async () => {
    const high = w.sim.appState.collection('regular_high');
    const keyId = w.sim.appState.keys.currentKeyId;
    const state = { version: high.version, hash: Buffer.alloc(128), indexValueMap: {} };
    const { patch } = await encodeSyncdPatch(
      {
        type: 'regular_high',
        index: ['mute', ana.pnJid],
        syncAction: { muteAction: { muted: false } },
        apiVersion: 2,
        operation: proto.SyncdMutation.SyncdOperation.SET,
      },
      keyId,
      state,
      w.sim.appState.keys.get,
    );
    const send = (version: number, bytes: Uint8Array): Promise<BinaryNode> =>
      w.client.sock.query({
        tag: 'iq',
        attrs: { to: S_WHATSAPP_NET, xmlns: 'w:sync:app:state', type: 'set' },
        content: [
          {
            tag: 'sync',
            attrs: {},
            content: [
              {
                tag: 'collection',
                attrs: { name: 'regular_high', version: String(version) },
                content: [{ tag: 'patch', attrs: {}, content: bytes }],
              },
            ],
          },
        ],
      });
    // Wrong LT-hash base (a client that lost its state): the snapshotMac cannot match.
    await send(high.version, proto.SyncdPatch.encode(patch).finish());
    await send(high.version - 1, proto.SyncdPatch.encode(patch).finish());
    expect(w.sim.appState.rejected.map((r) => r.code)).toEqual([400, 409]);
    expect(w.sim.appState.rejected[0]?.reason).toMatch(/snapshotMac/);
  });

  it('left no query unanswered', () => {
    expect(w.sim.observed.unansweredIqs()).toEqual([]);
    expect(w.sim.observed.unhandledIqs()).toEqual([]);
  });
});

describe('app-state sync without a CDN: patches from v0, paged with has_more_patches', () => {
  let w: PairedWorld;
  const names = new Map<string, string>();
  beforeAll(async () => {
    w = await startPairedWorld({
      sim: { appState: true },
      beforePair: async (sim) => {
        for (let i = 0; i < 44; i++) {
          const c = sim.addContact({ pushName: `p${i}` });
          // Every other contact is in the phone book.
          if (i % 2 === 0) await sim.phoneUser.saveContact(c.pnJid, { fullName: `Saved ${i}` });
        }
      },
      onSocket: ({ sock }) =>
        sock.ev.on('contacts.upsert', (cs) => cs.forEach((c) => c.name && names.set(c.id, c.name))),
    });
  });
  afterAll(async () => {
    await w.teardown();
  });

  it('syncs 22 phone-book names over two pages and no snapshot', () => {
    expect(w.sim.appState.snapshotsServed).toBe(0);
    expect(names.size).toBe(22);
    expect([...names.values()]).toContain('Saved 42');
    const syncs = w.sim.observed.sent((n) => n.tag === 'iq' && JSON.stringify(n).includes('has_more_patches'));
    expect(syncs.length).toBe(1);
    expect(w.sim.observed.unansweredIqs()).toEqual([]);
  });
});
