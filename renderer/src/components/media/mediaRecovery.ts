import type { MediaFailure, MediaState, Message } from '../../../../shared/src/index.js';

/** Which command gives a failed item its best chance: expired CDN copies need the phone's re-upload. */
export function recoveryCommandFor(failure: MediaFailure): 'media.requestReupload' | 'media.download' {
  return failure === 'cdnGone' ? 'media.requestReupload' : 'media.download';
}

export function mediaStateOf(message: Message): MediaState | null {
  return message.body.kind === 'media' ? message.body.media.state : null;
}

export function isRecoverable(state: MediaState | null): boolean {
  return state?.status === 'failed';
}

export function isInFlight(state: MediaState | null): boolean {
  return state?.status === 'downloading' || state?.status === 'reuploadRequested';
}

export type RecoveryProgress = {
  readonly total: number;
  readonly recovered: number;
  readonly failedAgain: number;
  readonly inFlight: number;
  readonly isDone: boolean;
};

/**
 * Progress of a "Retry all" run over the items it started with: media.changed events move each one
 * to ready (recovered) or failed (again); anything else is still in flight (queued or downloading).
 */
export function recoveryProgress(tracked: ReadonlyMap<string, number>, messages: readonly Message[]): RecoveryProgress {
  let recovered = 0;
  let failedAgain = 0;
  const byId = new Map(messages.map((message) => [message.id as string, message]));
  for (const [id, startedAt] of tracked) {
    const state = mediaStateOf(byId.get(id) ?? ({ body: { kind: 'deleted' } } as Message));
    if (state?.status === 'ready') recovered++;
    else if (state?.status === 'failed' && state.at >= startedAt) failedAgain++;
  }
  const total = tracked.size;
  const inFlight = total - recovered - failedAgain;
  return { total, recovered, failedAgain, inFlight, isDone: total > 0 && inFlight === 0 };
}
