import type { BackupBucket } from './backupBucket.js';
import type { Manifest, ObjectRef } from './manifest.js';
import { ManifestFormatError } from './manifest.js';
import { MergedView } from './MergedView.js';
import { decodeSegment, segmentAad } from './segmentCodec.js';

/**
 * Downloads, authenticates and merges every object the manifest lists (snapshot parts, then
 * each device's segments) into a MergedView. One object is in memory at a time. Order does not
 * matter for the result (the merge is commutative), only for memory.
 */
export async function loadMergedView(
  bucket: BackupBucket,
  manifest: Manifest,
  key: Uint8Array,
  nativeBinding?: string,
): Promise<MergedView> {
  const view = MergedView.create(nativeBinding);
  try {
    const refs: ObjectRef[] = [...(manifest.body.snapshot?.parts ?? []), ...manifest.body.segments];
    for (const ref of refs) {
      const got = await bucket.get(ref.name);
      if (got === undefined) throw new ManifestFormatError(`backup object listed in the manifest is missing`);
      view.add(await decodeSegment(got.body, key, segmentAad(ref.name, ref.generation)));
    }
    return view;
  } catch (err) {
    view.dispose();
    throw err;
  }
}
