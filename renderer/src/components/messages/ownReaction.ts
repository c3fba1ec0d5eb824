import type { Reaction } from '../../../../shared/src/index.js';

/**
 * The account's own reaction. Main records it under the account's own phone-number contact id
 * ("<digits>@…", optionally with a ":device" suffix); the digits are all the renderer may compare.
 */
export function ownReactionOf(reactions: readonly Reaction[], ownPhone: string | null): Reaction | undefined {
  if (!ownPhone) return undefined;
  return reactions.find((reaction) => reaction.emoji && reaction.senderId.split(/[@:]/)[0] === ownPhone);
}
