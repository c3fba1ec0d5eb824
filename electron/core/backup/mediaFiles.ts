import { createHmac } from 'node:crypto';
import type { BackupBucket } from './backupBucket.js';
import { openObject, sealObject } from './backupCrypto.js';
import type { BackupRecord } from './backupRecord.js';

/**
 * Where downloaded media files live on this device. The archive only knows media *state*; the
 * files belong to the media module, so it plugs in here (the backup never guesses paths).
 */
export type MediaFileStore = Readonly<{
  read: (chatId: string, messageId: string) => Promise<Uint8Array | undefined>;
  write: (chatId: string, messageId: string, bytes: Uint8Array) => Promise<void>;
}>;

/** The field a media record gains when its file was uploaded (not a store column). */
export const MEDIA_FILE_FIELD = 'backup_file';

function mediaAad(name: string): string {
  return `media\n${name}`;
}

type MediaValue = Record<string, unknown> & { chat_id?: unknown; message_id?: unknown; state_json?: unknown };

/**
 * Uploads the files of "ready" media in `records` and returns the records with the object name
 * attached. Names are an HMAC of the content under the backup key: identical files are stored
 * once, and the name reveals nothing about the content to whoever can list the bucket.
 */
export async function attachMediaFiles(
  records: readonly BackupRecord[],
  files: MediaFileStore,
  bucket: BackupBucket,
  key: Uint8Array,
  uploaded: Set<string>,
): Promise<BackupRecord[]> {
  const out: BackupRecord[] = [];
  for (const record of records) {
    const value = record.value as MediaValue | null;
    const isReady = typeof value?.state_json === 'string' && value.state_json.includes('"status":"ready"');
    if (record.kind !== 'media' || record.deleted || value === null || !isReady) {
      out.push(record);
      continue;
    }
    const bytes = await files.read(String(value.chat_id), String(value.message_id));
    if (bytes === undefined) {
      out.push(record);
      continue;
    }
    const name = `media/${createHmac('sha256', key).update(bytes).digest('hex')}.wab`;
    if (!uploaded.has(name)) {
      await bucket.put(name, sealObject(key, bytes, mediaAad(name)));
      uploaded.add(name);
    }
    out.push({ ...record, value: { ...value, [MEDIA_FILE_FIELD]: name } });
  }
  return out;
}

/** Restore side: downloads, authenticates and hands one media file to the media module. */
export async function restoreMediaFile(
  record: BackupRecord,
  files: MediaFileStore,
  bucket: BackupBucket,
  key: Uint8Array,
): Promise<boolean> {
  const value = record.value as MediaValue | null;
  const name = value?.[MEDIA_FILE_FIELD];
  if (record.kind !== 'media' || record.deleted || typeof name !== 'string') return false;
  const got = await bucket.get(name);
  if (got === undefined) return false;
  await files.write(String(value?.chat_id), String(value?.message_id), openObject(key, got.body, mediaAad(name)));
  return true;
}
