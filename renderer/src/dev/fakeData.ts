import type {
  Account,
  AccountId,
  Chat,
  ChatId,
  Contact,
  ContactId,
  ContactName,
  Message,
  MessageBody,
  MessageId,
  SyncStatus,
} from '../../../shared/src/index.js';
import { photoDataUrl, stickerDataUrl } from './fakeMedia.js';

/* Dev-only: a realistic, deterministic world for the fake bridge (never in production builds). */
export const WORK = 'work' as AccountId;
export const PERSONAL = 'personal' as AccountId;
export const SHOP = 'shop' as AccountId;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let seed = 42;
export function rand(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}
export function pick<T>(items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

export function syncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    phase: 'complete',
    progress: 100,
    chunksReceived: 3,
    chunksProcessed: 3,
    messagesImported: 4210,
    lateChunks: 0,
    completeSource: 'explicit',
    lastChunkAt: Date.now() - 5 * MINUTE,
    ...overrides,
  };
}

export function baseAccounts(): Account[] {
  return [
    {
      id: WORK,
      label: 'Work',
      phoneNumber: '4915112345678',
      pushName: 'Lena Fischer',
      connection: { kind: 'open' },
      sync: syncStatus({
        phase: 'syncing',
        progress: 62,
        chunksReceived: 2,
        chunksProcessed: 2,
        completeSource: null,
        messagesImported: 1840,
      }),
    },
    {
      id: PERSONAL,
      label: 'Personal',
      phoneNumber: '14155550123',
      pushName: 'Lena',
      connection: { kind: 'open' },
      sync: syncStatus({ lateChunks: 1, completeSource: 'inferred' }),
    },
  ];
}

type Person = { readonly phone: string; readonly names: ContactName[] };

const PEOPLE: readonly Person[] = [
  {
    phone: '4917612345001',
    names: [
      { source: 'phoneBook', name: 'Jonas Weber' },
      { source: 'pushName', name: 'Jo' },
    ],
  },
  {
    phone: '4917612345002',
    names: [
      { source: 'alias', name: 'Mum' },
      { source: 'phoneBook', name: 'Petra Fischer' },
    ],
  },
  { phone: '4930901820', names: [{ source: 'business', name: 'Bäckerei Schmidt' }] },
  { phone: '4917612345004', names: [{ source: 'pushName', name: '🌸✨' }] },
  { phone: '33612345678', names: [{ source: 'pushName', name: 'Camille' }] },
  { phone: '4917612345006', names: [{ source: 'phoneBook', name: 'Aylin Demir' }] },
  { phone: '447700900123', names: [] },
  { phone: '4917612345008', names: [{ source: 'phoneBook', name: 'Max Hoffmann' }] },
  {
    phone: '4917612345009',
    names: [
      { source: 'phoneBook', name: 'Sofia Rossi' },
      { source: 'business', name: 'Rossi Design' },
    ],
  },
  { phone: '4917612345010', names: [{ source: 'phoneBook', name: 'Tim Becker' }] },
  { phone: '4917612345011', names: [{ source: 'pushName', name: 'Nina K.' }] },
  { phone: '4917612345012', names: [{ source: 'phoneBook', name: 'Felix Wagner' }] },
  { phone: '4917612345013', names: [{ source: 'phoneBook', name: 'Hannah Schulz' }] },
  { phone: '4917612345014', names: [{ source: 'business', name: 'DHL Paket' }] },
  { phone: '4917612345015', names: [{ source: 'phoneBook', name: 'Leon Koch' }] },
  { phone: '4917612345016', names: [{ source: 'phoneBook', name: 'Emma Richter' }] },
  { phone: '4917612345017', names: [{ source: 'pushName', name: 'Paul' }] },
  { phone: '4917612345018', names: [{ source: 'phoneBook', name: 'Mia Klein' }] },
  { phone: '4917612345019', names: [{ source: 'phoneBook', name: 'Lukas Wolf' }] },
  { phone: '4917612345020', names: [{ source: 'phoneBook', name: 'Clara Neumann' }] },
  { phone: '4917612345021', names: [{ source: 'phoneBook', name: 'David Schwarz' }] },
  { phone: '4917612345022', names: [{ source: 'pushName', name: 'Lea 🐝' }] },
];

const GROUPS = [
  'Design Team',
  'Family 🏡',
  'Climbing Sundays',
  'Release 2.4',
  'Flat 3B',
  'Book club',
  'Berlin Marathon 2026',
  'Product sync',
];

const LINES = [
  'Morning! Are we still on for 10?',
  'Yes, see you there 👍',
  'Can you send me the latest version of the deck?',
  'Just pushed the fix, CI is green now',
  'Running 5 min late, sorry!',
  'Haha that is amazing 😂',
  'Let me check and get back to you',
  'Thanks a lot, really appreciate it 🙏',
  'Did you see the new mockups? https://figma.com/file/abc123/inbox-v2',
  'Sure, works for me',
  'What time does the train leave?',
  "I'll bring snacks 🍕",
  'Call you after lunch?',
  'The parcel arrived today 📦',
  'Happy birthday!! 🎉🎂',
  'Meeting moved to Thursday',
  'Can you review my PR when you have a minute?',
  'Perfect, thank you!',
  'On my way',
  'Great news — the client signed 🎉',
];

export type World = {
  accounts: Account[];
  contacts: Map<AccountId, Contact[]>;
  chats: Chat[];
  messages: Map<string, Message[]>;
};

export function chatKeyOf(accountId: AccountId, chatId: ChatId): string {
  return `${accountId}/${chatId}`;
}

function contactOf(person: Person): Contact {
  return {
    id: `${person.phone}@s.whatsapp.net` as ContactId,
    phoneNumber: person.phone,
    lid: null,
    names: person.names,
    isGroup: false,
    updatedAt: Date.now(),
  };
}

let messageCounter = 0;
export function newMessageId(): MessageId {
  messageCounter++;
  return `3EB0${messageCounter.toString(16).toUpperCase().padStart(12, '0')}` as MessageId;
}

export function textMessage(chat: Chat, timestamp: number, senderId: ContactId | null, text: string): Message {
  const isFromMe = senderId === null;
  return {
    accountId: chat.accountId,
    chatId: chat.id,
    id: newMessageId(),
    // The fake world creates messages in time order, like a store receiving them.
    orderKey: messageCounter,
    senderId,
    isFromMe,
    isFromOtherDevice: isFromMe && rand() < 0.3,
    timestamp,
    status: isFromMe ? 'read' : 'received',
    body: { kind: 'text', text },
    quoted: null,
    reactions: [],
    editedAt: null,
    isForwarded: false,
    failure: null,
  };
}

export function buildWorld(now: number): World {
  const accounts = baseAccounts();
  const contacts = new Map<AccountId, Contact[]>();
  const chats: Chat[] = [];
  const messages = new Map<string, Message[]>();
  const plan: [AccountId, number, number][] = [
    [WORK, 18, 0],
    [PERSONAL, 12, 9],
  ];
  for (const [accountId, chatCount, offset] of plan) {
    const people = PEOPLE.map(contactOf);
    const groupContacts: Contact[] = [];
    for (let i = 0; i < chatCount; i++) {
      const isGroup = i % 4 === 0;
      const groupName = GROUPS[(i / 4 + offset) % GROUPS.length] ?? 'Group';
      const person = people[(i + offset) % people.length] as Contact;
      const groupContact: Contact = {
        id: `1203630${accountId.length}${i}@g.us` as ContactId,
        phoneNumber: null,
        lid: null,
        names: [],
        isGroup: true,
        updatedAt: now,
      };
      if (isGroup) groupContacts.push(groupContact);
      const chat: Chat = {
        accountId,
        id: (isGroup ? groupContact.id : person.id) as string as ChatId,
        contactId: isGroup ? groupContact.id : person.id,
        isGroup,
        subject: isGroup ? groupName : null,
        lastMessageAt: null,
        preview: null,
        unreadCount: i % 3 === 1 ? Math.floor(rand() * 12) + 1 : 0,
        isMarkedUnread: i === 5,
        pinnedAt: i === 2 || i === 7 ? now - i * HOUR : null,
        isArchived: i === chatCount - 1 || i === chatCount - 3,
        mutedUntil: i % 5 === 3 ? now + 8 * HOUR : null,
        oldestMessageAt: null,
        isHistoryExhausted: false,
      };
      const members = isGroup
        ? [people[(i + 1) % people.length], people[(i + 5) % people.length], people[(i + 9) % people.length]]
        : [person];
      const list: Message[] = [];
      const count = 25 + Math.floor(rand() * 30);
      let t = now - (i * 3 + 1) * HOUR - Math.floor(rand() * 40) * MINUTE - (i > 10 ? (i - 8) * DAY : 0);
      for (let m = count - 1; m >= 0; m--) {
        const sender = rand() < 0.45 ? null : (pick(members) as Contact).id;
        list.unshift(textMessage(chat, t, sender, pick(LINES)));
        t -= Math.floor(rand() * 5 * HOUR) + 2 * MINUTE;
      }
      if (accountId === WORK && i === 0)
        list.push(
          ...showcase(
            chat,
            now,
            members.map((c) => (c as Contact).id),
          ),
        );
      const last = list[list.length - 1] as Message;
      chat.lastMessageAt = last.timestamp;
      chat.oldestMessageAt = (list[0] as Message).timestamp;
      chat.preview = previewOf(last);
      chats.push(chat);
      messages.set(chatKeyOf(accountId, chat.id), list);
    }
    contacts.set(accountId, [...people, ...groupContacts]);
  }
  return { accounts, contacts, chats, messages };
}

export function previewOf(message: Message): Chat['preview'] {
  const body = message.body;
  const text =
    body.kind === 'text'
      ? body.text
      : body.kind === 'media'
        ? (body.caption ??
          {
            image: 'Photo',
            video: 'Video',
            audio: 'Audio',
            voice: 'Voice message',
            document: body.media.fileName ?? 'Document',
            sticker: 'Sticker',
          }[body.media.kind])
        : body.kind === 'poll'
          ? body.question
          : body.kind === 'location'
            ? 'Location'
            : body.kind === 'contactCard'
              ? body.displayName
              : body.kind === 'deleted'
                ? 'This message was deleted'
                : 'Unsupported message';
  return {
    senderId: message.senderId,
    isFromMe: message.isFromMe,
    text: text.slice(0, 500),
    kind: body.kind === 'media' ? body.media.kind : body.kind,
  };
}

function media(
  kind: 'image' | 'video' | 'audio' | 'voice' | 'document' | 'sticker',
  overrides: Partial<Extract<MessageBody, { kind: 'media' }>['media']> = {},
) {
  return {
    kind,
    mimeType: null,
    fileName: null,
    sizeBytes: 245_000,
    durationSeconds: null,
    width: null,
    height: null,
    thumbnailDataUrl: null,
    state: { status: 'remote' as const },
    ...overrides,
  };
}

/** One of every body kind and media state, in the first Work group. */
function showcase(chat: Chat, now: number, members: ContactId[]): Message[] {
  const [a = null, b = null, c = null] = members;
  let t = now - 50 * MINUTE;
  const next = (body: MessageBody, senderId: ContactId | null, extra: Partial<Message> = {}): Message => {
    t += 2 * MINUTE;
    return { ...textMessage(chat, t, senderId, ''), body, ...extra };
  };
  const photo = next(
    {
      kind: 'media',
      caption: 'Sunset from the office roof 🌇',
      media: media('image', {
        width: 320,
        height: 220,
        thumbnailDataUrl: photoDataUrl(20, 330),
        state: { status: 'ready', url: photoDataUrl(20, 330, 640, 440) },
      }),
    },
    a,
    {
      reactions: [
        { senderId: b ?? a!, emoji: '😍', at: t },
        { senderId: c ?? a!, emoji: '😍', at: t },
        { senderId: a!, emoji: '🔥', at: t },
      ],
    },
  );
  const list: Message[] = [
    photo,
    next(
      { kind: 'text', text: 'Wow, gorgeous! Check the new build too: https://example.com/builds/2.4.0-rc1 🚀' },
      null,
      {
        quoted: { id: photo.id, senderId: a, preview: 'Photo · Sunset from the office roof 🌇' },
        status: 'read',
      },
    ),
    next(
      {
        kind: 'media',
        caption: null,
        media: media('video', {
          width: 320,
          height: 180,
          durationSeconds: 47,
          sizeBytes: 8_400_000,
          thumbnailDataUrl: photoDataUrl(200, 250),
        }),
      },
      b,
    ),
    next(
      {
        kind: 'media',
        caption: null,
        media: media('voice', { durationSeconds: 23, state: { status: 'ready', url: 'data:audio/ogg;base64,' } }),
      },
      c,
    ),
    next(
      {
        kind: 'media',
        caption: null,
        media: media('document', { fileName: 'Q3-roadmap.pdf', mimeType: 'application/pdf', sizeBytes: 1_250_000 }),
      },
      a,
    ),
    next(
      {
        kind: 'media',
        caption: null,
        media: media('sticker', {
          width: 160,
          height: 160,
          state: { status: 'ready', url: stickerDataUrl() },
          thumbnailDataUrl: stickerDataUrl(),
        }),
      },
      b,
    ),
    next(
      {
        kind: 'location',
        latitude: 52.520008,
        longitude: 13.404954,
        name: 'Alexanderplatz',
        address: 'Alexanderplatz, 10178 Berlin',
      },
      c,
    ),
    next(
      {
        kind: 'contactCard',
        displayName: 'Dr. Anna Berg',
        vcard: 'BEGIN:VCARD\nVERSION:3.0\nFN:Dr. Anna Berg\nTEL;type=CELL:+49 170 1234567\nEND:VCARD',
      },
      a,
    ),
    next(
      {
        kind: 'poll',
        question: 'Team lunch on Friday — where?',
        selectableCount: 1,
        options: [
          { name: 'Vietnamese 🍜', voters: [a, b].filter((x): x is ContactId => x !== null) },
          { name: 'Pizza 🍕', voters: [c].filter((x): x is ContactId => x !== null) },
          { name: 'Salad bar 🥗', voters: [] },
        ],
      },
      null,
      { status: 'read' },
    ),
    next(
      {
        kind: 'media',
        caption: 'Old screenshot',
        media: media('image', {
          width: 300,
          height: 200,
          thumbnailDataUrl: photoDataUrl(150, 190),
          state: { status: 'failed', failure: 'cdnGone', detail: 'HTTP 410', httpStatus: 410, at: t },
        }),
      },
      b,
    ),
    next(
      {
        kind: 'media',
        caption: null,
        media: media('image', {
          width: 300,
          height: 200,
          thumbnailDataUrl: photoDataUrl(90, 140),
          state: { status: 'downloading', progress: 0.42 },
        }),
      },
      c,
    ),
    next(
      {
        kind: 'media',
        caption: null,
        media: media('audio', {
          fileName: 'interview.m4a',
          durationSeconds: 312,
          sizeBytes: 4_800_000,
          state: { status: 'reuploadRequested', requestedAt: t },
        }),
      },
      a,
    ),
    next({ kind: 'deleted' }, b),
    next({ kind: 'unsupported', waType: 'eventMessage' }, c),
    next({ kind: 'text', text: 'Updated the agenda, see you at 3 ✌️' }, a, { editedAt: t + MINUTE }),
    next({ kind: 'text', text: '😂😂' }, b),
    next({ kind: 'text', text: 'Forwarding this from the other thread' }, null, {
      isForwarded: true,
      status: 'delivered',
    }),
    next({ kind: 'text', text: 'Sending from the train, might be slow' }, null, { status: 'sent' }),
    next({ kind: 'text', text: 'This one did not make it' }, null, { status: 'failed', failure: 'Not connected' }),
  ];
  return list;
}
