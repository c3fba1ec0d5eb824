import type { proto } from '@whiskeysockets/baileys';

export type UnwrappedMessage = Readonly<{
  content: proto.IMessage | null;
  /** The wrapper fields peeled off, outermost first (for tests and logs). */
  wrappers: readonly string[];
  isViewOnce: boolean;
}>;

// A message nests at most a few wrappers (ephemeral → viewOnce → documentWithCaption…); the cap guards
// against a hostile or corrupt payload nesting forever.
const MAX_WRAPPER_DEPTH = 8;

/**
 * Peels the containers that only change how content is delivered, not what it is. `editedMessage` is not
 * peeled here: an edit applies to another message, so the normalizer handles it itself.
 */
export function unwrapMessage(message: proto.IMessage | null | undefined): UnwrappedMessage {
  const wrappers: string[] = [];
  let isViewOnce = false;
  let content: proto.IMessage | null = message ?? null;
  for (let depth = 0; content && depth < MAX_WRAPPER_DEPTH; depth++) {
    const next = peel(content);
    if (!next) {
      break;
    }
    wrappers.push(next.wrapper);
    isViewOnce ||= next.wrapper.startsWith('viewOnce');
    content = next.inner;
  }
  return { content, wrappers, isViewOnce };
}

function peel(m: proto.IMessage): { wrapper: string; inner: proto.IMessage | null } | null {
  // deviceSentMessage: our phone's copy of what it sent, delivered to us as a companion device.
  if (m.deviceSentMessage) {
    return { wrapper: 'deviceSentMessage', inner: m.deviceSentMessage.message ?? null };
  }
  const futureProof: ReadonlyArray<readonly [string, proto.Message.IFutureProofMessage | null | undefined]> = [
    ['ephemeralMessage', m.ephemeralMessage],
    ['viewOnceMessage', m.viewOnceMessage],
    ['viewOnceMessageV2', m.viewOnceMessageV2],
    ['viewOnceMessageV2Extension', m.viewOnceMessageV2Extension],
    ['documentWithCaptionMessage', m.documentWithCaptionMessage],
    ['groupMentionedMessage', m.groupMentionedMessage],
    ['botInvokeMessage', m.botInvokeMessage],
  ];
  for (const [wrapper, value] of futureProof) {
    if (value) {
      return { wrapper, inner: value.message ?? null };
    }
  }
  return null;
}

// Fields that ride along with the content rather than being the content.
const NON_CONTENT_FIELDS = new Set([
  'messageContextInfo',
  'senderKeyDistributionMessage',
  'fastRatchetKeySenderKeyDistributionMessage',
]);

/** The proto field holding the content (`imageMessage`, `conversation`…), or null when there is none. */
export function contentTypeOf(content: proto.IMessage | null): string | null {
  if (!content) {
    return null;
  }
  for (const [key, value] of Object.entries(content)) {
    if (value !== null && value !== undefined && !NON_CONTENT_FIELDS.has(key)) {
      return key;
    }
  }
  return null;
}

/** True when the message carries only key-distribution / context fields: Signal plumbing, not content. */
export function isKeyDistributionOnly(content: proto.IMessage | null): boolean {
  return (
    !!content &&
    contentTypeOf(content) === null &&
    (!!content.senderKeyDistributionMessage || !!content.fastRatchetKeySenderKeyDistributionMessage)
  );
}
