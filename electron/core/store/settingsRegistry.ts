import { z } from 'zod';

/*
 * The account's user-chosen settings, by key, with the shape each value must have. Only
 * non-secret preferences belong here: these rows go into the S3 backup in clear JSON (inside the
 * sealed segments). Internal bookkeeping (schema version, HLC state, seq, key check) stays in
 * `meta`, and secrets (S3 credentials, backup key) stay sealed in `backup.json`.
 *
 * To add a setting: add its key and schema here; reads and writes are typed from this table.
 */
export const SETTING_SCHEMAS = {
  /** Bytes of downloaded media kept on disk before the least recently used files are evicted. */
  mediaCacheLimitBytes: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTING_SCHEMAS)[K]>;

/** One setting with its value, typed per key (a discriminated union over `key`). */
export type SettingWrite = { [K in SettingKey]: Readonly<{ key: K; value: SettingValue<K> }> }[SettingKey];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTING_SCHEMAS, key);
}

/**
 * Whether a stored or restored JSON text is a valid value for the key. Keys this build does not
 * know (written by a newer build) are accepted as any JSON so they survive a round trip.
 */
export function isValidSettingJson(key: string, valueJson: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(valueJson);
  } catch {
    return false;
  }
  return isSettingKey(key) ? SETTING_SCHEMAS[key].safeParse(value).success : true;
}
