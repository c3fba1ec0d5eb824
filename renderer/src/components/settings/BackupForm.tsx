import { type ReactNode, useId, useState } from 'react';
import type {
  BackupConnectionInput,
  BackupKeyChoice,
  BackupSettingsView,
  CommandOutput,
} from '../../../../shared/src/index.js';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import { missingCaseError } from '../../util/missingCaseError.js';
import { GeneratedKeyNotice } from './GeneratedKeyNotice.js';

type KeyMode = BackupKeyChoice['mode'];
type TestResult = CommandOutput<'backup.testConnection'>;

/** The S3 connection and the encryption key; secrets are typed here and never shown back. */
export function BackupForm({
  saved,
  onSaved,
}: {
  readonly saved: BackupSettingsView | null;
  readonly onSaved: (settings: BackupSettingsView) => void;
}) {
  const id = useId();
  const [bucket, setBucket] = useState(saved?.bucket ?? '');
  const [region, setRegion] = useState(saved?.region ?? 'us-east-1');
  const [endpoint, setEndpoint] = useState(saved?.endpoint ?? '');
  const [isPathStyle, setPathStyle] = useState(saved?.forcePathStyle ?? false);
  const [accessKeyId, setAccessKeyId] = useState(saved?.accessKeyId ?? '');
  const [secret, setSecret] = useState('');
  const [keyMode, setKeyMode] = useState<KeyMode>(saved ? 'keep' : 'passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [key, setKey] = useState('');
  const [test, setTest] = useState<TestResult | { ok: false; refused: string } | null>(null);
  const [isTesting, setTesting] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [generatedKey, setGeneratedKey] = useState<string | null>(null);

  const connection = (): BackupConnectionInput => ({
    bucket: bucket.trim(),
    region: region.trim(),
    endpoint: endpoint.trim() === '' ? null : endpoint.trim(),
    forcePathStyle: isPathStyle,
    accessKeyId: accessKeyId.trim(),
    secretAccessKey: secret === '' ? null : secret,
  });
  const keyChoice = (): BackupKeyChoice => {
    switch (keyMode) {
      case 'passphrase':
        return { mode: 'passphrase', passphrase };
      case 'key':
        return { mode: 'key', key: key.trim() };
      case 'generateKey':
        return { mode: 'generateKey' };
      case 'keep':
        return { mode: 'keep' };
      default:
        throw missingCaseError(keyMode);
    }
  };

  const runTest = () => {
    setTesting(true);
    setTest(null);
    drop(
      call('backup.testConnection', { connection: connection() }).then((result) => {
        setTesting(false);
        setTest(result.ok ? result.value : { ok: false, refused: result.error.message });
      }),
    );
  };
  const save = () => {
    setSaving(true);
    setSaveError(null);
    drop(
      call('backup.configure', { connection: connection(), key: keyChoice() }).then((result) => {
        setSaving(false);
        if (!result.ok) return setSaveError(result.error.message);
        setSecret('');
        setPassphrase('');
        setKey('');
        setKeyMode('keep');
        setGeneratedKey(result.value.generatedKey);
        onSaved(result.value.settings);
      }),
    );
  };

  return (
    <form
      className="settings-form"
      aria-label="S3 connection"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      data-testid="backup-form"
    >
      <div className="settings-grid">
        <Field id={`${id}-bucket`} label="Bucket">
          <input
            id={`${id}-bucket`}
            className="settings-input"
            value={bucket}
            onChange={(e) => setBucket(e.target.value)}
            required
            autoComplete="off"
            spellCheck={false}
            data-testid="backup-bucket"
          />
        </Field>
        <Field id={`${id}-region`} label="Region">
          <input
            id={`${id}-region`}
            className="settings-input"
            value={region}
            onChange={(e) => setRegion(e.target.value)}
            required
            autoComplete="off"
            spellCheck={false}
            data-testid="backup-region"
          />
        </Field>
        <Field
          id={`${id}-endpoint`}
          label="Endpoint"
          hint="Leave empty for AWS. For MinIO, R2, B2… the https:// address."
        >
          <input
            id={`${id}-endpoint`}
            className="settings-input"
            value={endpoint}
            onChange={(e) => setEndpoint(e.target.value)}
            placeholder="https://s3.example.com"
            autoComplete="off"
            spellCheck={false}
            data-testid="backup-endpoint"
          />
        </Field>
        <label className="settings-check">
          <input
            type="checkbox"
            checked={isPathStyle}
            onChange={(e) => setPathStyle(e.target.checked)}
            data-testid="backup-path-style"
          />
          <span>
            Path-style addressing
            <span className="settings-hint">Most S3-compatible services need it.</span>
          </span>
        </label>
        <Field id={`${id}-access`} label="Access key ID">
          <input
            id={`${id}-access`}
            className="settings-input"
            value={accessKeyId}
            onChange={(e) => setAccessKeyId(e.target.value)}
            required
            autoComplete="off"
            spellCheck={false}
            data-testid="backup-access-key"
          />
        </Field>
        <Field
          id={`${id}-secret`}
          label="Secret access key"
          hint={saved ? 'Saved. Leave empty to keep it.' : undefined}
        >
          <input
            id={`${id}-secret`}
            className="settings-input"
            type="password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            required={!saved}
            autoComplete="new-password"
            placeholder={saved ? '••••••••' : ''}
            data-testid="backup-secret"
          />
        </Field>
      </div>

      <fieldset className="settings-fieldset">
        <legend>Encryption</legend>
        <p className="settings-hint">
          Backups are encrypted on this computer before upload. Without the passphrase or key nobody can read them — not
          even you.
        </p>
        <div className="settings-radios" role="radiogroup" aria-label="Encryption key">
          {saved && (
            <Radio
              name={`${id}-key`}
              value="keep"
              current={keyMode}
              onPick={setKeyMode}
              label={`Keep the saved ${saved.encryptionMode === 'passphrase' ? 'passphrase' : 'key'}`}
            />
          )}
          <Radio name={`${id}-key`} value="passphrase" current={keyMode} onPick={setKeyMode} label="Use a passphrase" />
          <Radio name={`${id}-key`} value="generateKey" current={keyMode} onPick={setKeyMode} label="Generate a key" />
          <Radio name={`${id}-key`} value="key" current={keyMode} onPick={setKeyMode} label="Enter a key" />
        </div>
        {keyMode === 'passphrase' && (
          <Field
            id={`${id}-pass`}
            label="Passphrase"
            hint="At least 8 characters. You need it to restore on another computer."
          >
            <input
              id={`${id}-pass`}
              className="settings-input"
              type="password"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              minLength={8}
              required
              autoComplete="new-password"
              data-testid="backup-passphrase"
            />
          </Field>
        )}
        {keyMode === 'key' && (
          <Field id={`${id}-keyin`} label="Backup key" hint="The 44-character key you wrote down.">
            <input
              id={`${id}-keyin`}
              className="settings-input mono"
              value={key}
              onChange={(e) => setKey(e.target.value)}
              required
              autoComplete="off"
              spellCheck={false}
              data-testid="backup-key"
            />
          </Field>
        )}
        {keyMode === 'generateKey' && (
          <p className="settings-hint">A new key is shown once after saving. Write it down.</p>
        )}
      </fieldset>

      {generatedKey && <GeneratedKeyNotice backupKey={generatedKey} onDone={() => setGeneratedKey(null)} />}

      <div className="settings-actions">
        <TestOutcome result={test} isTesting={isTesting} />
        <button
          type="button"
          className="button button-ghost"
          onClick={runTest}
          disabled={isTesting}
          data-testid="backup-test"
        >
          {isTesting ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" className="button button-primary" disabled={isSaving} data-testid="backup-save">
          {isSaving ? 'Saving…' : 'Save'}
        </button>
      </div>
      {saveError && (
        <p className="error-text" role="alert" data-testid="backup-save-error">
          {saveError}
        </p>
      )}
    </form>
  );
}

function Field({
  id,
  label,
  hint,
  children,
}: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly children: ReactNode;
}) {
  return (
    <div className="settings-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <span className="settings-hint">{hint}</span>}
    </div>
  );
}

function Radio({
  name,
  value,
  current,
  onPick,
  label,
}: {
  readonly name: string;
  readonly value: KeyMode;
  readonly current: KeyMode;
  readonly onPick: (mode: KeyMode) => void;
  readonly label: string;
}) {
  return (
    <label className={`settings-radio${current === value ? ' is-checked' : ''}`}>
      <input
        type="radio"
        name={name}
        value={value}
        checked={current === value}
        onChange={() => onPick(value)}
        data-testid={`backup-key-${value}`}
      />
      {label}
    </label>
  );
}

function TestOutcome({
  result,
  isTesting,
}: {
  readonly result: TestResult | { ok: false; refused: string } | null;
  readonly isTesting: boolean;
}) {
  let text = '';
  let tone = '';
  if (isTesting) text = 'Connecting to the bucket…';
  else if (result?.ok === true) [text, tone] = ['Connected: the bucket can be read and written.', 'is-ok'];
  else if (result && 'refused' in result) [text, tone] = [result.refused, 'is-error'];
  else if (result) [text, tone] = [result.error.message, 'is-error'];
  return (
    <p className={`settings-test ${tone}`} role="status" aria-live="polite" data-testid="backup-test-result">
      {text}
    </p>
  );
}
