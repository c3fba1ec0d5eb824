import { create } from 'zustand';
import type { Account, AccountId, BackupStatus, ConnectionState, SyncStatus } from '../../../shared/src/index.js';
import type { BridgeStatus } from '../bridge/bridgeStatus.js';
import type { SessionEvent } from '../cache/ingestBatches.js';

/*
 * Session state: what is true right now about the link to main and each WhatsApp session.
 * Entities (chats, messages, contacts) live in Dexie, never here.
 */
export type AccountSummary = Pick<Account, 'id' | 'label' | 'phoneNumber' | 'pushName'>;
/** An account as the renderer's cache remembers it from the last run. */
export type CachedAccountView = AccountSummary & { readonly lastConnection: ConnectionState['kind'] };
/** A toast: `error` for something that failed, `success` for a confirmation the user waited for. */
export type Notice = { readonly id: number; readonly text: string; readonly tone: 'error' | 'success' };

type SessionState = {
  readonly bridgeStatus: BridgeStatus;
  readonly accounts: readonly AccountSummary[];
  /**
   * False while `accounts` is only the list cached from the last run (painted before main
   * answered, or without main at all); true once main has reported the list itself.
   */
  readonly isAccountListLive: boolean;
  /** The connection each cached account last had (shown while main is unreachable). */
  readonly lastConnections: Readonly<Record<AccountId, ConnectionState['kind']>>;
  readonly connections: Readonly<Record<AccountId, ConnectionState>>;
  readonly sync: Readonly<Record<AccountId, SyncStatus>>;
  readonly notices: readonly Notice[];
  /** S3 backup status per account, from `backup.statusChanged` (the settings screen seeds it). */
  readonly backup: Readonly<Record<AccountId, BackupStatus>>;
  readonly setBridgeStatus: (status: BridgeStatus) => void;
  readonly setAccounts: (accounts: readonly Account[]) => void;
  /** The cached list, shown until main reports; ignored once the live list has arrived. */
  readonly showCachedAccounts: (accounts: readonly CachedAccountView[]) => void;
  readonly applySessionEvents: (events: readonly SessionEvent[]) => void;
  readonly pushNotice: (text: string, tone?: Notice['tone']) => void;
  readonly dismissNotice: (id: number) => void;
};

let nextNoticeId = 1;

export const useSession = create<SessionState>()((set) => ({
  bridgeStatus: 'connecting',
  accounts: [],
  isAccountListLive: false,
  lastConnections: {},
  connections: {},
  sync: {},
  notices: [],
  backup: {},
  setBridgeStatus: (bridgeStatus) => set({ bridgeStatus }),
  setAccounts: (accounts) => set(accountsPatch(accounts)),
  showCachedAccounts: (cached) =>
    set((state) =>
      state.isAccountListLive
        ? state
        : {
            accounts: cached.map(({ id, label, phoneNumber, pushName }) => ({ id, label, phoneNumber, pushName })),
            lastConnections: Object.fromEntries(cached.map((account) => [account.id, account.lastConnection])),
          },
    ),
  applySessionEvents: (events) =>
    set((state) => {
      let { accounts, connections, sync, notices, isAccountListLive, backup } = state;
      for (const event of events) {
        switch (event.type) {
          case 'accounts.changed':
            ({ accounts, connections, sync, isAccountListLive } = accountsPatch(event.accounts));
            break;
          case 'connection.changed':
            connections = { ...connections, [event.accountId]: event.state };
            break;
          case 'sync.changed':
            sync = { ...sync, [event.accountId]: event.status };
            break;
          case 'backup.statusChanged':
            backup = { ...backup, [event.accountId]: event.status };
            break;
          case 'commands.completed':
            if (event.error)
              notices = [
                ...notices,
                { id: nextNoticeId++, text: describeFailure(event.name, event.error.message), tone: 'error' },
              ];
            break;
        }
      }
      return { accounts, connections, sync, notices, isAccountListLive, backup };
    }),
  pushNotice: (text, tone = 'error') =>
    set((state) => ({ notices: [...state.notices, { id: nextNoticeId++, text, tone }] })),
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
}));

function accountsPatch(accounts: readonly Account[]) {
  return {
    isAccountListLive: true,
    accounts: accounts.map(({ id, label, phoneNumber, pushName }) => ({ id, label, phoneNumber, pushName })),
    connections: Object.fromEntries(accounts.map((account) => [account.id, account.connection])) as Record<
      AccountId,
      ConnectionState
    >,
    sync: Object.fromEntries(accounts.map((account) => [account.id, account.sync])) as Record<AccountId, SyncStatus>,
  };
}

const COMMAND_WORDS: Readonly<Record<string, string>> = {
  'messages.sendText': 'Your message could not be sent',
  'chats.modify': 'The chat could not be changed',
  'media.download': 'The media could not be downloaded',
  'media.requestReupload': 'The phone could not re-upload the media',
  'accounts.relink': 'Re-pairing could not start',
  'accounts.takeOver': 'Could not take over the session',
  'accounts.logout': 'Could not log out',
  'accounts.remove': 'Could not remove the account',
  'messages.sendAttachment': 'Your file could not be sent',
  'messages.react': 'The reaction could not be sent',
  'messages.edit': 'The message could not be edited',
  'messages.deleteForEveryone': 'The message could not be deleted for everyone',
  'messages.forward': 'The message could not be forwarded',
  'messages.retrySend': 'The message could not be re-sent',
  'media.retryAllFailed': 'Retrying the failed media did not work',
  'history.requestOlder': 'Your phone could not send older messages',
  'chats.start': 'The chat could not be started',
};

function describeFailure(name: string, message: string): string {
  return `${COMMAND_WORDS[name] ?? 'Something went wrong'}: ${message}`;
}
