import type { CSSProperties } from 'react';
import type { AccountId, Message } from '../../../shared/src/index.js';
import type { ContactDirectory } from '../features/useContacts.js';
import { hueOf } from './Avatar.js';

export function QuotedBlock({
  quoted,
  accountId,
  contacts,
}: {
  readonly quoted: NonNullable<Message['quoted']>;
  readonly accountId: AccountId;
  readonly contacts: ContactDirectory;
}) {
  const name = quoted.senderId === null ? 'You' : contacts.nameOf(accountId, quoted.senderId, 'Unknown');
  return (
    <div
      className="quoted"
      style={{ '--sender-hue': hueOf(quoted.senderId ?? 'me') } as CSSProperties}
      data-testid="quoted-block"
    >
      <span className="quoted-sender">{name}</span>
      <span className="quoted-text">{quoted.preview}</span>
    </div>
  );
}
