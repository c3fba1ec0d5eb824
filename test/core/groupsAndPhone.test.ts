import { afterEach, describe, expect, it } from 'vitest';
import type { ChatId, CommandId, Message } from '../../shared/src/index.js';
import type { Contact } from '../sim/contact.js';
import { textOf } from '../sim/peer.js';
import { chatIdOf, conversation } from './support/history.js';
import { ACCOUNT_ID, eventually, WorkerHarness } from './support/workerHarness.js';

let n = 0;
const cmd = (): CommandId => `grp-cmd-${++n}` as CommandId;

async function messagesOf(h: WorkerHarness, chatId: string): Promise<Message[]> {
  const page = await h.worker!.pageMessages({
    accountId: ACCOUNT_ID,
    chatId: chatIdOf(chatId),
    beforeTimestamp: null,
    limit: 100,
  });
  return page.messages;
}

async function chatOf(h: WorkerHarness, chatId: string) {
  const chats = await h.worker!.listChats({ accountId: ACCOUNT_ID, limit: 50, beforeActivity: null });
  return chats.find((c) => c.id === chatId);
}

describe('AccountWorker: groups', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    await h?.teardown();
    h = undefined;
  });

  it.each(['lid', 'pn'] as const)(
    'archives members’ messages in a %s group and sends a text every member decrypts',
    async (addressing) => {
      h = await WorkerHarness.start();
      const [ana, bo] = ['Ana', 'Bo'].map((pushName) => h!.sim.addContact({ pushName })) as [Contact, Contact];
      const team = h.sim.groups.create({ subject: 'Team', members: [ana, bo], addressing });
      const worker = await h.pairNewWorker();

      const fromAna = await h.sim.groups.sendText(team, ana, 'standup at 10?');
      const fromBo = await h.sim.groups.sendText(team, bo, 'ok');
      const incoming = await eventually(async () => {
        const all = await messagesOf(h!, team.jid);
        return all.length === 2 ? all : undefined;
      });
      // Senders are named by their phone number whatever the group's addressing mode.
      const byWaId = (waId: string) => incoming.find((m) => m.id.endsWith(`|${waId}`));
      expect(byWaId(fromAna)).toMatchObject({
        chatId: team.jid,
        id: `${team.jid}|${ana.pnJid}|${fromAna}`,
        senderId: ana.pnJid,
        isFromMe: false,
        body: { kind: 'text', text: 'standup at 10?' },
      });
      expect(byWaId(fromBo)).toMatchObject({ senderId: bo.pnJid, body: { kind: 'text', text: 'ok' } });
      expect(await chatOf(h, team.jid)).toMatchObject({ isGroup: true, contactId: team.jid });
      // No 1:1 chat was invented for the members.
      expect(
        (await worker.listChats({ accountId: ACCOUNT_ID, limit: 50, beforeActivity: null })).map((c) => c.id),
      ).toEqual([team.jid]);

      const send = cmd();
      const messageId = await worker.sendText(
        { accountId: ACCOUNT_ID, chatId: team.jid as ChatId, text: 'yes, 10', quotedId: byWaId(fromAna)!.id },
        send,
      );
      await h.waitForEvent(
        (e) => e.type === 'commands.completed' && e.commandId === send && e.error === null,
        20_000,
        true,
      );
      const waId = messageId.split('|').at(-1)!;
      for (const member of [ana, bo]) {
        const got = await member.waitForMessage((m) => m.group === team.jid && m.id === waId, 10_000);
        expect(textOf(got.message)).toBe('yes, 10');
        // The quote points at Ana's message, so every member's client can show what it answers.
        expect(got.message.extendedTextMessage?.contextInfo?.stanzaId).toBe(fromAna);
      }
      const own = await eventually(async () =>
        (await messagesOf(h!, team.jid)).find((m) => m.id === messageId && m.status !== 'pending'),
      );
      expect(own).toMatchObject({ isFromMe: true, isFromOtherDevice: false, senderId: null });
      expect(own.quoted).toMatchObject({ id: byWaId(fromAna)!.id, senderId: ana.pnJid });

      // Messages alone do not name a group; the server's "groups changed" dirty bit makes Baileys
      // fetch every group's metadata, which names the chat.
      h.sim.deliver({
        tag: 'ib',
        attrs: { from: 's.whatsapp.net' },
        content: [{ tag: 'dirty', attrs: { type: 'groups', timestamp: String(Math.floor(Date.now() / 1000)) } }],
      });
      await eventually(async () => (await chatOf(h!, team.jid))?.subject === 'Team');

      // Ana renames the group: the chat takes the new subject.
      h.sim.deliver({
        tag: 'notification',
        attrs: {
          from: team.jid,
          type: 'w:gp2',
          id: `SUBJ${addressing}`,
          t: String(Math.floor(Date.now() / 1000)),
          participant: h.sim.groups.memberJid(team, ana),
          ...(addressing === 'lid' ? { participant_pn: ana.pnJid } : {}),
          addressing_mode: addressing,
        },
        content: [{ tag: 'subject', attrs: { subject: 'Team (Q3)', s_t: String(Math.floor(Date.now() / 1000)) } }],
      });
      await eventually(async () => (await chatOf(h!, team.jid))?.subject === 'Team (Q3)');
    },
  );
});

describe('AccountWorker: the user acting on the phone', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    await h?.teardown();
    h = undefined;
  });

  it('shows texts sent, edited and deleted on the phone as the user’s own, from another device', async () => {
    h = await WorkerHarness.start();
    const ana = h.sim.addContact({ pushName: 'Ana' });
    await h.pairNewWorker();
    const keep = await h.sim.phoneUser.sendText(ana.pnJid, 'sent from my phone');
    const gone = await h.sim.phoneUser.sendText(ana.pnJid, 'oops');
    const mine = (waId: string) => async () =>
      (await messagesOf(h!, ana.pnJid)).find((m) => m.id === `${ana.pnJid}|me|${waId}`);
    const sent = await eventually(mine(keep));
    expect(sent).toMatchObject({
      chatId: ana.pnJid,
      senderId: null,
      isFromMe: true,
      isFromOtherDevice: true,
      body: { kind: 'text', text: 'sent from my phone' },
    });
    expect(sent.status).not.toBe('pending');
    await eventually(mine(gone));

    await h.sim.phoneUser.edit(ana.pnJid, keep, 'sent from my phone (fixed)');
    await h.sim.phoneUser.revoke(ana.pnJid, gone);
    const edited = await eventually(async () => {
      const m = await mine(keep)();
      return m?.editedAt !== null ? m : undefined;
    });
    expect(edited?.body).toEqual({ kind: 'text', text: 'sent from my phone (fixed)' });
    await eventually(async () => (await mine(gone)())?.body.kind === 'deleted');
    const chat = await chatOf(h, ana.pnJid);
    // The user's own messages never count as unread.
    expect(chat?.unreadCount).toBe(0);
  });

  it('ingests archive, pin, mute, mark-unread and read made on the phone', async () => {
    const ANA = '15550002001@s.whatsapp.net';
    h = await WorkerHarness.start({
      sim: {
        appState: true,
        initialHistory: { syncType: 'INITIAL_BOOTSTRAP', progress: 100, conversations: [conversation(ANA, 'P', 2)] },
      },
    });
    await h.pairNewWorker();
    await eventually(() => h!.events().some((e) => e.type === 'sync.changed'));
    const phone = h.sim.phoneUser;
    const chat = () => chatOf(h!, ANA);

    await phone.archive(ANA);
    await eventually(async () => (await chat())?.isArchived === true);
    await phone.pin(ANA);
    await eventually(async () => (await chat())?.pinnedAt != null);
    const until = Date.now() + 8 * 3_600_000;
    await phone.mute(ANA, until);
    await eventually(async () => ((await chat())?.mutedUntil ?? 0) > Date.now());
    await phone.markUnread(ANA);
    await eventually(async () => (await chat())?.isMarkedUnread === true);
    await phone.archive(ANA, false);
    await phone.pin(ANA, false);
    await phone.mute(ANA, null);
    await eventually(async () => {
      const c = await chat();
      return c?.isArchived === false && c.pinnedAt === null && c.mutedUntil === null;
    });
    await phone.readChat(ANA, ['P0', 'P1']);
    const read = await eventually(async () => {
      const c = await chat();
      return c?.isMarkedUnread === false && c.unreadCount === 0 ? c : undefined;
    });
    expect(read).toMatchObject({ isArchived: false, pinnedAt: null, mutedUntil: null });
  });
});
