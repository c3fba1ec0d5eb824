import type { AccountId, SyncStatus } from '../../../../shared/src/index.js';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import { useChatList } from '../../features/useChatList.js';
import { useContacts } from '../../features/useContacts.js';
import { describeArchiveReach } from '../../format/archiveReach.js';
import { formatRelative } from '../../format/time.js';
import { useSession } from '../../state/sessionStore.js';
import { missingCaseError } from '../../util/missingCaseError.js';
import { chatTitle } from '../chatTitle.js';
import { Dialog } from '../dialog/Dialog.js';
import { useNow } from '../useNow.js';
import { SyncProgressBar } from '../SyncProgressBar.js';

const MAX_CHATS_SHOWN = 100;

/** How history sync went for one account, and how far back each chat's archive reaches. */
export function SyncPanelDialog({
  accountId,
  onClose,
}: {
  readonly accountId: AccountId;
  readonly onClose: () => void;
}) {
  const status = useSession((state) => state.sync[accountId]);
  const label = useSession((state) => state.accounts.find((account) => account.id === accountId)?.label ?? '');
  return (
    <Dialog title={`History sync · ${label}`} onClose={onClose} size="lg" testId="sync-panel">
      {status ? <SyncFacts status={status} /> : <p className="muted">No sync status yet.</p>}
      <ChatReach accountId={accountId} />
    </Dialog>
  );
}

function phaseWords(status: SyncStatus): string {
  switch (status.phase) {
    case 'awaiting':
      return 'Waiting for your phone to send history';
    case 'syncing':
      return status.progress === null ? 'Syncing' : `Syncing · ${Math.round(status.progress)}%`;
    case 'paused':
      return 'Paused — resumes when your phone is online';
    case 'complete':
      return status.completeSource === 'explicit' ? 'Complete (WhatsApp said so)' : 'Complete (inferred)';
    default:
      throw missingCaseError(status.phase);
  }
}

function SyncFacts({ status }: { readonly status: SyncStatus }) {
  const now = useNow(15_000);
  const isActive = status.phase === 'syncing' || status.phase === 'awaiting';
  const mayStillArrive = status.phase !== 'complete' || status.completeSource !== 'explicit';
  return (
    <section className="sync-facts" aria-label="Sync status">
      <p className={`sync-phase phase-${status.phase}`} data-testid="sync-phase">
        <strong>{phaseWords(status)}</strong>
      </p>
      {isActive && <SyncProgressBar progress={status.progress} />}
      <dl className="stat-grid">
        <div>
          <dt>Chunks received</dt>
          <dd data-testid="sync-chunks-received">{status.chunksReceived}</dd>
        </div>
        <div>
          <dt>Chunks processed</dt>
          <dd>{status.chunksProcessed}</dd>
        </div>
        <div>
          <dt>Messages imported</dt>
          <dd>{status.messagesImported.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Late arrivals</dt>
          <dd data-testid="sync-late-chunks">{status.lateChunks}</dd>
        </div>
      </dl>
      <p className="muted small">
        {status.lastChunkAt !== null ? `Last chunk ${formatRelative(status.lastChunkAt, now)}. ` : 'No chunk yet. '}
        {status.phase === 'complete' &&
          status.completeSource === 'inferred' &&
          'WhatsApp never said it was done; no chunk arrived for a while, so the sync is treated as complete. '}
        {status.lateChunks > 0 &&
          `${status.lateChunks} chunk${status.lateChunks === 1 ? '' : 's'} arrived after completion and ${status.lateChunks === 1 ? 'was' : 'were'} applied too. `}
      </p>
      {mayStillArrive && (
        <p className="sync-note" data-testid="sync-more-may-arrive">
          More history may still arrive from your phone.
        </p>
      )}
    </section>
  );
}

function ChatReach({ accountId }: { readonly accountId: AccountId }) {
  const { chats } = useChatList(accountId, false);
  const contacts = useContacts(accountId);
  const shown = chats.slice(0, MAX_CHATS_SHOWN);
  return (
    <section className="chat-reach" aria-label="Archive per chat">
      <h3>Archive per chat</h3>
      <ul className="reach-list">
        {shown.map((chat) => (
          <li key={chat.id} data-testid="sync-chat-row">
            <span className="reach-title">{chatTitle(chat, contacts)}</span>
            <span className="muted small">{describeArchiveReach(chat)}</span>
            {chat.isHistoryExhausted ? (
              <span className="muted small reach-done">No older messages on your phone</span>
            ) : (
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={() => drop(call('history.requestOlder', { accountId, chatId: chat.id }))}
              >
                Load older from phone
              </button>
            )}
          </li>
        ))}
      </ul>
      {chats.length > shown.length && (
        <p className="muted small">And {chats.length - shown.length} more chats (open a chat to load its history).</p>
      )}
    </section>
  );
}
