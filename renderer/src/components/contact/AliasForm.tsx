import { type FormEvent, useState } from 'react';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import type { CachedContact } from '../../cache/db.js';

/**
 * Set or clear the local alias (`contacts.setAlias`); the new name arrives as contacts.upserted.
 * Keyed by the current alias by its parent, so a saved alias resets the field.
 */
export function AliasForm({ contact }: { readonly contact: CachedContact }) {
  const current = contact.names.find((name) => name.source === 'alias')?.name ?? '';
  const [value, setValue] = useState(current);
  const [isSaving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = (alias: string | null) => {
    setSaving(true);
    setError(null);
    drop(
      call('contacts.setAlias', { accountId: contact.accountId, contactId: contact.id, alias }).then((result) => {
        setSaving(false);
        if (!result.ok) return setError(`The alias could not be saved: ${result.error.message}`);
      }),
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    save(trimmed ? trimmed : null);
  };
  const isDirty = value.trim() !== current;

  return (
    <form className="panel-section alias-form" onSubmit={submit}>
      <h4>
        <label htmlFor="alias-input">Alias</label>
      </h4>
      <p className="muted small">
        Your own name for this contact. It wins over every other name, and stays on this computer.
      </p>
      <div className="alias-row">
        <input
          id="alias-input"
          className="text-input"
          value={value}
          maxLength={128}
          placeholder="e.g. Jonas (plumber)"
          onChange={(event) => setValue(event.target.value)}
          data-testid="alias-input"
        />
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="alias-actions">
        {current && (
          <button
            type="button"
            className="button button-ghost button-small"
            disabled={isSaving}
            onClick={() => save(null)}
            data-testid="alias-clear"
          >
            Clear alias
          </button>
        )}
        <button
          type="submit"
          className="button button-primary button-small"
          disabled={isSaving || !isDirty || (!value.trim() && !current)}
          data-testid="alias-save"
        >
          {isSaving ? 'Saving…' : 'Save alias'}
        </button>
      </div>
    </form>
  );
}
