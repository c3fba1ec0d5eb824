import { describe, expect, it } from 'vitest';
import { DEMO_CONTACTS, DEMO_PEOPLE, demoHistory, seedDemoContacts, WORK_PEOPLE } from './demoWorld.js';
import { Simulator } from './simulator.js';
import { closeClient, connectClient } from './testing/connectClient.js';
import { waitForEvent } from './testing/events.js';
import { makeMemoryAuth } from './testing/memoryAuth.js';
import { quietLibsignal } from './testing/quietLibsignal.js';

quietLibsignal();

describe('demo world (what `npm run sim` serves)', () => {
  it('bootstraps every demo chat with push names (incl. emoji-only) on first login', async () => {
    const sim = await Simulator.start({ initialHistory: demoHistory(), bizName: 'Demo User' });
    seedDemoContacts(sim);
    let bootstrap: ReturnType<typeof waitForEvent<'messaging-history.set'>> | undefined;
    let names: typeof bootstrap;
    let scanned = false;
    const client = await connectClient(sim, {
      auth: makeMemoryAuth(),
      onSocket: (c) => {
        bootstrap = waitForEvent(c.sock, 'messaging-history.set', (h) => h.chats.length > 0, 10_000);
        names = waitForEvent(c.sock, 'messaging-history.set', (h) => h.contacts.some((x) => x.notify), 10_000);
        bootstrap.catch(() => {});
        names.catch(() => {});
      },
      onQR: (qr) => {
        if (!scanned) void sim.phone.scanQR(qr);
        scanned = true;
      },
    });
    const set = await bootstrap!;
    expect(set.chats).toHaveLength(DEMO_CONTACTS.length);
    expect(set.isLatest).toBe(true);
    expect(set.messages.some((m) => m.pushName === '🌻')).toBe(true);
    expect((await names!).contacts.map((c) => c.notify)).toContain('🌻');
    await closeClient(client);
    await sim.stop();
  });

  it('gives the second (work) phone its own chats and message ids, sharing only Ana with the first', () => {
    const idsOf = (people: typeof DEMO_PEOPLE) =>
      (demoHistory(1_700_000_000, people)[0]?.conversations ?? []).flatMap((c) =>
        (c.messages ?? []).map((m) => m.key?.id),
      );
    const personal = new Set(idsOf(DEMO_PEOPLE));
    const work = idsOf(WORK_PEOPLE);
    expect(work).toHaveLength(5);
    expect(work.filter((id) => personal.has(id))).toEqual([]);
    const shared = WORK_PEOPLE.contacts.filter((w) => DEMO_CONTACTS.some((d) => d.pn === w.pn));
    expect(shared.map((c) => c.pushName)).toEqual(['Ana Souza']);
  });
});
