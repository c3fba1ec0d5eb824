/** Ends an exhaustive switch: the compiler proves it unreachable, the runtime says which case slipped through. */
export function missingCaseError(value: never): Error {
  return new TypeError(`Unhandled case: ${JSON.stringify(value)}`);
}
