import pino from 'pino';
import type { ILogger } from '@whiskeysockets/baileys/lib/Utils/logger.js';

export const silentLogger: ILogger = pino({ level: 'silent' });
