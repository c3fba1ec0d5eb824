/** Intentional fire-and-forget: errors are reported, never silently lost. */
export function drop(promise: Promise<unknown>): void {
  promise.catch((err: unknown) => console.error({ err }, 'background task failed'));
}
