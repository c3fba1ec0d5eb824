import { downloadAndProcessHistorySyncNotification, getHistoryMsg, proto } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CdnServer } from '../cdn/index.js';
import { buildImageMessage } from '../media/index.js';
import {
  buildHistorySync,
  historyMessage,
  historySyncMessage,
  inlineHistoryNotification,
  uploadHistoryChunk,
  type HistorySyncInput,
} from './index.js';

const ALICE = '15550001111@s.whatsapp.net';
const GROUP = '120363000000000001@g.us';

let cdn: CdnServer;
beforeAll(async () => {
  cdn = await CdnServer.start();
});
afterAll(async () => {
  await cdn.close();
});

function recentChunk(overrides: Partial<HistorySyncInput> = {}): HistorySyncInput {
  return {
    syncType: 'INITIAL_BOOTSTRAP',
    progress: 100,
    conversations: [
      {
        id: ALICE,
        name: 'Alice',
        unreadCount: 1,
        messages: [
          historyMessage({ remoteJid: ALICE, id: 'A2', timestamp: 1_700_000_200, text: 'see you' }),
          historyMessage({ remoteJid: ALICE, id: 'A1', timestamp: 1_700_000_100, text: 'hi', fromMe: true }),
        ],
      },
      {
        id: GROUP,
        name: 'Team',
        messages: [
          historyMessage({
            remoteJid: GROUP,
            id: 'G1',
            participant: ALICE,
            timestamp: 1_700_000_050,
            text: 'standup?',
          }),
        ],
      },
    ],
    phoneNumberToLidMappings: [{ pnJid: ALICE, lidJid: '99887766@lid' }],
    ...overrides,
  };
}

const textOf = (m: proto.IWebMessageInfo) => m.message?.conversation;

describe('history sync payloads', () => {
  it('an inline notification yields the chats and messages put in, without touching the CDN', async () => {
    const notification = inlineHistoryNotification(buildHistorySync(recentChunk()));
    expect(notification.directPath).toBeUndefined();
    const result = await downloadAndProcessHistorySyncNotification(notification, {});
    expect(result.syncType).toBe(proto.HistorySync.HistorySyncType.INITIAL_BOOTSTRAP);
    expect(result.progress).toBe(100);
    expect(result.chats.map((c) => [c.id, c.name, c.unreadCount])).toEqual([
      [ALICE, 'Alice', 1],
      [GROUP, 'Team', 0],
    ]);
    expect(result.messages.map((m) => [m.key?.id, textOf(m), m.key?.fromMe])).toEqual([
      ['A2', 'see you', false],
      ['A1', 'hi', true],
      ['G1', 'standup?', false],
    ]);
    expect(result.messages[2]?.key?.participant).toBe(ALICE);
    expect(result.lidPnMappings).toContainEqual({ lid: '99887766@lid', pn: ALICE });
    expect(result.contacts.map((c) => [c.id, c.name])).toEqual([
      [ALICE, 'Alice'],
      [GROUP, 'Team'],
    ]);
  });

  it('a CDN notification downloads through the dispatcher and yields the same content', async () => {
    const media = await buildImageMessage(cdn, { caption: 'old photo' });
    const sync = buildHistorySync(
      recentChunk({
        syncType: 'RECENT',
        chunkOrder: 2,
        progress: 40,
        conversations: [
          {
            id: ALICE,
            messages: [
              historyMessage({ remoteJid: ALICE, id: 'P1', timestamp: 1_690_000_000, message: media.message }),
            ],
          },
        ],
      }),
    );
    const { notification, directPath } = await uploadHistoryChunk(cdn, sync, { originalMessageId: 'HSN1' });
    expect(notification).toMatchObject({
      syncType: 3,
      chunkOrder: 2,
      progress: 40,
      originalMessageId: 'HSN1',
      directPath,
    });
    expect(notification.oldestMsgInChunkTimestampSec).toBe(1_690_000_000);
    expect(notification.initialHistBootstrapInlinePayload).toBeUndefined();

    const result = await downloadAndProcessHistorySyncNotification(notification, cdn.requestOptions);
    expect(cdn.requestCount(directPath)).toBe(1);
    expect(result.syncType).toBe(proto.HistorySync.HistorySyncType.RECENT);
    expect(result.progress).toBe(40);
    expect(result.chats.map((c) => c.id)).toEqual([ALICE]);
    expect(result.messages[0]?.message?.imageMessage?.caption).toBe('old photo');
    expect(result.messages[0]?.message?.imageMessage?.directPath).toBe(media.directPath);
  });

  it('pushname chunks become contacts with notify names', async () => {
    const sync = buildHistorySync({ syncType: 'PUSH_NAME', pushnames: [{ id: ALICE, pushname: 'Ally' }] });
    const { notification } = await uploadHistoryChunk(cdn, sync);
    const result = await downloadAndProcessHistorySyncNotification(notification, cdn.requestOptions);
    expect(result.syncType).toBe(proto.HistorySync.HistorySyncType.PUSH_NAME);
    expect(result.contacts).toEqual([{ id: ALICE, notify: 'Ally' }]);
  });

  it('an ON_DEMAND chunk may also be inline', async () => {
    const notification = inlineHistoryNotification(buildHistorySync(recentChunk({ syncType: 'ON_DEMAND' })), {
      peerDataRequestSessionId: 'pdo-1',
    });
    expect(notification.peerDataRequestSessionId).toBe('pdo-1');
    const result = await downloadAndProcessHistorySyncNotification(notification, {});
    expect(result.syncType).toBe(proto.HistorySync.HistorySyncType.ON_DEMAND);
    expect(result.messages).toHaveLength(3);
  });

  it('an expired chunk fails the download with the CDN status', async () => {
    const { notification, directPath } = await uploadHistoryChunk(
      cdn,
      buildHistorySync(recentChunk({ syncType: 'FULL' })),
    );
    cdn.expire(directPath, 410);
    await expect(downloadAndProcessHistorySyncNotification(notification, cdn.requestOptions)).rejects.toMatchObject({
      output: { statusCode: 410 },
    });
  });

  it('wraps a notification in the protocolMessage the phone sends, which Baileys recognises', () => {
    const notification = inlineHistoryNotification(buildHistorySync(recentChunk()));
    const message = historySyncMessage(notification);
    const decoded = proto.Message.decode(proto.Message.encode(message).finish());
    expect(decoded.protocolMessage?.type).toBe(proto.Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION);
    const found = getHistoryMsg(decoded);
    expect(Buffer.from(found?.initialHistBootstrapInlinePayload ?? [])).toEqual(
      Buffer.from(notification.initialHistBootstrapInlinePayload ?? []),
    );
  });
});
