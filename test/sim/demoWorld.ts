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
type DemoPerson = Readonly<{ pn: string; lid: string; pushName: string }>;
/** A simulated phone's people and their chats (keyed by the contact's number). */
export type DemoPeople = Readonly<{
  contacts: readonly DemoPerson[];
  chats: Readonly<Record<string, readonly Line[]>>;
  /** Prefix of the history message ids, so two phones' histories never share an id. */
  idPrefix: string;
}>;

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

/** The first demo phone (Dana's personal number): what `npm run sim` serves. */
export const DEMO_PEOPLE: DemoPeople = { contacts: DEMO_CONTACTS, chats: CHATS, idPrefix: 'DEMO' };

/**
 * A second phone for multi-account tests (Dana's work number). Ana Souza is a contact of both
 * phones, as people are: each phone's Ana has her own Signal identity in her own simulator, so a
 * reply sent from the wrong account would reach the wrong Ana.
 */
export const WORK_PEOPLE: DemoPeople = {
  contacts: [
    { pn: '15550103001', lid: '210000000000101', pushName: 'Kai Tanaka' },
    { pn: '15550103002', lid: '210000000000102', pushName: 'Lena Fischer' },
    { pn: '15550102001', lid: '210000000000001', pushName: 'Ana Souza' },
  ],
  chats: {
    '15550103001': [
      ['them', 'Standup moved to 9:30 tomorrow'],
      ['me', 'Noted 👍'],
    ],
    '15550103002': [['them', 'Could you review the Q3 deck before Friday?']],
    '15550102001': [
      ['me', 'Welcome to the team, Ana!'],
      ['them', 'Thanks! Happy to be here'],
    ],
  },
  idPrefix: 'WORK',
};

/**
 * The demo's initial history: a bootstrap chunk (one chat per contact, oldest message first), then a
 * PUSH_NAME chunk (Baileys reads `pushnames` only from that sync type).
 */
export function demoHistory(nowS = Math.floor(Date.now() / 1000), people = DEMO_PEOPLE): HistorySyncInput[] {
  return [
    demoBootstrap(nowS, people),
    { syncType: 'PUSH_NAME', pushnames: people.contacts.map((c) => ({ id: pnJid(c.pn), pushname: c.pushName })) },
  ];
}

function demoBootstrap(nowS: number, people: DemoPeople): HistorySyncInput {
  const contacts = people.contacts;
  return {
    syncType: 'INITIAL_BOOTSTRAP',
    progress: 100,
    phoneNumberToLidMappings: contacts.map((c) => ({ pnJid: pnJid(c.pn), lidJid: lidJid(c.lid) })),
    conversations: contacts.map((c, ci) => {
      const lines = people.chats[c.pn] ?? [];
      return {
        id: pnJid(c.pn),
        unreadCount: lines.at(-1)?.[0] === 'them' ? 1 : 0,
        messages: lines.map(([who, text], i) =>
          historyMessage({
            remoteJid: pnJid(c.pn),
            id: `${people.idPrefix}${ci}${i}${'0'.repeat(12)}`.slice(0, 20),
            fromMe: who === 'me',
            timestamp: nowS - 3600 * (contacts.length - ci) - 60 * (lines.length - i),
            text,
            ...(who === 'them' ? { pushName: c.pushName } : {}),
          }),
        ),
      };
    }),
  };
}

export function seedDemoContacts(sim: Simulator, people = DEMO_PEOPLE): void {
  for (const c of people.contacts) sim.addContact({ pn: c.pn, lid: c.lid, pushName: c.pushName });
}
