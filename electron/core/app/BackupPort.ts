import type { CommandInput, CommandOutput } from '../../../shared/src/index.js';

/** What the bridge handlers need from the S3 backup service (implemented by `BackupService`). */
export type BackupPort = {
  readonly overview: () => CommandOutput<'backup.getStatus'>;
  readonly configure: (input: CommandInput<'backup.configure'>) => Promise<CommandOutput<'backup.configure'>>;
  readonly testConnection: (
    input: CommandInput<'backup.testConnection'>,
  ) => Promise<CommandOutput<'backup.testConnection'>>;
  /** Starts the run(s) and answers at once; outcomes arrive as `backup.statusChanged`. */
  readonly runNow: (accountId: CommandInput<'backup.runNow'>['accountId']) => void;
  readonly setEnabled: (isEnabled: boolean) => Promise<CommandOutput<'backup.setEnabled'>>;
  readonly setWindow: (windowMs: number) => Promise<CommandOutput<'backup.setWindow'>>;
  readonly list: () => Promise<CommandOutput<'backup.list'>>;
  readonly restore: (input: CommandInput<'backup.restore'>) => Promise<CommandOutput<'backup.restore'>>;
  readonly close: () => Promise<void>;
};
