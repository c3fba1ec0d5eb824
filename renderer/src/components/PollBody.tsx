import { useLiveQuery } from 'dexie-react-hooks';
import type { AccountId, ContactId, MessageBody } from '../../../shared/src/index.js';
import { cacheDb } from '../cache/cacheDb.js';
import type { CachedContact } from '../cache/db.js';
import { useSession } from '../state/sessionStore.js';
import { Icon } from './Icon.js';
import { selfContactId, voterNames } from './pollVoters.js';

type Poll = Extract<MessageBody, { kind: 'poll' }>;

const NO_CONTACTS = new Map<string, CachedContact>();

/**
 * Results only: voting happens on the phone (there is no vote command in the contract). The core
 * keeps each voter's newest vote and sends the tally inside the poll message, so this re-renders
 * whenever a vote changes it.
 */
export function PollBody({ body, accountId }: { readonly body: Poll; readonly accountId: AccountId }) {
  const voters = [...new Set(body.options.flatMap((option) => option.voters))];
  const total = voters.length;
  const maxVotes = Math.max(0, ...body.options.map((option) => option.voters.length));
  const contacts = useVoterContacts(accountId, voters);
  const selfId = useSession((s) => selfContactId(s.accounts.find((a) => a.id === accountId)?.phoneNumber));
  return (
    <div className="poll" data-testid="poll">
      <p className="poll-question">
        <Icon name="poll" size={18} /> {body.question}
      </p>
      <p className="muted poll-hint">{body.selectableCount === 1 ? 'Select one option' : 'Select one or more'}</p>
      <ul className="poll-options">
        {body.options.map((option) => {
          const share = total === 0 ? 0 : (option.voters.length / total) * 100;
          const names = voterNames(option.voters, (id) => contacts.get(id), selfId).join(', ');
          return (
            <li
              key={option.name}
              className={option.voters.length === maxVotes && maxVotes > 0 ? 'is-leading' : ''}
              data-testid="poll-option"
            >
              <div className="poll-option-line">
                <span>{option.name}</span>
                <span className="poll-count" aria-label={`${option.voters.length} votes`}>
                  {option.voters.length}
                </span>
              </div>
              <div className="poll-bar" aria-hidden="true">
                <div className="poll-bar-fill" style={{ width: `${share}%` }} />
              </div>
              {names && (
                <p className="muted poll-voters" data-testid="poll-voters">
                  {names}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <p className="muted poll-total">
        {total} {total === 1 ? 'person voted' : 'people voted'}
      </p>
    </div>
  );
}

/** Only the voters' rows, live: a renamed contact updates the names under the bars. */
function useVoterContacts(accountId: AccountId, voters: readonly ContactId[]): ReadonlyMap<string, CachedContact> {
  const key = voters.join(',');
  return (
    useLiveQuery(async () => {
      const rows = await cacheDb.contacts.bulkGet(voters.map((id) => [accountId, id]));
      return new Map(rows.flatMap((row) => (row ? [[row.id as string, row] as const] : [])));
      // `key` stands for the voter list: a new array each render, the same voters most of the time.
    }, [accountId, key]) ?? NO_CONTACTS
  );
}
