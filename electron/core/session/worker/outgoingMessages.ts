import type {
  AccountId,
  ChatAction,
  ChatId,
  CommandInput,
  Message,
  MessageDraft,
  MessageBody,
} from '../../../../shared/src/index.js';
import type { ChatPatch } from '../../store/index.js';
import { missingCaseError } from '../../util/missingCaseError.js';
import { previewOf } from '../../whatsapp/normalize/previewOf.js';

/** The row an outgoing message gets the moment the command is accepted (status pending). */
export function pendingMessage(
  accountId: AccountId,
  chatId: ChatId,
  messageId: Message['id'],
  body: MessageBody,
  now: number,
  extra: Partial<Pick<Message, 'quoted' | 'isForwarded'>> = {},
): MessageDraft {
  return {
    accountId,
    chatId,
    id: messageId,
    senderId: null,
    isFromMe: true,
    isFromOtherDevice: false,
    timestamp: now,
    status: 'pending',
    body,
    quoted: extra.quoted ?? null,
    reactions: [],
    editedAt: null,
    isForwarded: extra.isForwarded ?? false,
    failure: null,
  };
}

/**
 * The quote a reply's pending row shows right away (also while offline), the same as the socket
 * echo yields later; without it the quote appeared only once the server had the message.
 */
export function quoteOf(quotedMessage: Message): NonNullable<Message['quoted']> {
  return {
    id: quotedMessage.id,
    senderId: quotedMessage.isFromMe ? null : quotedMessage.senderId,
    preview: previewOf(quotedMessage.body).text,
  };
}

/** What a successful chat action changes locally (WhatsApp's app-state echo may confirm it later). */
export function chatPatchFor(chatId: ChatId, action: ChatAction): ChatPatch {
  switch (action.type) {
    case 'pin':
      return { id: chatId, pinnedAt: action.value ? Date.now() : null };
    case 'archive':
      return { id: chatId, isArchived: action.value };
    case 'mute':
      return { id: chatId, mutedUntil: action.untilMs };
    case 'markRead':
      return { id: chatId, unreadCount: 0, isMarkedUnread: false };
    case 'markUnread':
      return { id: chatId, isMarkedUnread: true };
    default:
      throw missingCaseError(action);
  }
}

/** The pending row's body for an attachment; the socket echo later adds what the upload produced. */
export function attachmentBody(input: CommandInput<'messages.sendAttachment'>): MessageBody {
  return {
    kind: 'media',
    caption: input.caption,
    media: {
      kind: input.kind,
      mimeType: input.mimeType,
      fileName: input.fileName,
      sizeBytes: Buffer.byteLength(input.dataBase64, 'base64'),
      durationSeconds: null,
      width: null,
      height: null,
      thumbnailDataUrl: null,
      state: { status: 'remote' },
    },
  };
}
