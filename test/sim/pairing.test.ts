import { Curve } from '@whiskeysockets/baileys';
import { afterEach, describe, expect, it } from 'vitest';
import { QRError } from './pairing.js';
import { Simulator } from './simulator.js';
import { closeClient, connectClient, openSocket, pairAndConnect } from './testing/connectClient.js';
import type { Client } from './testing/connectClient.js';
import { makeMemoryAuth } from './testing/memoryAuth.js';
import { quietLibsignal } from './testing/quietLibsignal.js';

quietLibsignal();

const nextQR = (client: Client, after = 0): Promise<string> =>
  new Promise((resolve) => {
    const poll = (): void => {
      const qrs = client.updates.flatMap((u) => (u.qr ? [u.qr] : []));
      if (qrs.length > after) resolve(qrs[after]!);
      else setTimeout(poll, 10);
    };
    poll();
  });

describe('pairing by QR', () => {
  let sim: Simulator | undefined;
  const clients: Client[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await Promise.race([closeClient(c), new Promise((r) => setTimeout(r, 500))]);
    await sim?.stop();
  });

  it('pairs from the QR Baileys emits, restarts with 515 and opens with the paired identity', async () => {
    sim = await Simulator.start();
    const auth = makeMemoryAuth();
    const client = await pairAndConnect(sim, auth);
    clients.push(client);
    const me = auth.state.creds.me;
    expect(me?.id).toBe(`${sim.account.pn}:${sim.device?.id}@s.whatsapp.net`);
    expect(me?.lid).toBe(`${sim.account.lid}:${sim.device?.id}@lid`);
    expect(sim.device?.preKeys.size).toBeGreaterThan(100);
    expect(sim.observed.sent((n) => n.tag === 'stream:error' && n.attrs.code === '515')).toHaveLength(1);
  });

  it('rejects an unknown QR ref and a QR whose keys do not belong to the connection', async () => {
    sim = await Simulator.start();
    const client = openSocket(sim, { auth: makeMemoryAuth() });
    clients.push(client);
    const qr = await nextQR(client);
    const [prefix, rest] = qr.split('#') as [string, string];
    const parts = rest.split(',');
    await expect(sim.phone.scanQR(`${prefix}#2@not-a-ref,${parts.slice(1).join(',')}`)).rejects.toThrow(
      /unknown QR ref/,
    );
    const otherNoise = Buffer.from(Curve.generateKeyPair().public).toString('base64');
    await expect(sim.phone.scanQR(`${prefix}#${parts[0]},${otherNoise},${parts.slice(2).join(',')}`)).rejects.toThrow(
      QRError,
    );
    await expect(sim.phone.scanQR('hello world')).rejects.toThrow(QRError);
    expect(sim.device).toBeUndefined();
  });

  it('rotates refs on the configured schedule; an expired ref is refused and Baileys gives up with 408', async () => {
    sim = await Simulator.start({ qr: { firstRefTtlMs: 300, nextRefTtlMs: 300, refCount: 3 } });
    const client = openSocket(sim, { auth: makeMemoryAuth(), config: { qrTimeout: 300 } });
    clients.push(client);
    const first = await nextQR(client, 0);
    const second = await nextQR(client, 1);
    expect(second).not.toBe(first);
    await new Promise((r) => setTimeout(r, 400));
    await expect(sim.phone.scanQR(first)).rejects.toThrow(/expired/);
    const end = await client.closed;
    expect(end.statusCode).toBe(408);
  });

  it('a forged account signature is refused by the (patched) client; the phone sees the pairing fail', async () => {
    sim = await Simulator.start();
    const client = openSocket(sim, { auth: makeMemoryAuth() });
    const scan = sim.phone.scanQR(await nextQR(client), { signatureMode: 'forged' });
    await expect(scan).rejects.toThrow(QRError);
    expect((await client.closed).message).toMatch(/Failed to verify account signature/);
    expect(sim.device).toBeUndefined();
  });

  it('logs in again with the saved creds (no QR) and refuses a login with another noise key (401)', async () => {
    sim = await Simulator.start();
    const auth = makeMemoryAuth();
    const first = await pairAndConnect(sim, auth);
    await closeClient(first);
    const again = await connectClient(sim, { auth });
    clients.push(again);
    expect(again.updates.some((u) => u.qr)).toBe(false);
    await closeClient(clients.pop()!);

    const impostor = makeMemoryAuth();
    Object.assign(impostor.state.creds, { ...auth.state.creds, noiseKey: Curve.generateKeyPair() });
    const bad = openSocket(sim, { auth: impostor });
    expect((await bad.closed).statusCode).toBe(401);
  });
});
