import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AccountId } from '../../../../shared/src/index.js';
import { AccountIdSchema } from '../../../../shared/src/index.js';

export const REGISTRY_FILE = 'accounts.json';
export const ACCOUNTS_DIR = 'accounts';

const RegistryEntrySchema = z.strictObject({
  id: AccountIdSchema,
  label: z.string().min(1).max(128),
  createdAt: z.number().int().nonnegative(),
});
export type RegistryEntry = z.infer<typeof RegistryEntrySchema>;

const RegistryFileSchema = z.strictObject({ version: z.literal(1), accounts: z.array(RegistryEntrySchema) });

/** accounts.json exists but cannot be trusted; starting with "no accounts" would hide them. */
export class RegistryCorruptError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RegistryCorruptError';
  }
}

export function accountDirOf(profileDir: string, accountId: AccountId): string {
  return path.join(profileDir, ACCOUNTS_DIR, accountId);
}

export function newAccountId(): AccountId {
  return AccountIdSchema.parse(`acct-${randomBytes(8).toString('hex')}`);
}

/** Missing file: no accounts yet. Anything unreadable raises RegistryCorruptError. */
export async function readRegistry(profileDir: string): Promise<RegistryEntry[]> {
  const file = path.join(profileDir, REGISTRY_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  try {
    return RegistryFileSchema.parse(JSON.parse(text)).accounts;
  } catch (err) {
    throw new RegistryCorruptError(`${file} is not a valid account registry`, { cause: err });
  }
}

/**
 * Replaces accounts.json atomically: write a temp file, fsync it, rename over the old one, fsync
 * the directory. A crash at any point leaves either the old or the new registry, never half.
 */
export async function writeRegistry(profileDir: string, accounts: readonly RegistryEntry[]): Promise<void> {
  const file = path.join(profileDir, REGISTRY_FILE);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const body = `${JSON.stringify({ version: 1, accounts }, null, 2)}\n`;
  const handle = await fs.open(temp, 'w', 0o600);
  try {
    await handle.writeFile(body, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
  await syncDirectory(profileDir);
}

async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
