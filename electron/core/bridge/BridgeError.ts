import type { ErrorCode } from '../../../shared/src/index.js';

/** Thrown by handlers to refuse a command with a specific code; converted into a Rejected result. */
export class BridgeError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
  }
}
