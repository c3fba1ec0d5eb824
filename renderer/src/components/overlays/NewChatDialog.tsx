import { useState } from 'react';
import type { AccountId } from '../../../../shared/src/index.js';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import { cacheDb } from '../../cache/cacheDb.js';
import type { CachedContact } from '../../cache/db.js';
import { useContactSearch } from '../../features/useContactSearch.js';
import { bestName, formatPhoneNumber } from '../../names/bestName.js';
import { countryOfDigits, parsePhoneInput } from '../../names/parsePhoneInput.js';
import { useSession } from '../../state/sessionStore.js';
import { useUi } from '../../state/uiStore.js';
import { Avatar } from '../Avatar.js';
import { Dialog } from '../dialog/Dialog.js';
import { Icon } from '../Icon.js';

const MAX_RESULTS = 40;

/** Start a chat with a known contact, or with any number WhatsApp can reach (`chats.start`). */
export function NewChatDialog({ onClose }: { readonly onClose: () => void }) {
  const allAccounts = useSession((state) => state.accounts);
  const accounts = allAccounts.filter((account) => account.phoneNumber !== null);
  const filter = useUi((state) => state.accountFilter);
  const [picked, setPicked] = useState<AccountId | null>(filter === 'all' ? null : filter);
  const account = accounts.find((a) => a.id === picked) ?? accounts[0];
  const [query, setQuery] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const contacts = useContactSearch(account?.id ?? null, query, MAX_RESULTS);
  const phone = parsePhoneInput(query, countryOfDigits(account?.phoneNumber ?? null));

  const open = (accountId: AccountId, phoneNumber: string, contact?: CachedContact) => {
    setBusy(true);
    setError(null);
    drop(
      (async () => {
        // A chat we already hold opens directly; otherwise main creates (or finds) it.
        const existing = contact
          ? await cacheDb.chats
              .where('accountId')
              .equals(accountId)
              .filter((chat) => chat.contactId === contact.id)
              .first()
          : undefined;
        if (existing) return existing.id;
        const result = await call('chats.start', { accountId, phoneNumber });
        if (!result.ok) throw new Error(result.error.message);
        return result.value.chatId;
      })()
        .then((chatId) => {
          const ui = useUi.getState();
          if (ui.accountFilter !== 'all' && ui.accountFilter !== accountId) ui.selectAccount(accountId);
          ui.selectChat({ accountId, chatId });
          onClose();
        })
        .catch((err: unknown) => {
          setBusy(false);
          setError(`The chat could not be started: ${err instanceof Error ? err.message : String(err)}`);
        }),
    );
  };

  return (
    <Dialog title="New chat" onClose={onClose} size="md" testId="new-chat-dialog">
      {accounts.length > 1 && (
        <label className="field-row">
          <span className="muted small">From account</span>
          <select
            className="select-input"
            value={account?.id ?? ''}
            onChange={(event) => setPicked(event.target.value as AccountId)}
            data-testid="new-chat-account"
          >
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <input
        className="text-input"
        type="search"
        value={query}
        placeholder="Search contacts or type a phone number"
        aria-label="Search contacts or type a phone number"
        onChange={(event) => setQuery(event.target.value)}
        data-autofocus
        data-testid="new-chat-input"
      />
      {!account && <p className="muted">Link an account first: new chats need a paired phone.</p>}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {account && phone.kind === 'invalid' && (
        <p className="error-text" data-testid="new-chat-number-error">
          {phone.reason}
        </p>
      )}
      <ul className="picker-list" aria-label="Contacts">
        {account && phone.kind === 'valid' && (
          <li>
            <button
              type="button"
              className="picker-row is-number"
              disabled={isBusy}
              onClick={() => open(account.id, phone.digits)}
              data-testid="new-chat-number"
            >
              <span className="picker-icon">
                <Icon name="newChat" size={20} />
              </span>
              <span className="picker-title">Chat with {phone.formatted}</span>
            </button>
          </li>
        )}
        {account &&
          contacts.map((contact) => {
            const name = bestName(contact);
            const number = contact.phoneNumber ? formatPhoneNumber(contact.phoneNumber) : null;
            return (
              <li key={contact.id}>
                <button
                  type="button"
                  className="picker-row"
                  disabled={isBusy || !contact.phoneNumber}
                  onClick={() => contact.phoneNumber && open(account.id, contact.phoneNumber, contact)}
                  data-testid="new-chat-contact"
                >
                  <Avatar id={contact.id} name={name} size="sm" />
                  <span className="picker-title">{name}</span>
                  {number && number !== name && <span className="muted small">{number}</span>}
                </button>
              </li>
            );
          })}
        {account && contacts.length === 0 && phone.kind === 'notANumber' && query.trim() && (
          <li className="muted picker-empty">
            No contact matches “{query.trim()}”. Type a number to chat with anyone.
          </li>
        )}
      </ul>
    </Dialog>
  );
}
