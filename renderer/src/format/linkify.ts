/** Splits text into plain runs and http(s)/www links; the caller renders links as anchors. */
export type TextRun =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly href: string };

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"']+[^\s<>"'.,;:!?)\]]/giu;

export function linkify(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    if (start > last) runs.push({ kind: 'text', text: text.slice(last, start) });
    const raw = match[0];
    runs.push({ kind: 'link', text: raw, href: raw.startsWith('www.') ? `https://${raw}` : raw });
    last = start + raw.length;
  }
  if (last < text.length) runs.push({ kind: 'text', text: text.slice(last) });
  return runs;
}

const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\uFE0F|\u200D|\s)+$/u;

/** 1–3 emoji with no other text are shown large, like WhatsApp does. */
export function isJumboEmoji(text: string): boolean {
  if (!EMOJI_ONLY.test(text) || /^[\d#*\s]+$/.test(text)) return false;
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text.trim())];
  return graphemes.length > 0 && graphemes.length <= 3;
}
