/**
 * Intentional fire-and-forget: the promise is observed so a rejection is logged instead of
 * crashing the process as an unhandled rejection.
 */
export function drop(promise: Promise<unknown> | undefined, onError?: (err: unknown) => void): void {
  promise?.catch((err: unknown) => {
    if (onError) onError(err);
    else console.error('dropped promise rejected', err);
  });
}
