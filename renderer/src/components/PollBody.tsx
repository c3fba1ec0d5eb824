import type { AccountId, MessageBody } from '../../../shared/src/index.js';
import { Icon } from './Icon.js';

type Poll = Extract<MessageBody, { kind: 'poll' }>;

/** Results only: voting happens on the phone (there is no vote command in the contract). */
export function PollBody({ body }: { readonly body: Poll; readonly accountId: AccountId }) {
  const voters = new Set(body.options.flatMap((option) => option.voters));
  const total = voters.size;
  const maxVotes = Math.max(0, ...body.options.map((option) => option.voters.length));
  return (
    <div className="poll" data-testid="poll">
      <p className="poll-question">
        <Icon name="poll" size={18} /> {body.question}
      </p>
      <p className="muted poll-hint">{body.selectableCount === 1 ? 'Select one option' : 'Select one or more'}</p>
      <ul className="poll-options">
        {body.options.map((option) => {
          const share = total === 0 ? 0 : (option.voters.length / total) * 100;
          return (
            <li key={option.name} className={option.voters.length === maxVotes && maxVotes > 0 ? 'is-leading' : ''}>
              <div className="poll-option-line">
                <span>{option.name}</span>
                <span className="poll-count">{option.voters.length}</span>
              </div>
              <div className="poll-bar" aria-hidden="true">
                <div className="poll-bar-fill" style={{ width: `${share}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
      <p className="muted poll-total">
        {total} {total === 1 ? 'vote' : 'votes'}
      </p>
    </div>
  );
}
