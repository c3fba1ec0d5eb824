import { EMOJI_GROUPS } from './emojiCatalog.js';

/** A compact grid of curated emoji, grouped; arrow keys are left to Tab, each emoji is a button. */
export function EmojiPicker({
  onPick,
  selected,
}: {
  readonly onPick: (emoji: string) => void;
  readonly selected: string | null;
}) {
  return (
    <div className="emoji-picker" role="group" aria-label="Pick a reaction" data-testid="emoji-picker">
      {EMOJI_GROUPS.map((group) => (
        <section key={group.label} aria-label={group.label}>
          <h3 className="emoji-group-label">{group.label}</h3>
          <div className="emoji-grid">
            {group.emoji.map((emoji) => (
              <button
                key={emoji}
                type="button"
                className={`emoji-button${emoji === selected ? ' is-selected' : ''}`}
                aria-label={`React with ${emoji}`}
                aria-pressed={emoji === selected}
                onClick={() => onPick(emoji)}
                data-testid={`react-${emoji}`}
              >
                {emoji}
              </button>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
