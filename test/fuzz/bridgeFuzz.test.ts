import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_COMMAND_BYTES, commandNames, type Result } from '../../shared/src/index.js';
import { createIpcCommandHandler } from '../../electron/core/bridge/ipcCommandHandler.js';
import { startBrowserMode, type Harness } from '../support/browserModeHarness.js';
import { createPrng, pick } from '../support/prng.js';
import { WsBridgeClient } from '../support/wsBridgeClient.js';
import { isValidEnvelope, mutate } from './schemaSamples.js';

const MUTATIONS_PER_TRANSPORT = 10_000;
const VALID_EVERY = 10;
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const PIPELINE = 64;

type Tally = { invalidRefused: number; accidentallyValid: number; validServed: number; byKind: Record<string, number> };

/**
 * Seeded mutations derived from the command schemas, sent through both transports with valid
 * pings interleaved. Every invalid command must answer INVALID_INPUT, oversized ones
 * PAYLOAD_TOO_LARGE, the valid ones must still succeed and the process must keep serving.
 */
async function fuzz(send: (envelope: unknown) => Promise<Result<unknown>>, seed: number): Promise<Tally> {
  const rand = createPrng(seed);
  const tally: Tally = { invalidRefused: 0, accidentallyValid: 0, validServed: 0, byKind: {} };
  let inFlight: Promise<void>[] = [];
  for (let i = 0; i < MUTATIONS_PER_TRANSPORT; i += 1) {
    const mutation = mutate(pick(rand, commandNames), rand);
    const expectRefusal = !isValidEnvelope(mutation.envelope);
    inFlight.push(
      send(mutation.envelope).then((result) => {
        if (expectRefusal) {
          expect(result, `mutation ${mutation.kind} #${i}`).toMatchObject({
            ok: false,
            error: { code: 'INVALID_INPUT' },
          });
          tally.invalidRefused += 1;
          tally.byKind[mutation.kind] = (tally.byKind[mutation.kind] ?? 0) + 1;
        } else {
          // The mutation happened to stay valid: the contract must not refuse it as invalid.
          expect(result.ok || result.error.code !== 'INVALID_INPUT').toBe(true);
          tally.accidentallyValid += 1;
        }
      }),
    );
    if (i % VALID_EVERY === 0) {
      const nonce = `n${i}`;
      inFlight.push(
        send({ name: 'app.ping', input: { nonce } }).then((result) => {
          expect(result).toMatchObject({ ok: true, value: { nonce } });
          tally.validServed += 1;
        }),
      );
    }
    if (inFlight.length >= PIPELINE) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  }
  await Promise.all(inFlight);
  return tally;
}

describe('bridge fuzzing', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startBrowserMode();
  });
  afterAll(async () => {
    await harness.dispose();
  });

  it(`refuses ${MUTATIONS_PER_TRANSPORT} mutated commands over the WebSocket and keeps serving`, async () => {
    const client = await WsBridgeClient.connect(harness.port, harness.cookie);
    // The envelope's fields travel as fields of the frame, extra ones included.
    const tally = await fuzz(
      (envelope) => client.sendRaw((id) => JSON.stringify({ t: 'cmd', id, ...(envelope as object) })),
      SEED,
    );
    console.log(`ws fuzz (seed ${SEED}):`, JSON.stringify(tally));
    expect(tally.invalidRefused + tally.accidentallyValid).toBe(MUTATIONS_PER_TRANSPORT);
    expect(tally.invalidRefused).toBeGreaterThan(MUTATIONS_PER_TRANSPORT * 0.9);

    // Framing-level garbage, answered rather than fatal.
    const garbage = [
      'not json',
      '[]',
      '{"t":"cmd"}',
      '{"t":"cmd","id":"x","name":"app.ping"}',
      'null',
      '{"t":"res","id":1}',
    ];
    for (const frame of [...garbage, Buffer.from([0xff, 0xfe]).toString('latin1')]) {
      expect(await client.sendUnattributed(frame)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }

    const oversized = await client.sendRaw(
      (id) => `{"t":"cmd","id":${id},"name":"app.ping","input":{"nonce":"${'x'.repeat(MAX_COMMAND_BYTES + 10)}"}}`,
    );
    expect(oversized).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });

    const after = await client.send('app.ping', { nonce: 'still-here' });
    expect(after).toMatchObject({ ok: true, value: { nonce: 'still-here' } });
    expect(client.isOpen).toBe(true);
    client.close();
  });

  it(`refuses ${MUTATIONS_PER_TRANSPORT} mutated commands through the Electron IPC handler path`, async () => {
    const handle = createIpcCommandHandler(harness.mode.core.dispatch, (url) => url.startsWith('app://inbox/'));
    const sender = { senderFrameUrl: 'app://inbox/index.html', isMainFrame: true };
    // structuredClone is what Electron's IPC applies to the payload on the way to main.
    const tally = await fuzz((envelope) => handle(sender, structuredClone(envelope)), SEED + 1);
    console.log(`ipc fuzz (seed ${SEED + 1}):`, JSON.stringify(tally));
    expect(tally.invalidRefused + tally.accidentallyValid).toBe(MUTATIONS_PER_TRANSPORT);

    const oversized = await handle(sender, { name: 'app.ping', input: { nonce: 'x'.repeat(MAX_COMMAND_BYTES + 10) } });
    expect(oversized).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });

    const foreign = await handle(
      { senderFrameUrl: 'https://evil.example/', isMainFrame: true },
      { name: 'app.ping', input: { nonce: 'x' } },
    );
    expect(foreign).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const subframe = await handle(
      { senderFrameUrl: 'app://inbox/index.html', isMainFrame: false },
      { name: 'app.ping', input: { nonce: 'x' } },
    );
    expect(subframe).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    expect(await handle(sender, { name: 'app.ping', input: { nonce: 'ok' } })).toMatchObject({ ok: true });
  });

  it('leaves Object.prototype untouched after prototype-pollution attempts', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
