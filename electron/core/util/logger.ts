import pino, { type Logger } from 'pino';

/**
 * The root logger. Children are made per module and per account (`log.child({ module, account })`).
 * Message text, phone numbers and key material are never logged.
 */
export function createLogger(level: string = process.env.WA_INBOX_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
