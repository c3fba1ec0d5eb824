// The renderer's real cache modules, for the bench page bundle. esbuild follows these re-exports;
// the type checker reads rendererCache.d.ts instead, because test/tsconfig.json (which checks
// bench/) may not pull renderer sources into its program (TS6307).
export { InboxDb } from '../../renderer/src/cache/db.ts';
export { ingestBatches } from '../../renderer/src/cache/ingestBatches.ts';
