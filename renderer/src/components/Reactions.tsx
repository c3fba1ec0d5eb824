import type { AccountId, Reaction } from '../../../shared/src/index.js';
import type { ContactDirectory } from '../features/useContacts.js';

/** Reactions grouped by emoji under the bubble; the tooltip lists who reacted. */
export function Reactions({
  reactions,
  accountId,
  contacts,
}: {
  readonly reactions: readonly Reaction[];
  readonly accountId: AccountId;
  readonly contacts: ContactDirectory;
}) {
  const groups = new Map<string, string[]>();
  for (const reaction of reactions) {
    if (!reaction.emoji) continue; // an empty emoji is a removed reaction
    const names = groups.get(reaction.emoji) ?? [];
    names.push(contacts.nameOf(accountId, reaction.senderId, 'Someone'));
    groups.set(reaction.emoji, names);
  }
  if (groups.size === 0) return null;
  const who = [...groups.entries()].map(([emoji, names]) => `${emoji} ${names.join(', ')}`).join('\n');
  return (
    <div className="reactions" title={who} aria-label={`Reactions: ${who}`} data-testid="reactions">
      {[...groups.keys()].map((emoji) => (
        <span key={emoji}>{emoji}</span>
      ))}
      {reactions.length > 1 && <span className="reactions-count">{reactions.length}</span>}
    </div>
  );
}
