// Writes a reproducible .tar.gz of build outputs: same files, same bytes, on any machine (Node only).
import { chmod, copyFile, lstat, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, posix } from 'node:path';
import * as tar from 'tar';

export interface TarballOptions {
  /** The .tar.gz to write (replaced atomically). */
  outFile: string;
  /** Folder the `files` are relative to. */
  baseDir: string;
  /** Relative paths (forward slashes) of files or folders to pack; folders are packed whole. */
  files: string[];
  /** Folder every entry is placed in inside the archive, e.g. "pi-api-akana-policy-1.0.0". */
  prefix: string;
}

/** 2000-01-01T00:00:00Z, or SOURCE_DATE_EPOCH (seconds) when set: the mtime of every entry. */
export function reproducibleMtime(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date(Date.UTC(2000, 0, 1));
  if (!/^\d{1,12}$/.test(epoch)) throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${epoch}"`);
  return new Date(Number(epoch) * 1000);
}

/**
 * Packs `files` under `prefix/` with sorted entries, one fixed mtime, modes 0644 (0755 for
 * executables) and no owner: tar's `portable` drops uid, gid, user and group names and writes 255
 * ("unknown") as the gzip header's OS byte; Node's zlib writes mtime 0 and no file name in that
 * header. Only files get entries, as in `npm pack` (tar's portable mode would stamp folders with
 * mtime 0); extracting creates the folders. The inputs are copied to a staging folder first so
 * that their modes on this disk (umask, checkout) cannot leak into the archive.
 */
export async function writeTarball(opts: TarballOptions): Promise<void> {
  const prefix = checkRelative(opts.prefix, 'prefix');
  const mtime = reproducibleMtime();
  const staging = await mkdtemp(join(tmpdir(), 'pi-tarball-'));
  const partial = `${opts.outFile}.partial`;
  try {
    const entries = new Set<string>();
    for (const file of opts.files) {
      await stage(opts.baseDir, checkRelative(file, 'file'), staging, prefix, entries);
    }
    if (entries.size === 0) throw new Error('writeTarball: no files to pack');
    const sorted = [...entries].sort(compareCodeUnits);
    await mkdir(dirname(opts.outFile), { recursive: true });
    await tar.create(
      { file: partial, cwd: staging, gzip: { level: 9 }, portable: true, mtime, noDirRecurse: true, strict: true },
      sorted
    );
    await rename(partial, opts.outFile);
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}

/** Copies one file or folder into staging/prefix with fixed modes, recording archive paths. */
async function stage(baseDir: string, file: string, staging: string, prefix: string, entries: Set<string>): Promise<void> {
  const source = join(baseDir, file);
  let info;
  try {
    info = await lstat(source);
  } catch {
    throw new Error(`writeTarball: ${source} does not exist`);
  }
  const archivePath = posix.join(prefix, file);
  const target = join(staging, archivePath);
  if (info.isSymbolicLink()) throw new Error(`writeTarball: ${source} is a symbolic link; pack the file itself`);
  if (info.isDirectory()) {
    for (const name of (await readdir(source)).sort(compareCodeUnits)) {
      await stage(baseDir, posix.join(file, name), staging, prefix, entries);
    }
    return;
  }
  if (!info.isFile()) throw new Error(`writeTarball: ${source} is neither a file nor a folder`);
  await mkdir(dirname(target), { recursive: true });
  await copyFile(source, target);
  await chmod(target, info.mode & 0o111 ? 0o755 : 0o644);
  entries.add(archivePath);
}

function checkRelative(path: string, what: string): string {
  const normal = posix.normalize(path.replace(/\\/g, '/')).replace(/\/+$/, '');
  if (normal === '' || normal === '.' || isAbsolute(path) || normal.startsWith('../') || normal === '..') {
    throw new Error(`writeTarball: ${what} "${path}" must be a relative path inside the folder`);
  }
  return normal;
}

/** Plain UTF-16 code-unit order: the same on every machine, unlike localeCompare. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
