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
  const seq = writeContactRow(ctx, fields, isNew);
  return reportContact(ctx, fields, seq);
}

function writeContactRow(
  ctx: WriteContext,
  fields: Pick<Contact, 'id' | 'phoneNumber' | 'lid' | 'isGroup'>,
  isNew: boolean,
): number {
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
  return seq;
}

/** The row was just written with these fields: only the names need reading back, unless known. */
function reportContact(
  ctx: WriteContext,
  fields: Pick<Contact, 'id' | 'phoneNumber' | 'lid' | 'isGroup'>,
  seq: number,
  knownNames?: readonly ContactNameRow[],
): Contact {
  const names =
    knownNames ??
    (ctx.db.stmt('SELECT source, name FROM contact_names WHERE contact_id = ?').all(fields.id) as ContactNameRow[]);
  const row: ContactRow = {
    id: fields.id,
    phone_number: fields.phoneNumber,
    lid: fields.lid,
    is_group: fields.isGroup ? 1 : 0,
    updated_at: ctx.nowMs,
    hlc: '',
    seq,
  };
  const contact = contactFromRows(row, names);
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

type StoredContactRow = ContactRow & { source: string | null; name: string | null };

export function upsertContact(ctx: WriteContext, patch: ContactPatch): Contact {
  const id = isGroupJid(patch.jid) ? patch.jid : ctx.resolver.resolve(patch.jid);
  // The contact and its names in one read; the names written below are then applied to that copy.
  const rows = ctx.db
    .stmt(
      `SELECT c.*, n.source, n.name FROM contacts c
       LEFT JOIN contact_names n ON n.contact_id = c.id WHERE c.id = ?`,
    )
    .all(id) as StoredContactRow[];
  const stored = rows[0];
  const names = new Map<string, string>();
  for (const row of rows) if (row.source !== null && row.name !== null) names.set(row.source, row.name);
  const identity = contactIdentity(
    ctx,
    id,
    patch.isGroup ?? (stored === undefined ? undefined : stored.is_group === 1),
  );
  // Every incoming message repeats its sender's push name: an upsert that changes nothing writes
  // nothing and reports nothing, so it costs no seq, no bridge event and no renderer cache write.
  if (
    stored !== undefined &&
    isSameIdentity(stored, identity) &&
    (patch.names ?? []).every((u) => isSameName(names, u))
  ) {
    return contactFromRows(
      stored,
      [...names].map(([source, name]) => ({ source, name })),
    );
  }
  // The parent row is written (and stamped, once) before the names that reference it (foreign key).
  const seq = writeContactRow(ctx, identity, stored === undefined);
  const upsertName = ctx.db.stmt(
    `INSERT INTO contact_names (contact_id, source, name, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (contact_id, source) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at`,
  );
  const removeName = ctx.db.stmt('DELETE FROM contact_names WHERE contact_id = ? AND source = ?');
  for (const update of patch.names ?? []) {
    const name = storedNameOf(update);
    if (name === null) {
      removeName.run(id, update.source);
      names.delete(update.source);
    } else {
      upsertName.run(id, update.source, name, ctx.nowMs);
      names.set(update.source, name);
    }
  }
  return reportContact(
    ctx,
    identity,
    seq,
    [...names].map(([source, name]) => ({ source, name })),
  );
}

const NAME_MAX_CHARS = 512;

/** The name as stored, or null when the update removes that source's name (cleared alias). */
function storedNameOf(update: ContactNameUpdate): string | null {
  if (update.name === null || update.name.trim() === '') return null;
  return update.name.slice(0, NAME_MAX_CHARS);
}

function isSameName(names: ReadonlyMap<string, string>, update: ContactNameUpdate): boolean {
  const name = storedNameOf(update);
  return name === null ? !names.has(update.source) : names.get(update.source) === name;
}

function isSameIdentity(stored: ContactRow, identity: Pick<Contact, 'phoneNumber' | 'lid' | 'isGroup'>): boolean {
  return (
    stored.phone_number === identity.phoneNumber &&
    stored.lid === identity.lid &&
    (stored.is_group === 1) === identity.isGroup
  );
}
