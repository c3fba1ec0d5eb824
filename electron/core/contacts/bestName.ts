import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { ContactName, NameSource } from '../../../shared/src/index.js';

export type BestName = Readonly<{
  /** What to show as the title. */
  name: string;
  source: NameSource;
  /** The number formatted for display (`+1 555 000 0002`), when known. */
  formattedNumber: string | null;
  /**
   * The name alone does not identify the person (an emoji-only push name such as "🌻"), so the UI
   * should show the number beside it: "🌻 · +1 555…".
   */
  isNumberNeeded: boolean;
}>;

const PRECEDENCE: readonly NameSource[] = ['alias', 'phoneBook', 'business', 'pushName'];
const UNKNOWN_NAME = 'Unknown';

// Pieces that make up emoji sequences without being pictographs themselves: ZWJ, variation selectors,
// skin tones, keycaps, flag letters and tag characters (subdivision flags).
const EMOJI_GLUE = /\u200d|\ufe0e|\ufe0f|\u20e3|\p{Emoji_Modifier}|\p{Regional_Indicator}|[\u{e0020}-\u{e007f}]/gu;
const PICTOGRAPH = /[\p{Extended_Pictographic}\p{Emoji_Presentation}]/gu;
const KEYCAP = /[0-9#*]\ufe0f?\u20e3/gu;
// Non-global twins for `.test`, which would otherwise carry `lastIndex` between calls.
const HAS_PICTOGRAPH = /[\p{Extended_Pictographic}\p{Emoji_Presentation}\p{Regional_Indicator}]/u;

/** True for names made only of emoji (and spaces), e.g. "🌻", "👨‍👩‍👧 ✨", "🇩🇪". */
export function isEmojiOnly(name: string): boolean {
  const withoutKeycaps = name.replace(KEYCAP, '🔢');
  const rest = withoutKeycaps.replace(PICTOGRAPH, '').replace(EMOJI_GLUE, '').replace(/\s/gu, '');
  return rest === '' && HAS_PICTOGRAPH.test(withoutKeycaps);
}

/** E.164 digits ("15550000002") for display; falls back to "+digits" when libphonenumber cannot parse them. */
export function formatNumber(phoneNumber: string | null): string | null {
  if (!phoneNumber) {
    return null;
  }
  const digits = phoneNumber.replace(/\D/g, '');
  if (digits === '') {
    return null;
  }
  return parsePhoneNumberFromString(`+${digits}`)?.formatInternational() ?? `+${digits}`;
}

/**
 * Name precedence: alias > phoneBook > business > pushName > number. Blank names never win. An
 * emoji-only push name still wins (it is what the person chose) but asks the UI to show the number too.
 */
export function bestName(names: readonly ContactName[], phoneNumber: string | null): BestName {
  const formattedNumber = formatNumber(phoneNumber);
  for (const source of PRECEDENCE) {
    const hit = names.find((n) => n.source === source && n.name.trim() !== '');
    if (hit) {
      const name = hit.name.trim();
      return {
        name,
        source,
        formattedNumber,
        isNumberNeeded: source === 'pushName' && formattedNumber !== null && isEmojiOnly(name),
      };
    }
  }
  return { name: formattedNumber ?? UNKNOWN_NAME, source: 'number', formattedNumber, isNumberNeeded: false };
}
