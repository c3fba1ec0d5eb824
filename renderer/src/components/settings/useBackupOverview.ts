import { useCallback, useEffect, useState } from 'react';
import type { AccountId, BackupSettingsView, BackupStatus } from '../../../../shared/src/index.js';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import { useSession } from '../../state/sessionStore.js';

export type BackupOverviewState = {
  /** undefined while loading; null when backup is not set up. */
  readonly settings: BackupSettingsView | null | undefined;
  readonly statuses: readonly { readonly accountId: AccountId; readonly status: BackupStatus }[];
  readonly error: string | null;
  readonly setSettings: (settings: BackupSettingsView) => void;
  readonly reload: () => void;
};

/**
 * The saved settings (without secrets) and each account's backup status. The first answer comes
 * from `backup.getStatus`; afterwards `backup.statusChanged` events (in the session store) win.
 */
export function useBackupOverview(): BackupOverviewState {
  const [settings, setSettings] = useState<BackupSettingsView | null | undefined>(undefined);
  const [seeded, setSeeded] = useState<Readonly<Record<AccountId, BackupStatus>>>({});
  const [error, setError] = useState<string | null>(null);
  const live = useSession((state) => state.backup);
  const accounts = useSession((state) => state.accounts);
  const reload = useCallback(() => {
    drop(
      call('backup.getStatus', {}).then((result) => {
        if (!result.ok) return setError(result.error.message);
        setError(null);
        setSettings(result.value.settings);
        setSeeded(Object.fromEntries(result.value.accounts.map((a) => [a.accountId, a.status])));
      }),
    );
  }, []);
  useEffect(reload, [reload]);
  const statuses = accounts.flatMap((account) => {
    const status = live[account.id] ?? seeded[account.id];
    return status === undefined ? [] : [{ accountId: account.id, status }];
  });
  return { settings, statuses, error, setSettings, reload };
}
