import type { Chat } from '../../../../shared/src/index.js';
import { useContact } from '../../features/useContact.js';
import { formatPhoneNumber } from '../../names/bestName.js';
import { describeNameSource } from '../../names/nameSourceWords.js';
import { Avatar } from '../Avatar.js';
import { useEscapeLayer } from '../dialog/useEscapeLayer.js';
import { Icon } from '../Icon.js';
import { AliasForm } from './AliasForm.js';
import { GroupMembers } from './GroupMembers.js';

/** Right-hand drawer for the open chat: who this is, every name we know and where it came from. */
export function ContactPanel({
  chat,
  title,
  onClose,
}: {
  readonly chat: Chat;
  readonly title: string;
  readonly onClose: () => void;
}) {
  const contact = useContact(chat.accountId, chat.contactId);
  useEscapeLayer(onClose);
  const phone = contact?.phoneNumber ? formatPhoneNumber(contact.phoneNumber) : null;

  return (
    <aside
      className="side-panel contact-panel"
      aria-label={chat.isGroup ? 'Group info' : 'Contact info'}
      data-testid="contact-panel"
    >
      <header className="pane-header side-panel-header">
        <button type="button" className="icon-button" aria-label="Close info" onClick={onClose}>
          <Icon name="close" />
        </button>
        <h2>{chat.isGroup ? 'Group info' : 'Contact info'}</h2>
      </header>
      <div className="side-panel-body">
        <section className="contact-hero">
          <Avatar id={chat.contactId} name={title} size="xl" isGroup={chat.isGroup} />
          <h3 data-testid="contact-best-name">{title}</h3>
          {phone && <p className="muted contact-phone">{phone}</p>}
          {chat.isGroup && <p className="muted">Group</p>}
        </section>

        {!chat.isGroup && (
          <section className="panel-section">
            <h4>Names</h4>
            {contact && contact.names.length > 0 ? (
              <ul className="name-list" data-testid="contact-names">
                {contact.names.map((name) => (
                  <li key={`${name.source}:${name.name}`} data-source={name.source}>
                    <span className="name-value">{name.name}</span>
                    <span className="muted name-source">{describeNameSource(name.source)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">WhatsApp has not shared a name for this contact.</p>
            )}
          </section>
        )}

        {contact && !chat.isGroup && (
          <AliasForm key={contact.names.find((name) => name.source === 'alias')?.name ?? ''} contact={contact} />
        )}

        <section className="panel-section">
          <h4>Details</h4>
          <dl className="detail-list">
            {phone && (
              <>
                <dt>Phone</dt>
                <dd data-testid="contact-phone">{phone}</dd>
              </>
            )}
            {contact?.lid && (
              <>
                <dt title="Linked identity: WhatsApp's privacy-preserving id for this person">LID</dt>
                <dd className="mono" data-testid="contact-lid">
                  {contact.lid}
                </dd>
              </>
            )}
            {chat.isGroup && (
              <>
                <dt>Subject</dt>
                <dd>{chat.subject?.trim() || 'Unnamed group'}</dd>
              </>
            )}
            {!phone && !contact?.lid && !chat.isGroup && (
              <>
                <dt>Number</dt>
                <dd className="muted">Hidden by WhatsApp</dd>
              </>
            )}
          </dl>
        </section>

        {chat.isGroup && <GroupMembers chat={chat} />}
      </div>
    </aside>
  );
}
