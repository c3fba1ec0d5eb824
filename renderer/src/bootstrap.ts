import { call, setBridge } from './bridge/call.js';
import { drop } from './bridge/drop.js';
import { connectBridge } from './bridge/connectBridge.js';
import { readCachedAccounts } from './cache/accountCache.js';
import { cacheDb } from './cache/cacheDb.js';
import { SyncEngine } from './cache/SyncEngine.js';
import { useSession } from './state/sessionStore.js';

/**
 * Connects the bridge, then (in the background) seeds the session store from `accounts.list`
 * (connection and sync state are not cached) and starts catch-up and live ingest. Re-seeds after
 * every reconnect.
 */
export async function bootstrap(): Promise<void> {
  // The rail paints the accounts of the last run at once, marked not connected, until main answers.
  drop(readCachedAccounts(cacheDb).then((cached) => useSession.getState().showCachedAccounts(cached)));
  const bridge = await connectBridge();
  setBridge(bridge.api);
  const session = useSession.getState();
  session.setBridgeStatus(bridge.status.getStatus());
  const seedAccounts = async () => {
    const accounts = await call('accounts.list', {});
    if (accounts.ok) useSession.getState().setAccounts(accounts.value);
  };
  bridge.status.onStatus((status) => {
    useSession.getState().setBridgeStatus(status);
    if (status === 'open') drop(seedAccounts());
  });
  // Not awaited: the UI renders at once (showing "Connecting to the app…" if main is not there yet).
  drop(
    seedAccounts().then(() => {
      const engine = new SyncEngine(cacheDb, bridge.api, bridge.status, {
        onSession: (events) => useSession.getState().applySessionEvents(events),
        knownAccountIds: () => useSession.getState().accounts.map((account) => account.id),
      });
      engine.start();
    }),
  );
}
