import type { Chat } from '../../../../shared/src/index.js';
import { useContacts } from '../../features/useContacts.js';
import { useGroupMembersSeen } from '../../features/useGroupMembersSeen.js';
import { formatPhoneNumber } from '../../names/bestName.js';
import { Avatar } from '../Avatar.js';

/** Group members who wrote recently; WhatsApp's full participant list is not in the contract yet. */
export function GroupMembers({ chat }: { readonly chat: Chat }) {
  const members = useGroupMembersSeen({ accountId: chat.accountId, chatId: chat.id });
  const contacts = useContacts(chat.accountId);
  return (
    <section className="panel-section">
      <h4>Members seen in this chat · {members.length}</h4>
      {members.length === 0 ? (
        <p className="muted">Nobody has written here recently.</p>
      ) : (
        <ul className="member-list" data-testid="group-members">
          {members.map((id) => {
            const contact = contacts.get(chat.accountId, id);
            const name = contacts.nameOf(chat.accountId, id, 'Unknown');
            const phone = contact?.phoneNumber ? formatPhoneNumber(contact.phoneNumber) : null;
            return (
              <li key={id}>
                <Avatar id={id} name={name} size="sm" />
                <span className="member-name">{name}</span>
                {phone && phone !== name && <span className="muted member-phone">{phone}</span>}
              </li>
            );
          })}
        </ul>
      )}
      <p className="muted small">Only people who wrote in the recent messages are listed.</p>
    </section>
  );
}
