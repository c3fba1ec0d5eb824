import { z } from 'zod';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Downloaded media an account keeps on disk before the oldest-viewed files are removed. */
export const DEFAULT_MEDIA_CACHE_LIMIT_BYTES = 2 * GiB;
export const MIN_MEDIA_CACHE_LIMIT_BYTES = 64 * MiB;
export const MAX_MEDIA_CACHE_LIMIT_BYTES = 1024 * GiB;

export const MediaCacheLimitSchema = z.number().int().min(MIN_MEDIA_CACHE_LIMIT_BYTES).max(MAX_MEDIA_CACHE_LIMIT_BYTES);

export const MediaCacheUsageSchema = z.object({
  usedBytes: z.number().int().nonnegative(),
  fileCount: z.number().int().nonnegative(),
  limitBytes: z.number().int().positive(),
});
export type MediaCacheUsage = z.infer<typeof MediaCacheUsageSchema>;
