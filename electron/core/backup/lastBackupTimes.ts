import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/*
 * When each account's last backup succeeded, kept across app restarts so the settings screen
 * does not say "never" after a restart. Not key material and not the backup's truth (that is the
 * manifest): losing the file only loses the line on the status screen.
 */

export const LAST_BACKUP_FILE_NAME = 'backup-status.json';

const FileSchema = z.object({ version: z.literal(1), lastSuccessAt: z.record(z.string(), z.number()) });

/** Usage: `const times = await LastBackupTimes.load(dir)`; `times.get(id)`; `await times.set(id, ms)`. */
export class LastBackupTimes {
  readonly #file: string;
  readonly #times: Map<string, number>;
  #writes: Promise<void> = Promise.resolve();

  private constructor(file: string, times: Map<string, number>) {
    this.#file = file;
    this.#times = times;
  }

  static async load(profileDir: string): Promise<LastBackupTimes> {
    const file = path.join(profileDir, LAST_BACKUP_FILE_NAME);
    let times = new Map<string, number>();
    try {
      const parsed = FileSchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
      // A damaged file is only a missing status line: start empty and rewrite it on the next run.
      if (parsed.success) times = new Map(Object.entries(parsed.data.lastSuccessAt));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && !(err instanceof SyntaxError)) throw err;
    }
    return new LastBackupTimes(file, times);
  }

  get(accountId: string): number | null {
    return this.#times.get(accountId) ?? null;
  }

  /** Serialized, atomic (temp file + rename) writes; resolves once this value is on disk. */
  set(accountId: string, at: number): Promise<void> {
    if (this.#times.get(accountId) === at) return this.#writes;
    this.#times.set(accountId, at);
    const body = JSON.stringify({ version: 1, lastSuccessAt: Object.fromEntries(this.#times) });
    const write = this.#writes.then(async () => {
      const temp = `${this.#file}.${process.pid}.tmp`;
      await fs.writeFile(temp, body, { mode: 0o600 });
      await fs.rename(temp, this.#file);
    });
    this.#writes = write.catch(() => {});
    return write;
  }
}
