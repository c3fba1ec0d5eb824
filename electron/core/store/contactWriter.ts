import type { Contact, ContactId, NameSource } from '../../../shared/src/index.js';
import { isGroupJid, isLidJid, phoneDigits } from './jid.js';
import type { ContactNameRow, ContactRow } from './rowMappers.js';
import { contactFromRows } from './rowMappers.js';
import type { WriteContext } from './writeContext.js';
import { changeKey } from './writeContext.js';

/** `name: null` removes the name from that source (e.g. the alias was cleared). */
export type ContactNameUpdate = Readonly<{ source: NameSource; name: string | null }>;

export type ContactPatch = Readonly<{
  /** Any JID of the person (device, LID or phone number); the store picks the contact id. */
  jid: string;
  isGroup?: boolean;
  names?: readonly ContactNameUpdate[];
}>;

const WRITE_SQL = `INSERT INTO contacts (id, phone_number, lid, is_group, updated_at, hlc, seq)
  VALUES (@id, @phoneNumber, @lid, @isGroup, @updatedAt, @hlc, @seq)
  ON CONFLICT (id) DO UPDATE SET phone_number = excluded.phone_number, lid = excluded.lid,
    is_group = excluded.is_group, updated_at = excluded.updated_at, hlc = excluded.hlc, seq = excluded.seq`;

export function readContact(ctx: Pick<WriteContext, 'db'>, id: string): Contact | undefined {
  const row = ctx.db.stmt('SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined;
  if (row === undefined) return undefined;
  const names = ctx.db.stmt('SELECT source, name FROM contact_names WHERE contact_id = ?').all(id) as ContactNameRow[];
  return contactFromRows(row, names);
}

/** Stamps the contact row (seq, HLC) and reports it with its current names. */
export function touchContact(
  ctx: WriteContext,
  fields: Pick<Contact, 'id' | 'phoneNumber' | 'lid' | 'isGroup'>,
  isNew: boolean,
): Contact {
  const seq = ctx.changeLog.nextSeq();
  ctx.db.stmt(WRITE_SQL).run({
    id: fields.id,
    phoneNumber: fields.phoneNumber,
    lid: fields.lid,
    isGroup: fields.isGroup ? 1 : 0,
    updatedAt: ctx.nowMs,
    hlc: ctx.clock.now(),
    seq,
  });
  if (isNew) ctx.changeLog.clearTombstone('contact', fields.id);
  const contact = readContact(ctx, fields.id);
  if (contact === undefined) throw new Error('contact vanished inside its own transaction');
  const change = { seq, kind: 'contact', contact } as const;
  ctx.changes.add(changeKey(change), change);
  return contact;
}

/** Identity fields of a contact id, filled from the id itself and the LID mapping. */
export function contactIdentity(
  ctx: WriteContext,
  id: string,
  isGroup?: boolean,
): Pick<Contact, 'id' | 'phoneNumber' | 'lid' | 'isGroup'> {
  return {
    id: id as ContactId,
    phoneNumber: phoneDigits(id),
    lid: isLidJid(id) ? id : ctx.resolver.lidFor(id),
    isGroup: isGroup ?? isGroupJid(id),
  };
}

export function upsertContact(ctx: WriteContext, patch: ContactPatch): Contact {
  const id = isGroupJid(patch.jid) ? patch.jid : ctx.resolver.resolve(patch.jid);
  const stored = readContact(ctx, id);
  const identity = contactIdentity(ctx, id, patch.isGroup ?? stored?.isGroup);
  // The parent row must exist before names reference it (foreign key).
  if (stored === undefined) touchContact(ctx, identity, true);
  const upsertName = ctx.db.stmt(
    `INSERT INTO contact_names (contact_id, source, name, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (contact_id, source) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at`,
  );
  const removeName = ctx.db.stmt('DELETE FROM contact_names WHERE contact_id = ? AND source = ?');
  for (const update of patch.names ?? []) {
    if (update.name === null || update.name.trim() === '') removeName.run(id, update.source);
    else upsertName.run(id, update.source, update.name.slice(0, 512), ctx.nowMs);
  }
  return touchContact(ctx, identity, false);
}
