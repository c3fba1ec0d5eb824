import { create } from 'zustand';
import type { Account, AccountId, ConnectionState, SyncStatus } from '../../../shared/src/index.js';
import type { BridgeStatus } from '../bridge/bridgeStatus.js';
import type { SessionEvent } from '../cache/ingestBatches.js';

/*
 * Session state: what is true right now about the link to main and each WhatsApp session.
 * Entities (chats, messages, contacts) live in Dexie, never here.
 */
export type AccountSummary = Pick<Account, 'id' | 'label' | 'phoneNumber' | 'pushName'>;
export type Notice = { readonly id: number; readonly text: string };

type SessionState = {
  readonly bridgeStatus: BridgeStatus;
  readonly accounts: readonly AccountSummary[];
  readonly connections: Readonly<Record<AccountId, ConnectionState>>;
  readonly sync: Readonly<Record<AccountId, SyncStatus>>;
  readonly notices: readonly Notice[];
  readonly setBridgeStatus: (status: BridgeStatus) => void;
  readonly setAccounts: (accounts: readonly Account[]) => void;
  readonly applySessionEvents: (events: readonly SessionEvent[]) => void;
  readonly pushNotice: (text: string) => void;
  readonly dismissNotice: (id: number) => void;
};

let nextNoticeId = 1;

export const useSession = create<SessionState>()((set) => ({
  bridgeStatus: 'connecting',
  accounts: [],
  connections: {},
  sync: {},
  notices: [],
  setBridgeStatus: (bridgeStatus) => set({ bridgeStatus }),
  setAccounts: (accounts) => set(accountsPatch(accounts)),
  applySessionEvents: (events) =>
    set((state) => {
      let { accounts, connections, sync, notices } = state;
      for (const event of events) {
        switch (event.type) {
          case 'accounts.changed':
            ({ accounts, connections, sync } = accountsPatch(event.accounts));
            break;
          case 'connection.changed':
            connections = { ...connections, [event.accountId]: event.state };
            break;
          case 'sync.changed':
            sync = { ...sync, [event.accountId]: event.status };
            break;
          case 'commands.completed':
            if (event.error)
              notices = [...notices, { id: nextNoticeId++, text: describeFailure(event.name, event.error.message) }];
            break;
        }
      }
      return { accounts, connections, sync, notices };
    }),
  pushNotice: (text) => set((state) => ({ notices: [...state.notices, { id: nextNoticeId++, text }] })),
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
}));

function accountsPatch(accounts: readonly Account[]) {
  return {
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
