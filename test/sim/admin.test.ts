import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminApi } from './adminApi.js';
import { Simulator } from './simulator.js';
import { connectClient } from './testing/connectClient.js';
import type { Client } from './testing/connectClient.js';
import { UpsertLog, waitForEvent } from './testing/events.js';
import { makeMemoryAuth } from './testing/memoryAuth.js';
import { quietLibsignal } from './testing/quietLibsignal.js';

quietLibsignal();

type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

describe('admin HTTP API', () => {
  let sim: Simulator;
  let admin: AdminApi;
  let client: Client;
  let upserts: UpsertLog;
  const call = async <T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; reply: Reply<T> }> => {
    const res = await fetch(`${admin.url}${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, reply: (await res.json()) as Reply<T> };
  };

  beforeAll(async () => {
    sim = await Simulator.start();
    admin = await AdminApi.start(sim);
    const auth = makeMemoryAuth();
    let scanned = false;
    client = await connectClient(sim, {
      auth,
      onSocket: (c) => {
        upserts = new UpsertLog(c.sock);
      },
      onQR: (qr) => {
        if (scanned) return;
        scanned = true;
        void call('POST', '/phone/scan', { qr });
      },
    });
  });
  afterAll(async () => {
    await admin.close();
    await sim.stop();
  });

  it('pairs through POST /phone/scan and reports the device in GET /state', async () => {
    const { reply } = await call<{ device: { id: number } | null; online: boolean }>('GET', '/state');
    expect(reply.ok && reply.value.device?.id).toBe(sim.device?.id);
    expect(reply.ok && reply.value.online).toBe(true);
  });

  it('creates a contact that sends a message kind to the account', async () => {
    const created = await call<{ pn: string }>('POST', '/contacts', { pushName: '🌻', pn: '15550109999' });
    expect(created.status).toBe(200);
    const sent = await call<{ id: string }>('POST', '/contacts/15550109999/messages', {
      message: { kind: 'location', lat: 52.52, lng: 13.405, name: 'Berlin' },
    });
    expect(sent.reply.ok).toBe(true);
    const id = sent.reply.ok ? sent.reply.value.id : '';
    const msg = await upserts.byId(id);
    expect(msg.message?.locationMessage?.name).toBe('Berlin');
    expect(msg.pushName).toBe('🌻');
  });

  it('lists observed nodes with binary content as base64', async () => {
    const { reply } = await call<{ next: number; nodes: { dir: string; node: { tag: string } }[] }>(
      'GET',
      '/observed?since=0&limit=50',
    );
    expect(reply.ok && reply.value.nodes.some((n) => n.node.tag === 'iq')).toBe(true);
    const iqs = await call<{ unanswered: number; unhandled: number }>('GET', '/iqs');
    expect(iqs.reply.ok && iqs.reply.value.unhandled).toBe(0);
  });

  it('rejects invalid input with 400 and unknown routes with 404', async () => {
    expect((await call('POST', '/contacts/15550109999/messages', { message: { kind: 'text' } })).status).toBe(400);
    expect((await call('POST', '/faults/meteor')).status).toBe(404);
    expect((await call('GET', '/nope')).status).toBe(404);
    const badQr = await call('POST', '/phone/scan', { qr: 'https://wa.me/settings/linked_devices#x,y,z,w' });
    expect(badQr.status).toBe(422);
  });

  it('triggers a history sync and faults', async () => {
    const history = waitForEvent(client.sock, 'messaging-history.set', (h) =>
      h.contacts.some((c) => c.notify === 'Zoë'),
    );
    await call('POST', '/history', {
      syncType: 'PUSH_NAME',
      pushnames: [{ id: '15550109998@s.whatsapp.net', pushname: 'Zoë' }],
    });
    await history;
    expect((await call('POST', '/faults/conflict')).status).toBe(200);
    expect((await client.closed).statusCode).toBe(440);
  });
});
