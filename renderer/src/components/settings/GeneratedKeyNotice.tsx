import { useState } from 'react';
import { drop } from '../../bridge/drop.js';

/** The generated key, shown once: the app never sends it to this window again. */
export function GeneratedKeyNotice({ backupKey, onDone }: { readonly backupKey: string; readonly onDone: () => void }) {
  const [isCopied, setCopied] = useState(false);
  return (
    <section
      className="settings-key-notice"
      role="alert"
      aria-label="Your backup key"
      data-testid="backup-generated-key"
    >
      <strong>Write this key down now.</strong>
      <p className="settings-hint">It is shown only once. You need it to restore this backup on another computer.</p>
      <code className="mono settings-key" data-testid="backup-generated-key-value">
        {backupKey}
      </code>
      <div className="settings-actions">
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={() => drop(navigator.clipboard.writeText(backupKey).then(() => setCopied(true)))}
        >
          {isCopied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="button button-primary button-small" onClick={onDone}>
          I have written it down
        </button>
      </div>
    </section>
  );
}
