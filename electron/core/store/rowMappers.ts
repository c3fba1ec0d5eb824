import type {
  AccountId,
  Chat,
  ChatId,
  Contact,
  ContactId,
  ContactName,
  MediaState,
  Message,
  MessageBody,
  MessageId,
  MessageStatus,
  SyncStatus,
} from '../../../shared/src/index.js';
import { MediaStateSchema, NameSourceSchema, SyncStatusSchema } from '../../../shared/src/index.js';
import { StoreCorruptError } from './errors.js';

/*
 * Row <-> domain mapping. Rows were written by this store, so full schema validation on every
 * read would cost more than it buys on 10k-row pages; JSON is still checked for shape and a bad
 * row raises StoreCorruptError instead of reaching the UI as a half-object.
 */

export type ChatRow = {
  id: string;
  contact_id: string;
  is_group: number;
  subject: string | null;
  last_message_at: number | null;
  preview_json: string | null;
  unread_count: number;
  is_marked_unread: number;
  pinned_at: number | null;
  is_archived: number;
  muted_until: number | null;
  oldest_message_at: number | null;
  is_history_exhausted: number;
  hlc: string;
  seq: number;
};

export type MessageRow = {
  chat_id: string;
  id: string;
  sender_id: string | null;
  from_me: number;
  timestamp: number;
  order_key: number;
  status: string;
  body_json: string;
  details_json: string;
  media_state_json: string | null;
  hlc: string;
  seq: number;
};

export type MessageDetails = Pick<
  Message,
  'isFromOtherDevice' | 'quoted' | 'reactions' | 'editedAt' | 'isForwarded' | 'failure'
>;

export type ContactRow = {
  id: string;
  phone_number: string | null;
  lid: string | null;
  is_group: number;
  updated_at: number;
  hlc: string;
  seq: number;
};

export type ContactNameRow = { source: string; name: string };

/** Joins messages with their media state so the body always shows the newest state. */
export const MESSAGE_COLUMNS = `m.chat_id, m.id, m.sender_id, m.from_me, m.timestamp, m.order_key, m.status, m.body_json,
  m.details_json, md.state_json AS media_state_json, m.hlc, m.seq`;
export const MESSAGE_FROM = 'messages m LEFT JOIN media md ON md.chat_id = m.chat_id AND md.message_id = m.id';

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new StoreCorruptError(`${what} holds invalid JSON`, { cause: err });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function chatFromRow(row: ChatRow, accountId: AccountId): Chat {
  const preview = row.preview_json === null ? null : parseJson(row.preview_json, 'chat preview');
  if (preview !== null && !isRecord(preview)) throw new StoreCorruptError('chat preview has the wrong shape');
  return {
    accountId,
    id: row.id as ChatId,
    contactId: row.contact_id as ContactId,
    isGroup: row.is_group === 1,
    subject: row.subject,
    lastMessageAt: row.last_message_at,
    preview: preview as Chat['preview'],
    unreadCount: row.unread_count,
    isMarkedUnread: row.is_marked_unread === 1,
    pinnedAt: row.pinned_at,
    isArchived: row.is_archived === 1,
    mutedUntil: row.muted_until,
    oldestMessageAt: row.oldest_message_at,
    isHistoryExhausted: row.is_history_exhausted === 1,
  };
}

export function parseMessageBody(text: string): MessageBody {
  const body = parseJson(text, 'message body');
  if (!isRecord(body) || typeof body['kind'] !== 'string')
    throw new StoreCorruptError('message body has the wrong shape');
  return body as MessageBody;
}

export function parseMessageDetails(text: string): MessageDetails {
  const details = parseJson(text, 'message details');
  if (!isRecord(details) || !Array.isArray(details['reactions'])) {
    throw new StoreCorruptError('message details have the wrong shape');
  }
  return details as MessageDetails;
}

export function messageFromRow(row: MessageRow, accountId: AccountId): Message {
  let body = parseMessageBody(row.body_json);
  if (row.media_state_json !== null && body.kind === 'media') {
    body = { ...body, media: { ...body.media, state: parseMediaState(row.media_state_json) } };
  }
  return {
    accountId,
    chatId: row.chat_id as ChatId,
    id: row.id as MessageId,
    senderId: row.sender_id as ContactId | null,
    isFromMe: row.from_me === 1,
    timestamp: row.timestamp,
    orderKey: row.order_key,
    status: row.status as MessageStatus,
    body,
    ...parseMessageDetails(row.details_json),
  };
}

export function parseMediaState(text: string): MediaState {
  const parsed = MediaStateSchema.safeParse(parseJson(text, 'media state'));
  if (!parsed.success) throw new StoreCorruptError('media state has the wrong shape', { cause: parsed.error });
  return parsed.data;
}

export function parseSyncStatus(text: string): SyncStatus {
  const parsed = SyncStatusSchema.safeParse(parseJson(text, 'sync status'));
  if (!parsed.success) throw new StoreCorruptError('sync status has the wrong shape', { cause: parsed.error });
  return parsed.data;
}

export function contactFromRows(row: ContactRow, names: readonly ContactNameRow[]): Contact {
  return {
    id: row.id as ContactId,
    phoneNumber: row.phone_number,
    lid: row.lid,
    names: sortNames(names.map(nameFromRow)),
    isGroup: row.is_group === 1,
    updatedAt: row.updated_at,
  };
}

function nameFromRow(row: ContactNameRow): ContactName {
  const source = NameSourceSchema.safeParse(row.source);
  if (!source.success) throw new StoreCorruptError('contact name has an unknown source');
  return { source: source.data, name: row.name };
}

/** In the order the UI prefers them (NameSourceSchema order). */
export function sortNames(names: ContactName[]): ContactName[] {
  const order = NameSourceSchema.options;
  return names.sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source));
}
