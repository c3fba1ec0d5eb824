import type { GapConfig } from '../../lanes/pacing.js';
import { MEDIA_LANE_GAP } from '../../lanes/pacing.js';
import type { ReconnectConfig } from '../reconnectPolicy.js';
import { DEFAULT_RECONNECT_CONFIG } from '../reconnectPolicy.js';

/** Timings and limits of a worker; production uses the defaults, tests shorten them. */
export type WorkerTuning = Readonly<{
  /** No chunk for this long while syncing → history is considered complete (inferred). */
  historyQuietMs: number;
  mediaDownloadTimeoutMs: number;
  /** How long the phone gets to answer a media re-upload request. */
  mediaReuploadTimeoutMs: number;
  mediaMaxBytes: number;
  mediaGap: GapConfig;
  mediaConcurrency: number;
  reconnect: ReconnectConfig;
  /** Minimum time between two "load older messages" requests for one chat. */
  olderHistoryCooldownMs: number;
  olderHistoryCount: number;
  /** Media viewed or saved this recently counts as on screen: the cache limit never evicts it. */
  mediaCacheProtectRecentMs: number;
}>;

export const DEFAULT_WORKER_TUNING: WorkerTuning = {
  historyQuietMs: 90_000,
  mediaDownloadTimeoutMs: 60_000,
  mediaReuploadTimeoutMs: 30_000,
  mediaMaxBytes: 200 * 1024 * 1024,
  mediaGap: MEDIA_LANE_GAP,
  mediaConcurrency: 2,
  reconnect: DEFAULT_RECONNECT_CONFIG,
  olderHistoryCooldownMs: 15_000,
  olderHistoryCount: 50,
  mediaCacheProtectRecentMs: 10 * 60_000,
};
