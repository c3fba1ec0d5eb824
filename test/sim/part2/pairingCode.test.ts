import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QRError } from '../pairing.js';
import { Simulator } from '../simulator.js';
import { closeClient, connectClient } from '../testing/connectClient.js';
import type { Client } from '../testing/connectClient.js';
import { makeMemoryAuth } from '../testing/memoryAuth.js';
import { quietLibsignal } from '../testing/quietLibsignal.js';

quietLibsignal();

describe('pairing by phone-number code (link_code_companion_reg)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await Simulator.start();
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('refuses a wrong code, then pairs with the right one and logs in', async () => {
    const auth = makeMemoryAuth();
    const outcomes: string[] = [];
    let asked = false;
    const client: Client = await connectClient(sim, {
      auth,
      onQR: (_qr, c) => {
        if (asked) return;
        asked = true;
        void (async () => {
          // The app shows this code; the user types it on the phone.
          const code = await c.sock.requestPairingCode(sim.account.pn);
          expect(code).toMatch(/^[A-Z0-9]{8}$/);
          await sim.phone.enterPairingCode(code === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA').catch((err: unknown) => {
            outcomes.push(err instanceof QRError ? `refused: ${err.message}` : String(err));
          });
          const paired = await sim.phone.enterPairingCode(code);
          outcomes.push(`paired ${paired.deviceJid}`);
        })();
      },
    });
    expect(outcomes).toEqual([
      expect.stringMatching(/^refused: .*wrong pairing code/),
      `paired ${sim.account.pn}:1@s.whatsapp.net`,
    ]);
    expect(auth.state.creds.registered).toBe(true);
    expect(auth.state.creds.me?.id).toMatch(new RegExp(`^${sim.account.pn}:1@`));
    expect(sim.device?.id).toBe(1);
    const stages = sim.observed
      .received((n) => n.tag === 'iq' && n.attrs.xmlns === 'md')
      .map((o) => (Array.isArray(o.node.content) ? o.node.content[0]?.attrs.stage : undefined))
      .filter(Boolean);
    expect(stages).toEqual(['companion_hello', 'companion_finish', 'companion_finish']);
    await closeClient(client);
  });

  it('rejects a code when no companion asked for one', async () => {
    await expect(sim.phone.enterPairingCode('ABCDEFGH')).rejects.toThrow(/no companion is waiting/);
  });
});
