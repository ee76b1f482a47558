// The outcome codes are spelt in one module and documented from it: README codes table, no stray code literals (Node, vitest).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codesReferenceTable, withCodesReference } from '../../cli/docs/codes-reference';
import { CODE_MEANINGS, Codes } from '../../policies/core/errors';
import { PROJECT_ROOT } from '../../packaging/entries';

const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');

/** Source folders outside test/; the Java fake of Akana keeps its own copy of what it reports. */
const SOURCE_ROOTS = ['policies', 'node', 'cli', 'config', 'packaging', 'standin', 'demo', 'emulators', 'bench'];
const THE_MODULE = join('policies', 'core', 'errors.ts');

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(join(PROJECT_ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(PROJECT_ROOT, path)).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.ts$/.test(name)) files.push(path);
  }
  return files;
}

describe('outcome codes', () => {
  it('README.md holds the codes table generated from policies/core/errors.ts (run `npm run docs` after a change)', () => {
    expect(withCodesReference(readme)).toBe(readme);
  });

  it('the table has one row per code, each with a meaning and an outcome', () => {
    const codes = Object.values(Codes);
    expect(Object.keys(CODE_MEANINGS).sort()).toEqual([...codes].sort());
    const rows = codesReferenceTable().split('\n').slice(2);
    expect(rows.map((row) => /^\| `([A-Z_0-9]+)` \|/.exec(row)?.[1])).toEqual(Object.keys(CODE_MEANINGS));
    for (const { meaning, outcome } of Object.values(CODE_MEANINGS)) {
      expect(meaning.length).toBeGreaterThan(10);
      expect(outcome.length).toBeGreaterThan(5);
    }
    // The two the hand-written table missed.
    expect(readme).toContain('| `ASE_ASYNC` |');
    expect(readme).toContain('| `NO_REQUEST_STATE` |');
  });

  it('no source outside policies/core/errors.ts spells a code as a string literal (use Codes.X)', () => {
    const literal = new RegExp(`(['"\`])(${Object.values(Codes).join('|')})\\1`);
    const offenders: string[] = [];
    for (const file of SOURCE_ROOTS.flatMap(sourceFiles)) {
      if (file === THE_MODULE) continue;
      const lines = readFileSync(join(PROJECT_ROOT, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (literal.test(line)) offenders.push(`${relative('.', file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
