import type { ConnectionState } from '../../../shared/src/index.js';
import { missingCaseError } from '../util/missingCaseError.js';

export type ConnectionTone = 'ok' | 'busy' | 'attention' | 'error';
export type ConnectionAction = 'relink' | 'takeOver' | null;
export type ConnectionWords = {
  readonly tone: ConnectionTone;
  readonly title: string;
  readonly detail: string;
  readonly action: ConnectionAction;
  readonly actionLabel: string;
};

const none = { action: null, actionLabel: '' } as const;

/** What each connection state means to the user, and the one thing they can do about it. */
export function describeConnection(state: ConnectionState | undefined, now = Date.now()): ConnectionWords {
  if (!state)
    return { tone: 'busy', title: 'Starting…', detail: 'Waiting for the app to report this account.', ...none };
  switch (state.kind) {
    case 'idle':
      return {
        tone: 'attention',
        title: 'Not connected',
        detail: 'This account is not running right now.',
        action: 'takeOver',
        actionLabel: 'Connect',
      };
    case 'connecting':
      return {
        tone: 'busy',
        title: state.attempt > 0 ? 'Reconnecting to WhatsApp…' : 'Connecting to WhatsApp…',
        detail:
          state.attempt > 0
            ? `Attempt ${state.attempt + 1}. Your messages are safe; new ones arrive once connected.`
            : 'This usually takes a few seconds.',
        ...none,
      };
    case 'qr':
      return {
        tone: 'attention',
        title: 'Link this account',
        detail: 'Scan the code with WhatsApp on your phone.',
        ...none,
      };
    case 'open':
      return { tone: 'ok', title: 'Connected', detail: '', ...none };
    case 'closed':
      return describeClosed(state, now);
    default:
      throw missingCaseError(state);
  }
}

function describeClosed(state: Extract<ConnectionState, { kind: 'closed' }>, now: number): ConnectionWords {
  switch (state.reason) {
    case 'loggedOut':
      return {
        tone: 'error',
        title: 'Logged out from your phone',
        detail: 'This computer was removed from Linked devices. Your archive is kept here — pair again to continue.',
        action: 'relink',
        actionLabel: 'Pair again',
      };
    case 'openedElsewhere':
      return {
        tone: 'attention',
        title: 'Open in another place',
        detail: 'WhatsApp Web or another inbox took over this session. Only one can be active at a time.',
        action: 'takeOver',
        actionLabel: 'Use here',
      };
    case 'banned':
      return {
        tone: 'error',
        title: 'This number is banned',
        detail:
          'WhatsApp refused this account. Check the WhatsApp app on your phone for details. Your archive is kept here.',
        ...none,
      };
    case 'mismatch':
      return {
        tone: 'error',
        title: 'Linked device out of sync',
        detail: 'Your phone and this computer disagree about the device list. Pair again to fix it.',
        action: 'relink',
        actionLabel: 'Pair again',
      };
    case 'badSession':
      return {
        tone: 'error',
        title: 'Session data is damaged',
        detail: 'The saved login could not be used. Pair again; your archive stays.',
        action: 'relink',
        actionLabel: 'Pair again',
      };
    case 'transient': {
      const seconds = state.retryAt ? Math.max(0, Math.ceil((state.retryAt - now) / 1000)) : null;
      return {
        tone: 'busy',
        title: 'Connection lost',
        detail: seconds !== null ? `Retrying in ${seconds} s…` : 'Retrying shortly…',
        ...none,
      };
    }
    case 'restartRequired':
      return {
        tone: 'busy',
        title: 'Restarting the connection…',
        detail: 'WhatsApp asked for a restart; this takes a moment.',
        ...none,
      };
    case 'lockedByOtherInstance':
      return {
        tone: 'attention',
        title: 'Open in another window',
        detail: 'This account is already running in another window of this app. Close it there to use it here.',
        ...none,
      };
    case 'untrustedServer':
      return {
        tone: 'error',
        title: 'Server not trusted',
        detail:
          "The server's security certificate could not be verified, so the app refused to connect. A proxy or network filter may be intercepting traffic.",
        action: 'takeOver',
        actionLabel: 'Try again',
      };
    case 'pairingRejected':
      return {
        tone: 'error',
        title: 'Pairing refused',
        detail:
          "The answer to the scanned code was not signed by your phone's WhatsApp account, so nothing was linked. Try linking again.",
        action: 'relink',
        actionLabel: 'Get a new code',
      };
    case 'qrExpired':
      return {
        tone: 'attention',
        title: 'QR code expired',
        detail: 'The codes ran out before one was scanned. Get a new code when your phone is at hand.',
        action: 'relink',
        actionLabel: 'Get a new code',
      };
    case 'stopped':
      return {
        tone: 'attention',
        title: 'Stopped',
        detail: 'This account was stopped.',
        action: 'takeOver',
        actionLabel: 'Start again',
      };
    case 'unknown':
      return {
        tone: 'error',
        title: 'Disconnected',
        detail: state.message ?? 'The connection closed for an unknown reason.',
        action: 'takeOver',
        actionLabel: 'Try again',
      };
    default:
      throw missingCaseError(state.reason);
  }
}
