import type { Account, AccountId, EventBatch } from '../../../shared/src/index.js';
import { BridgeError } from '../bridge/BridgeError.js';
import type { SessionPort } from './SessionPort.js';

/**
 * A session layer with no linked accounts and no way to add one: what the core serves until the
 * WhatsApp session manager is plugged in (see ARCHITECTURE.md, "Status"). Every account-bound
 * command is refused with NOT_FOUND, which is the truth here.
 */
export function createAccountlessSessions(): SessionPort {
  const accounts: Account[] = [];
  return {
    listAccounts: () => accounts,
    addAccount: () => Promise.reject(new BridgeError('INTERNAL', 'linking accounts is not available in this build')),
    removeAccount: (accountId) => Promise.reject(notFound(accountId)),
    account: (accountId) => {
      throw notFound(accountId);
    },
    catchUp: (accountId, afterSeq) => {
      if (accountId !== null) return Promise.reject(notFound(accountId));
      const snapshot: EventBatch = { accountId: null, seq: 1, events: [{ type: 'accounts.changed', accounts }] };
      return Promise.resolve({ batches: afterSeq < snapshot.seq ? [snapshot] : [], isComplete: true });
    },
    close: () => Promise.resolve(),
  };
}

function notFound(accountId: AccountId): BridgeError {
  return new BridgeError('NOT_FOUND', `no account ${accountId}`);
}
