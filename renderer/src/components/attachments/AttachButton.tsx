import { useRef } from 'react';
import { Icon } from '../Icon.js';

/** The paperclip: opens the file picker; the chosen file goes to the attachment preview. */
export function AttachButton({ onFile }: { readonly onFile: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="icon-button composer-icon"
        aria-label="Attach a photo or document"
        title="Attach"
        onClick={() => input.current?.click()}
        data-testid="attach-button"
      >
        <Icon name="attach" size={24} />
      </button>
      <input
        ref={input}
        type="file"
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onFile(file);
        }}
        data-testid="attach-input"
      />
    </>
  );
}
