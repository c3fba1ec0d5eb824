/**
 * A domain message id names its chat and author (`chat|author|waId`, normalize/messageId.ts). Filed
 * under a LID, both become the phone number once the mapping is known, which is how later
 * reactions, edits, revokes and votes name the message. Ids of another shape are kept.
 */
export function rekeyMessageId(id: string, lid: string, pn: string): string {
  const [chat, author, ...rest] = id.split('|');
  if (chat === undefined || author === undefined || rest.length === 0) return id;
  return [chat === lid ? pn : chat, author === lid ? pn : author, ...rest].join('|');
}
