import { z } from 'zod';

/**
 * History sync as the user should see it. WhatsApp sends history in 1–3+ chunks,
 * sometimes minutes late, sometimes never; `messaging-history.status` is a hint, not the truth.
 */
export const SyncPhaseSchema = z.enum(['awaiting', 'syncing', 'paused', 'complete']);
export type SyncPhase = z.infer<typeof SyncPhaseSchema>;

export const SyncStatusSchema = z.object({
  phase: SyncPhaseSchema,
  /** 0–100, from the newest chunk's `progress` when WhatsApp sends one. */
  progress: z.number().min(0).max(100).nullable(),
  chunksReceived: z.number().int().nonnegative(),
  chunksProcessed: z.number().int().nonnegative(),
  messagesImported: z.number().int().nonnegative(),
  /** Chunks that arrived after the status became `complete`; they are applied too. */
  lateChunks: z.number().int().nonnegative(),
  /** Whether `complete` came from WhatsApp (explicit) or was inferred after a quiet period. */
  completeSource: z.enum(['explicit', 'inferred']).nullable(),
  lastChunkAt: z.number().int().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;
