/** Ends exhaustive switches: adding a union member without handling it is a compile error. */
export function missingCaseError(value: never): Error {
  return new Error(`unhandled case: ${JSON.stringify(value)}`);
}
