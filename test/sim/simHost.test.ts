import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminApi } from './adminApi.js';
import { SimHost } from './simHost.js';
import type { Simulator } from './simulator.js';
import { closeClient, connectClient } from './testing/connectClient.js';
import type { Client } from './testing/connectClient.js';
import { UpsertLog } from './testing/events.js';
import { makeMemoryAuth } from './testing/memoryAuth.js';
import type { MemoryAuth } from './testing/memoryAuth.js';
import { quietLibsignal } from './testing/quietLibsignal.js';

quietLibsignal();

type Companion = { auth: MemoryAuth; client: Client; upserts: UpsertLog };

/** A fresh companion on the host's one URL whose QR is scanned by `account`'s phone. */
async function pairWith(account: Simulator): Promise<Companion> {
  const auth = makeMemoryAuth();
  let scanned = false;
  let upserts: UpsertLog | undefined;
  const client = await connectClient(account, {
    auth,
    onSocket: (c) => {
      upserts = new UpsertLog(c.sock);
    },
    onQR: (qr) => {
      if (scanned) return;
      scanned = true;
      void account.phone.scanQR(qr).catch(() => {});
    },
  });
  // Past the initial history, so Baileys' event buffer holds nothing back.
  const deadline = Date.now() + 10_000;
  while (!(auth.state.creds.accountSyncCounter > 0)) {
    if (Date.now() > deadline) throw new Error('initial history sync did not complete');
    await new Promise((r) => setTimeout(r, 20));
  }
  return { auth, client, upserts: upserts! };
}

describe('several accounts on one simulator port (SimHost)', () => {
  let host: SimHost;
  let personal: Simulator;
  let work: Simulator;
  let workCompanion: Companion;
  let personalCompanion: Companion;

  beforeAll(async () => {
    host = await SimHost.start();
    personal = await host.addAccount({ account: { pn: '15550001000', lid: '100000000000001' } });
    work = await host.addAccount({ account: { pn: '15550002000', lid: '100000000000002' } });
    // The work phone pairs first: registration connections are bound by the scanning phone, not
    // by arrival order or by which account handed out the refs.
    workCompanion = await pairWith(work);
    personalCompanion = await pairWith(personal);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([workCompanion, personalCompanion].map((c) => c && closeClient(c.client)));
    await host.stop();
  });

  it('serves every account on the same URL and binds each QR to the phone that scanned it', () => {
    expect(personal.wsUrl).toBe(host.wsUrl);
    expect(work.wsUrl).toBe(host.wsUrl);
    expect(workCompanion.auth.state.creds.me?.id).toMatch(/^15550002000:\d+@s\.whatsapp\.net$/);
    expect(personalCompanion.auth.state.creds.me?.id).toMatch(/^15550001000:\d+@s\.whatsapp\.net$/);
    expect(work.activeConnection).toBeDefined();
    expect(personal.activeConnection).toBeDefined();
    expect(work.activeConnection).not.toBe(personal.activeConnection);
  });

  it('routes each login by its number: a contact reaches only its own account’s companion', async () => {
    const kai = work.addContact({ pn: '15550103001', pushName: 'Kai' });
    const ana = personal.addContact({ pn: '15550102001', pushName: 'Ana' });
    const toWork = await kai.send({ kind: 'text', text: 'for work' });
    const toPersonal = await ana.send({ kind: 'text', text: 'for personal' });
    expect((await workCompanion.upserts.byId(toWork)).message?.conversation).toBe('for work');
    expect((await personalCompanion.upserts.byId(toPersonal)).message?.conversation).toBe('for personal');
    expect(workCompanion.upserts.messages.some((m) => m.key.id === toPersonal)).toBe(false);
    expect(personalCompanion.upserts.messages.some((m) => m.key.id === toWork)).toBe(false);

    await workCompanion.client.sock.sendMessage(kai.pnJid, { text: 'reply from work' });
    const got = await kai.waitForMessage(
      (m) => (m.message.extendedTextMessage?.text ?? m.message.conversation) === 'reply from work',
      10_000,
    );
    expect(got).toBeTruthy();
    expect(work.stats.peerDecryptFailures).toBe(0);
  });

  it('refuses a login for a number the host does not serve (401)', async () => {
    const stranger = makeMemoryAuth();
    // Credentials that log in (they have `me`) as a number no hosted account has.
    stranger.state.creds.me = { id: '15559999999:1@s.whatsapp.net' };
    const before = host.stats.unroutedConnections;
    await expect(connectClient(work, { auth: stranger, timeoutMs: 10_000 })).rejects.toThrow(/closed with 401/);
    expect(host.stats.unroutedConnections).toBe(before + 1);
  });

  it('the admin API addresses each account under /accounts/<number>, and the first by default', async () => {
    const admin = await AdminApi.start(host);
    try {
      const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
        const res = await fetch(`${admin.url}${path}`, {
          method,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, reply: (await res.json()) as { ok: boolean; value?: unknown; error?: string } };
      };
      const list = await call('GET', '/accounts');
      expect(list.reply.value).toEqual([
        { pn: '15550001000', lid: '100000000000001', linked: true, online: true },
        { pn: '15550002000', lid: '100000000000002', linked: true, online: true },
      ]);
      const sent = await call('POST', '/accounts/15550002000/contacts/15550103001/messages', {
        message: { kind: 'text', text: 'via admin' },
      });
      expect(sent.status).toBe(200);
      const { id } = sent.reply.value as { id: string };
      expect((await workCompanion.upserts.byId(id)).message?.conversation).toBe('via admin');
      expect(((await call('GET', '/state')).reply.value as { account: { pn: string } }).account.pn).toBe('15550001000');
      expect((await call('GET', '/accounts/15559999999/state')).status).toBe(404);
    } finally {
      await admin.close();
    }
  });
});

describe('pairing by code on a shared port', () => {
  it('binds the companion to the account whose phone entered the code', async () => {
    const host = await SimHost.start();
    const personal = await host.addAccount({ account: { pn: '15550001000', lid: '100000000000001' } });
    const work = await host.addAccount({ account: { pn: '15550002000', lid: '100000000000002' } });
    const auth = makeMemoryAuth();
    let asked = false;
    const client = await connectClient(work, {
      auth,
      onQR: (_qr, c) => {
        if (asked) return;
        asked = true;
        void (async () => {
          const code = await c.sock.requestPairingCode(work.account.pn);
          await work.phone.enterPairingCode(code);
        })();
      },
    });
    try {
      expect(auth.state.creds.me?.id).toMatch(/^15550002000:\d+@/);
      expect(work.device).toBeDefined();
      expect(personal.device).toBeUndefined();
      expect(work.activeConnection).toBeDefined();
    } finally {
      await closeClient(client);
      await host.stop();
    }
  });
});
