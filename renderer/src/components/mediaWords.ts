import type { MediaFailure, MediaState } from '../../../shared/src/index.js';
import { missingCaseError } from '../util/missingCaseError.js';

/** Why media could not be shown, in words; plus whether asking the phone to re-upload can help. */
export function describeMediaFailure(state: Extract<MediaState, { status: 'failed' }>): {
  readonly text: string;
  readonly canReupload: boolean;
} {
  const failure: MediaFailure = state.failure;
  switch (failure) {
    case 'cdnGone':
      return { text: 'This file expired on WhatsApp’s servers.', canReupload: true };
    case 'cdnError':
      return {
        text: `WhatsApp’s media server had a problem${state.httpStatus ? ` (HTTP ${state.httpStatus})` : ''}.`,
        canReupload: true,
      };
    case 'phoneNotFound':
      return { text: 'Your phone no longer has this file.', canReupload: false };
    case 'phoneError':
      return { text: 'Your phone could not re-upload this file.', canReupload: true };
    case 'decryptionFailed':
      return { text: 'The file arrived damaged and could not be decrypted.', canReupload: true };
    case 'timedOut':
      return { text: 'Your phone did not answer in time. Is it online?', canReupload: true };
    case 'notConnected':
      return { text: 'This account is offline, so the file could not be fetched.', canReupload: false };
    case 'tooLarge':
      return { text: 'This file is larger than the media cache allows.', canReupload: false };
    default:
      throw missingCaseError(failure);
  }
}
