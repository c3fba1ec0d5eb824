import { isJumboEmoji, linkify } from '../format/linkify.js';

/** Message text: links become anchors (opened outside the app), 1–3 emoji are shown large. */
export function RichText({ text, className = 'bubble-text' }: { readonly text: string; readonly className?: string }) {
  if (isJumboEmoji(text)) return <p className={`${className} is-jumbo`}>{text}</p>;
  return (
    <p className={className}>
      {linkify(text).map((run, index) =>
        run.kind === 'link' ? (
          <a key={index} href={run.href} target="_blank" rel="noopener noreferrer">
            {run.text}
          </a>
        ) : (
          <span key={index}>{run.text}</span>
        ),
      )}
    </p>
  );
}
