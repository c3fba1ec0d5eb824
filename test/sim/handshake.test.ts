import { Curve, NOISE_WA_HEADER, proto } from '@whiskeysockets/baileys';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCertChain, checkCertChain, makeCertAuthority } from './certs.js';
import type { CertMode } from './certs.js';
import { NoiseResponder } from './noise.js';
import { Simulator } from './simulator.js';
import { closeClient, openSocket, pairAndConnect } from './testing/connectClient.js';
import { makeMemoryAuth } from './testing/memoryAuth.js';
import { quietLibsignal } from './testing/quietLibsignal.js';

quietLibsignal();

describe('noise certificate chain', () => {
  const ca = makeCertAuthority();
  const serverStatic = Curve.generateKeyPair();
  const cases: [CertMode, string | undefined][] = [
    ['valid', undefined],
    ['untrustedRoot', 'untrusted-root'],
    ['leafKeyMismatch', 'leaf-key-mismatch'],
    ['expired', 'expired'],
  ];
  it.each(cases)('mode %s is %s under a strict check', (mode, reason) => {
    const chain = buildCertChain(ca, serverStatic.public, mode);
    const check = checkCertChain(chain, ca.root.public, serverStatic.public);
    expect(check.ok ? undefined : check.reason).toBe(reason);
  });

  it('chains root → intermediate (issuer serial 0) → leaf carrying the noise static key', () => {
    const chain = proto.CertChain.decode(buildCertChain(ca, serverStatic.public, 'valid'));
    const inter = proto.CertChain.NoiseCertificate.Details.decode(chain.intermediate!.details!);
    const leaf = proto.CertChain.NoiseCertificate.Details.decode(chain.leaf!.details!);
    expect(inter.issuerSerial).toBe(0);
    expect(leaf.issuerSerial).toBe(inter.serial);
    expect(Buffer.from(leaf.key!)).toEqual(Buffer.from(serverStatic.public));
  });
});

describe('noise framing', () => {
  it('reassembles split and coalesced frames after the WA intro', () => {
    const noise = new NoiseResponder(Curve.generateKeyPair(), new Uint8Array());
    const frame = (body: string): Buffer => {
      const b = Buffer.from(body);
      return Buffer.concat([Buffer.from([0, 0, b.length]), b]);
    };
    const stream = Buffer.concat([Buffer.from(NOISE_WA_HEADER), frame('one'), frame('two'), frame('three')]);
    const out: string[] = [];
    const pieces = [
      stream.subarray(0, 2),
      stream.subarray(2, 7),
      stream.subarray(7, 8),
      stream.subarray(8, 15),
      stream.subarray(15),
    ];
    for (const p of pieces) out.push(...noise.push(p).map((f) => f.toString()));
    expect(out).toEqual(['one', 'two', 'three']);
  });
});

describe('handshake with the real Baileys socket', () => {
  let sim: Simulator | undefined;
  afterEach(async () => {
    await sim?.stop();
  });

  it('completes the Noise handshake with a chain from the trusted root and shows a QR', async () => {
    sim = await Simulator.start();
    const client = openSocket(sim, { auth: makeMemoryAuth() });
    await new Promise<void>((resolve) => {
      client.sock.ev.on('connection.update', (u) => {
        if (u.qr) resolve();
      });
    });
    expect(sim.trustRoot).toHaveLength(32);
    await closeClient(client);
  });

  // These hold with the repo's Baileys patch (patches/): stock rc14 accepts all of them.
  it.each([
    ['untrustedRoot', /intermediate certificate signature invalid/],
    ['leafKeyMismatch', /does not match the server static key/],
    ['expired', /outside its validity period/],
  ] as const)('the patched client refuses cert mode %s (400)', async (certMode, message) => {
    sim = await Simulator.start({ certMode });
    const end = await openSocket(sim, { auth: makeMemoryAuth() }).closed;
    expect(end.statusCode).toBe(400);
    expect(end.message).toMatch(message);
  });

  it('survives hostile clients and still serves a real one', async () => {
    sim = await Simulator.start();
    const hostile = async (payloads: Buffer[]): Promise<void> => {
      const ws = new WebSocket(sim!.wsUrl);
      await new Promise((r) => ws.once('open', r));
      for (const p of payloads) ws.send(p);
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        setTimeout(() => {
          ws.terminate();
          resolve();
        }, 300);
      });
    };
    await hostile([Buffer.from('GET / HTTP/1.1\r\n\r\n')]);
    await hostile([Buffer.concat([Buffer.from(NOISE_WA_HEADER), Buffer.from([0, 0, 5]), Buffer.from('junk!')])]);
    await hostile([
      Buffer.concat([Buffer.from(NOISE_WA_HEADER), Buffer.from([0xff, 0xff, 0xff])]),
      Buffer.alloc(4096, 1),
    ]);
    expect(sim.stats.protocolErrors).toBeGreaterThanOrEqual(2);
    const client = await pairAndConnect(sim, makeMemoryAuth());
    await closeClient(client);
  });
});
