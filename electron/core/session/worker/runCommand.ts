import type { ChatId, CommandInput, CommandName, MessageId } from '../../../../shared/src/index.js';
import { commands } from '../../../../shared/src/index.js';
import type { OutboxEntry, StoreOp } from '../../store/index.js';
import { crashPoint } from '../../util/crashPoints.js';
import type { MediaFetcher } from '../../whatsapp/media/MediaFetcher.js';
import type { WaCommands } from '../../whatsapp/WaCommands.js';
import { PermanentCommandError } from './CommandLanes.js';
import { chatPatchFor } from './outgoingMessages.js';

export type CommandContext = Readonly<{
  commands: WaCommands;
  media: MediaFetcher;
  persist: (ops: readonly StoreOp[]) => void;
  getMessageText: (chatId: string, messageId: string) => string | null;
}>;

/** Names of outbox commands that send a WhatsApp message (their row carries the status). */
export const SENDING_COMMANDS: ReadonlySet<string> = new Set([
  'messages.sendText',
  'messages.sendAttachment',
  'messages.forward',
  'messages.retrySend',
]);

function parse<K extends CommandName>(name: K, payload: unknown): CommandInput<K> {
  const parsed = commands[name].input.safeParse(payload);
  if (!parsed.success) throw new PermanentCommandError(`outbox payload of ${name} is invalid`);
  return parsed.data as CommandInput<K>;
}

function waIdOf(entry: OutboxEntry): string {
  if (entry.clientMessageId === null) throw new PermanentCommandError('outbox entry has no message id');
  return entry.clientMessageId;
}

/**
 * Executes one outbox command against the socket. Payloads are re-validated with the contract's
 * schemas: the outbox survives upgrades, its rows are input like any other.
 */
export async function runCommand(entry: OutboxEntry, ctx: CommandContext): Promise<void> {
  const c = ctx.commands;
  switch (entry.name) {
    case 'messages.sendText': {
      const p = parse('messages.sendText', entry.payload);
      await send(ctx, p.chatId, waIdOf(entry), () => c.sendText(p.chatId, waIdOf(entry), p.text, p.quotedId));
      return;
    }
    case 'messages.sendAttachment': {
      const p = parse('messages.sendAttachment', entry.payload);
      const attachment = {
        kind: p.kind,
        fileName: p.fileName,
        mimeType: p.mimeType,
        data: Buffer.from(p.dataBase64, 'base64'),
        caption: p.caption,
      };
      await send(ctx, p.chatId, waIdOf(entry), () => c.sendAttachment(p.chatId, waIdOf(entry), attachment));
      return;
    }
    case 'messages.forward': {
      const p = parse('messages.forward', entry.payload);
      await send(ctx, p.toChatId, waIdOf(entry), () => c.forward(p.chatId, p.messageId, p.toChatId, waIdOf(entry)));
      return;
    }
    case 'messages.retrySend': {
      const p = parse('messages.retrySend', entry.payload);
      const text = ctx.getMessageText(p.chatId, p.messageId);
      if (text === null) throw new PermanentCommandError('only text messages can be re-sent');
      const waId = waIdOf(entry);
      await send(ctx, p.chatId, waId, () => c.sendText(p.chatId, waId, text, null));
      return;
    }
    case 'messages.react': {
      const p = parse('messages.react', entry.payload);
      await c.react(p.chatId, p.messageId, p.emoji, waIdOf(entry));
      return;
    }
    case 'messages.edit': {
      const p = parse('messages.edit', entry.payload);
      await c.edit(p.chatId, p.messageId, p.text, waIdOf(entry));
      return;
    }
    case 'messages.deleteForEveryone': {
      const p = parse('messages.deleteForEveryone', entry.payload);
      await c.deleteForEveryone(p.chatId, p.messageId, waIdOf(entry));
      return;
    }
    case 'chats.modify': {
      const p = parse('chats.modify', entry.payload);
      await c.modifyChat(p.chatId, p.action);
      ctx.persist([{ type: 'chat.upsert', chat: chatPatchFor(p.chatId, p.action) }]);
      return;
    }
    case 'media.download':
    case 'media.requestReupload': {
      const p = parse('media.download', entry.payload);
      await ctx.media.download(p.chatId, p.messageId, entry.name === 'media.requestReupload');
      return;
    }
    default:
      throw new PermanentCommandError(`unknown outbox command ${entry.name}`);
  }
}

async function send(ctx: CommandContext, chatId: ChatId, waId: string, doSend: () => Promise<void>): Promise<void> {
  crashPoint('before-send');
  await doSend();
  crashPoint('after-send');
  ctx.persist([{ type: 'message.status', chatId, messageId: ownMessageId(chatId, waId), status: 'sent' }]);
}

/** Same scheme as the normalizer: `${chatId}|me|${waId}`. */
export function ownMessageId(chatId: ChatId, waId: string): MessageId {
  return `${chatId}|me|${waId}` as MessageId;
}
