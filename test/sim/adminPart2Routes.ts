import { z } from 'zod';
import { historyMessage } from './history/index.js';
import type { Simulator } from './simulator.js';

/** Same reply shape as adminApi.ts. */
export type AdminReply = { status: number; body: { ok: true; value: unknown } | { ok: false; error: string } };

const ok = (value: unknown): AdminReply => ({ status: 200, body: { ok: true, value } });
const fail = (status: number, error: string): AdminReply => ({ status, body: { ok: false, error } });

const jid = z.string().regex(/^[^@\s]+@(s\.whatsapp\.net|lid|g\.us)$/);
const schemas = {
  phoneMessage: z.object({ chatJid: jid, text: z.string() }),
  phoneEdit: z.object({ chatJid: jid, id: z.string(), text: z.string() }),
  phoneRevoke: z.object({ chatJid: jid, id: z.string() }),
  phoneRead: z.object({ chatJid: jid, ids: z.array(z.string()) }),
  phoneChat: z.object({
    chatJid: jid,
    action: z.enum(['archive', 'unarchive', 'pin', 'unpin', 'mute', 'unmute', 'markUnread', 'markRead']),
    muteUntilMs: z.number().int().optional(),
  }),
  pushName: z.object({ name: z.string().min(1) }),
  phoneContact: z.object({
    jid,
    fullName: z.string().optional(),
    firstName: z.string().optional(),
    remove: z.boolean().optional(),
  }),
  pairingCode: z.object({ code: z.string().length(8) }),
  group: z.object({
    subject: z.string(),
    members: z.array(z.string()).min(1),
    admins: z.array(z.string()).optional(),
    addressing: z.enum(['lid', 'pn']).optional(),
  }),
  groupMessage: z.object({ from: z.string(), text: z.string() }),
  participants: z.object({
    action: z.enum(['add', 'remove']),
    contacts: z.array(z.string()).min(1),
    by: z.string().optional(),
  }),
  poll: z.object({ from: z.string(), name: z.string(), options: z.array(z.string()).min(2), group: jid.optional() }),
  vote: z.object({ voter: z.string(), options: z.array(z.string()) }),
  olderHistory: z.object({
    chatJid: jid,
    messages: z
      .array(
        z.object({ id: z.string(), timestamp: z.number().int(), text: z.string(), fromMe: z.boolean().optional() }),
      )
      .min(1),
  }),
};

/** Part-2 routes (phone as the user, app state, groups, polls, pairing code, on-demand history). */
export async function routePart2(
  sim: Simulator,
  method: string,
  parts: readonly string[],
  body: unknown,
): Promise<AdminReply | undefined> {
  const [a, b, c] = parts;
  const key = `${method} /${a ?? ''}${b === undefined ? '' : '/:'}${c === undefined ? '' : `/${c}`}`;
  const u = sim.phoneUser;
  switch (key) {
    case 'POST /phone/:':
      return phoneRoute(sim, b ?? '', body);
    case 'GET /app-state':
      return ok({
        keyId: sim.appState.keys.currentKeyId,
        rejected: sim.appState.rejected,
        snapshotsServed: sim.appState.snapshotsServed,
        collections: [...sim.appState.collections.values()].map((col) => ({
          name: col.name,
          version: col.version,
          entries: [...col.entries.values()].map((e) => ({ index: e.index, version: e.version, value: e.value })),
        })),
      });
    case 'POST /app-state/:': {
      if (b !== 'notify') break;
      const names = z
        .object({
          collections: z.array(
            z.enum(['critical_block', 'critical_unblock_low', 'regular_high', 'regular_low', 'regular']),
          ),
        })
        .parse(body);
      return ok({ id: u.notifyServerSync(names.collections) });
    }
    case 'GET /groups':
      return ok(
        sim.groups.all.map((g) => ({
          jid: g.jid,
          subject: g.subject,
          addressing: g.addressing,
          members: [...g.members].map((m) => m.pn),
        })),
      );
    case 'POST /groups': {
      const input = schemas.group.parse(body);
      const g = sim.groups.create({
        subject: input.subject,
        members: input.members.map((k) => sim.contact(k)),
        admins: (input.admins ?? []).map((k) => sim.contact(k)),
        ...(input.addressing ? { addressing: input.addressing } : {}),
      });
      return ok({ jid: g.jid });
    }
    case 'POST /groups/:/messages': {
      const g = sim.groups.get(b ?? '');
      if (!g) return fail(404, `unknown group ${b ?? ''}`);
      const input = schemas.groupMessage.parse(body);
      return ok({ id: await sim.groups.sendText(g, sim.contact(input.from), input.text) });
    }
    case 'POST /groups/:/participants': {
      const g = sim.groups.get(b ?? '');
      if (!g) return fail(404, `unknown group ${b ?? ''}`);
      const input = schemas.participants.parse(body);
      const who = input.contacts.map((k) => sim.contact(k));
      const by = input.by ? sim.contact(input.by) : undefined;
      return ok({ id: input.action === 'add' ? sim.groups.add(g, who, by) : sim.groups.remove(g, who, by) });
    }
    case 'POST /polls': {
      const input = schemas.poll.parse(body);
      const group = input.group ? sim.groups.get(input.group) : undefined;
      if (input.group && !group) return fail(404, `unknown group ${input.group}`);
      const poll = await sim.polls.create(sim.contact(input.from), input.name, input.options, group ? { group } : {});
      return ok({ id: poll.id, creatorJid: poll.creatorJid });
    }
    case 'POST /polls/:/votes': {
      const input = schemas.vote.parse(body);
      const voter = sim.contact(input.voter);
      const poll = sim.polls.get(b ?? '') ?? (await sim.polls.fromApp(voter, b ?? '').catch(() => undefined));
      if (!poll) return fail(404, `unknown poll ${b ?? ''}`);
      return ok({ id: await sim.polls.vote(voter, poll, input.options) });
    }
    case 'POST /older-history': {
      const input = schemas.olderHistory.parse(body);
      sim.olderHistory.seed(
        input.chatJid,
        input.messages.map((m) =>
          historyMessage({
            remoteJid: input.chatJid,
            id: m.id,
            timestamp: m.timestamp,
            text: m.text,
            fromMe: m.fromMe ?? false,
          }),
        ),
      );
      return ok({ count: sim.olderHistory.count(input.chatJid) });
    }
    default:
      break;
  }
  return undefined;
}

async function phoneRoute(sim: Simulator, action: string, body: unknown): Promise<AdminReply | undefined> {
  const u = sim.phoneUser;
  switch (action) {
    case 'messages': {
      const input = schemas.phoneMessage.parse(body);
      return ok({ id: await u.sendText(input.chatJid, input.text) });
    }
    case 'edit': {
      const input = schemas.phoneEdit.parse(body);
      return ok({ id: await u.edit(input.chatJid, input.id, input.text) });
    }
    case 'revoke': {
      const input = schemas.phoneRevoke.parse(body);
      return ok({ id: await u.revoke(input.chatJid, input.id) });
    }
    case 'read': {
      const input = schemas.phoneRead.parse(body);
      await u.readChat(input.chatJid, input.ids);
      return ok(null);
    }
    case 'chats': {
      const { chatJid, action: what, muteUntilMs } = schemas.phoneChat.parse(body);
      const run: Record<typeof what, () => Promise<unknown>> = {
        archive: () => u.archive(chatJid, true),
        unarchive: () => u.archive(chatJid, false),
        pin: () => u.pin(chatJid, true),
        unpin: () => u.pin(chatJid, false),
        mute: () => u.mute(chatJid, muteUntilMs ?? Date.now() + 8 * 3_600_000),
        unmute: () => u.mute(chatJid, null),
        markUnread: () => u.markUnread(chatJid),
        markRead: () => u.change({ markRead: true, lastMessages: [] }, chatJid),
      };
      return ok({ collection: await run[what]() });
    }
    case 'push-name':
      return ok({ collection: await u.setPushName(schemas.pushName.parse(body).name) });
    case 'contacts': {
      const input = schemas.phoneContact.parse(body);
      const entry = input.remove
        ? null
        : {
            ...(input.fullName ? { fullName: input.fullName } : {}),
            ...(input.firstName ? { firstName: input.firstName } : {}),
          };
      return ok({ collection: await u.saveContact(input.jid, entry) });
    }
    case 'app-state-keys':
      return ok({
        id: await sim.phone.sendProtocolMessageToDevice(sim.appState.keys.shareMessage()),
        keyId: sim.appState.keys.currentKeyId,
      });
    case 'pairing-code':
      return ok(await sim.phone.enterPairingCode(schemas.pairingCode.parse(body).code));
    default:
      return undefined;
  }
}
