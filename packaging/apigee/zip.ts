// Writes the shared flow bundle zip with fflate, byte for byte the same for the same files (Node only).
import { zipSync, type Zippable } from 'fflate';

/** A fixed timestamp: the same sources give the same zip. */
const MTIME = new Date('2020-01-01T00:00:00Z');

/** path -> content; folders are implied by the paths; entries sorted by path. */
export function zipFiles(files: Record<string, string>): Uint8Array {
  const tree: Zippable = {};
  for (const path of Object.keys(files).sort()) tree[path] = [new TextEncoder().encode(files[path]), { mtime: MTIME }];
  return zipSync(tree, { level: 9 });
}
