// Tests of writeTarball: byte-identical archives, sorted prefixed entries, fixed modes, owner and time (Node).
import { chmod, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reproducibleMtime, writeTarball } from '../../packaging/package-tarball';
import { listTarball } from './build-helpers';

let base = '';

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'tarball-test-'));
  await mkdir(join(base, 'src', 'docs'), { recursive: true });
  await writeFile(join(base, 'src', 'z.js'), 'var z = 1;\n');
  await writeFile(join(base, 'src', 'a.js'), 'var a = 1;\n');
  await writeFile(join(base, 'src', 'run.sh'), '#!/bin/sh\necho hi\n');
  await writeFile(join(base, 'src', 'docs', 'b.md'), '# b\n');
  await writeFile(join(base, 'src', 'docs', 'a.md'), '# a\n');
  await chmod(join(base, 'src', 'z.js'), 0o600);
  await chmod(join(base, 'src', 'run.sh'), 0o775);
});

afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true });
});

describe('writeTarball', () => {
  it('writes identical bytes twice, whatever the files\' times', async () => {
    const first = join(base, 'one', 'out.tar.gz');
    const second = join(base, 'two', 'out.tar.gz');
    await writeTarball({ outFile: first, baseDir: join(base, 'src'), files: ['z.js', 'docs', 'a.js', 'run.sh'], prefix: 'pkg-1.2.3' });
    await utimes(join(base, 'src', 'a.js'), new Date('2011-11-11T11:11:11Z'), new Date('2011-11-11T11:11:11Z'));
    await writeTarball({ outFile: second, baseDir: join(base, 'src'), files: ['run.sh', 'a.js', 'z.js', 'docs'], prefix: 'pkg-1.2.3' });
    const [a, b] = [await readFile(first), await readFile(second)];
    expect(a.equals(b)).toBe(true);
    // gzip header: magic, deflate, no flags (no file name), mtime 0, OS 255 (unknown).
    expect([...a.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]);
    expect(a.readUInt32LE(4)).toBe(0);
    expect(a[9]).toBe(255);
  });

  it('lists sorted entries under the prefix with mode 0644/0755, no owner and the fixed mtime', async () => {
    const file = join(base, 'list', 'out.tar.gz');
    await writeTarball({ outFile: file, baseDir: join(base, 'src'), files: ['z.js', 'docs', 'a.js', 'run.sh'], prefix: 'pkg-1.2.3' });
    const listed = await listTarball(file);
    expect(listed.map((entry) => entry.path)).toEqual([
      'pkg-1.2.3/a.js',
      'pkg-1.2.3/docs/a.md',
      'pkg-1.2.3/docs/b.md',
      'pkg-1.2.3/run.sh',
      'pkg-1.2.3/z.js'
    ]);
    const modes = Object.fromEntries(listed.map((entry) => [entry.path, entry.mode]));
    expect(modes['pkg-1.2.3/z.js']).toBe(0o644);
    expect(modes['pkg-1.2.3/a.js']).toBe(0o644);
    expect(modes['pkg-1.2.3/run.sh']).toBe(0o755);
    for (const entry of listed) {
      expect([entry.uid ?? 0, entry.gid ?? 0, entry.uname ?? '', entry.gname ?? '']).toEqual([0, 0, '', '']);
      expect(entry.mtime?.getTime()).toBe(reproducibleMtime().getTime());
    }
    expect(listed.find((entry) => entry.path === 'pkg-1.2.3/docs/b.md')?.text).toBe('# b\n');
  });

  it('refuses paths outside the folder and missing files', async () => {
    const outFile = join(base, 'bad', 'out.tar.gz');
    const baseDir = join(base, 'src');
    await expect(writeTarball({ outFile, baseDir, files: ['../escape.js'], prefix: 'p' })).rejects.toThrow(/relative path inside/);
    await expect(writeTarball({ outFile, baseDir, files: ['/etc/hostname'], prefix: 'p' })).rejects.toThrow(/relative path inside/);
    await expect(writeTarball({ outFile, baseDir, files: ['a.js'], prefix: '../p' })).rejects.toThrow(/prefix/);
    await expect(writeTarball({ outFile, baseDir, files: ['nope.js'], prefix: 'p' })).rejects.toThrow(/nope\.js does not exist/);
  });
});

describe('reproducibleMtime', () => {
  it('is 2000-01-01 by default and SOURCE_DATE_EPOCH when set', () => {
    expect(reproducibleMtime({}).toISOString()).toBe('2000-01-01T00:00:00.000Z');
    expect(reproducibleMtime({ SOURCE_DATE_EPOCH: '1700000000' }).toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(() => reproducibleMtime({ SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(/SOURCE_DATE_EPOCH/);
  });
});
