import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, openSocket } from './testing/connectClient.js';
import { UpsertLog } from './testing/events.js';
import { startPairedWorld } from './testing/fixtures.js';
import type { PairedWorld } from './testing/fixtures.js';

describe('session faults', () => {
  let w: PairedWorld;
  afterEach(async () => {
    await w.teardown();
  });

  it('stream:error conflict ends the client with 440 (replaced)', async () => {
    w = await startPairedWorld();
    w.sim.faults.conflict();
    expect((await w.client.closed).statusCode).toBe(440);
  });

  it('a second login with the same creds replaces the first (440 on the old socket)', async () => {
    w = await startPairedWorld();
    const old = w.client;
    w.client = await connectClient(w.sim, { auth: w.auth });
    expect((await old.closed).statusCode).toBe(440);
  });

  it('device removed ends the client with 401, and its creds can no longer log in', async () => {
    w = await startPairedWorld();
    w.sim.faults.logout();
    expect((await w.client.closed).statusCode).toBe(401);
    w.client = openSocket(w.sim, { auth: w.auth });
    expect((await w.client.closed).statusCode).toBe(401);
  });

  it('logout from the client (remove-companion-device) forgets the device', async () => {
    w = await startPairedWorld();
    await w.client.sock.logout();
    expect((await w.client.closed).statusCode).toBe(401);
    expect(w.sim.device).toBeUndefined();
  });

  it('a dropped socket reconnects with the saved creds, without a QR', async () => {
    w = await startPairedWorld();
    w.sim.faults.dropConnection();
    expect((await w.client.closed).statusCode).toBe(428);
    w.client = await connectClient(w.sim, { auth: w.auth });
    expect(w.client.updates.some((u) => u.qr)).toBe(false);
    const hal = w.sim.addContact({ pushName: 'Hal' });
    const log = new UpsertLog(w.client.sock);
    expect((await log.byId(await hal.sendText('back online'))).message?.conversation).toBe('back online');
  });

  it('a 515 restart is survived by recreating the socket', async () => {
    w = await startPairedWorld();
    w.sim.faults.restartRequired();
    expect((await w.client.closed).statusCode).toBe(515);
    w.client = await connectClient(w.sim, { auth: w.auth });
  });
});
