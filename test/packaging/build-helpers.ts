// Test helpers for packaging/: fixture policy entries, running Rhino, listing a tarball (Node, tests only).
import { spawnSync } from 'node:child_process';
import * as tar from 'tar';
import type { PolicyEntry } from '../../packaging/entries';

export const FIXTURE_SOURCE = 'test/packaging/fixtures/es5-fixture.ts';

/** Same output names as the two policy entries, so the package command can pack them (config.js: buildAkanaConfigJs). */
export const FIXTURE_ENTRIES: PolicyEntry[] = [
  { source: FIXTURE_SOURCE, out: 'dist/akana/pi_policy.js', title: 'fixture policy', purpose: 'Exercises the ES5 pipeline.' },
  { source: FIXTURE_SOURCE, out: 'dist/akana/retain-header-policy.js', title: 'fixture header', purpose: 'The same fixture again.' }
];

/** Rhino is installed by .ci/run; on a machine without it the Rhino tests are skipped. */
export const HAS_RHINO = spawnSync('sh', ['-c', 'command -v rhino'], { encoding: 'utf8' }).status === 0;
export const NO_RHINO_REASON = 'skipped: rhino is not on PATH (CI installs it with apt-get install rhino)';

/** Runs files in Rhino at ES5 level (-version 180), in one scope, in order. */
export function runRhino(files: string[]): { status: number | null; stdout: string; stderr: string } {
  const args = ['-version', '180', ...files.flatMap((file) => ['-f', file])];
  const run = spawnSync('rhino', args, { encoding: 'utf8', timeout: 60000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export interface ListedEntry {
  path: string;
  mode: number | undefined;
  uid: number | undefined;
  gid: number | undefined;
  uname: string | undefined;
  gname: string | undefined;
  mtime: Date | undefined;
  text: string;
}

/** Every entry of a .tar.gz, in archive order, with its header fields and text. */
export async function listTarball(file: string): Promise<ListedEntry[]> {
  const listed: ListedEntry[] = [];
  await tar.list({
    file,
    onReadEntry: (entry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => {
        const h = entry.header;
        listed.push({
          path: entry.path,
          mode: h.mode,
          uid: h.uid,
          gid: h.gid,
          uname: h.uname,
          gname: h.gname,
          mtime: h.mtime,
          text: Buffer.concat(chunks).toString('utf8')
        });
      });
    }
  });
  return listed;
}
