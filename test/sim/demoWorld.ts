import type { HistorySyncInput } from './history/index.js';
import { historyMessage } from './history/index.js';
import type { Simulator } from './simulator.js';
import { lidJid, pnJid } from './world.js';

/** Fixed demo people (numbers in the 555 fiction range), including an emoji-only push name. */
export const DEMO_CONTACTS = [
  { pn: '15550102001', lid: '210000000000001', pushName: 'Ana Souza' },
  { pn: '15550102002', lid: '210000000000002', pushName: 'Bruno Lima' },
  { pn: '15550102003', lid: '210000000000003', pushName: 'Chen Wei' },
  { pn: '15550102004', lid: '210000000000004', pushName: '🌻' },
  { pn: '15550102005', lid: '210000000000005', pushName: 'Dr. Priya Natarajan' },
  { pn: '4915550102006', lid: '210000000000006', pushName: 'Jörg Müller' },
] as const;

type Line = readonly [who: 'them' | 'me', text: string];

const CHATS: Record<string, readonly Line[]> = {
  '15550102001': [
    ['them', 'Oi! Are we still on for Saturday?'],
    ['me', 'Yes! 10am at the market?'],
    ['them', 'Perfect, see you there 😊'],
  ],
  '15550102002': [
    ['them', 'Sent you the invoice, let me know if anything is off'],
    ['me', 'Got it, thanks Bruno'],
  ],
  '15550102003': [['them', 'The build is green again 🎉']],
  '15550102004': [
    ['them', '🌻🌻🌻'],
    ['me', 'Beautiful!'],
  ],
  '15550102005': [['them', 'Your lab results are in; nothing to worry about.']],
  '4915550102006': [
    ['me', 'Danke für gestern!'],
    ['them', 'Gerne, jederzeit.'],
  ],
};

/**
 * The demo's initial history: a bootstrap chunk (one chat per contact, oldest message first), then a
 * PUSH_NAME chunk (Baileys reads `pushnames` only from that sync type).
 */
export function demoHistory(nowS = Math.floor(Date.now() / 1000)): HistorySyncInput[] {
  return [
    demoBootstrap(nowS),
    { syncType: 'PUSH_NAME', pushnames: DEMO_CONTACTS.map((c) => ({ id: pnJid(c.pn), pushname: c.pushName })) },
  ];
}

function demoBootstrap(nowS: number): HistorySyncInput {
  return {
    syncType: 'INITIAL_BOOTSTRAP',
    progress: 100,
    phoneNumberToLidMappings: DEMO_CONTACTS.map((c) => ({ pnJid: pnJid(c.pn), lidJid: lidJid(c.lid) })),
    conversations: DEMO_CONTACTS.map((c, ci) => {
      const lines = CHATS[c.pn] ?? [];
      return {
        id: pnJid(c.pn),
        unreadCount: lines.at(-1)?.[0] === 'them' ? 1 : 0,
        messages: lines.map(([who, text], i) =>
          historyMessage({
            remoteJid: pnJid(c.pn),
            id: `DEMO${ci}${i}${'0'.repeat(12)}`.slice(0, 20),
            fromMe: who === 'me',
            timestamp: nowS - 3600 * (DEMO_CONTACTS.length - ci) - 60 * (lines.length - i),
            text,
            ...(who === 'them' ? { pushName: c.pushName } : {}),
          }),
        ),
      };
    }),
  };
}

export function seedDemoContacts(sim: Simulator): void {
  for (const c of DEMO_CONTACTS) sim.addContact({ pn: c.pn, lid: c.lid, pushName: c.pushName });
}
