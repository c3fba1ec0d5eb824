/** The history sync progress bar; indeterminate while WhatsApp has not said how far along it is. */
export function SyncProgressBar({ progress }: { readonly progress: number | null }) {
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label="History sync progress"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={progress ?? undefined}
    >
      <div
        className={`progress-bar${progress === null ? ' is-indeterminate' : ''}`}
        style={{ width: `${progress ?? 30}%` }}
      />
    </div>
  );
}
