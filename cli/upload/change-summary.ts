// What an upload would change in one script: sizes, SHA-256 prefixes and a line-diff summary without the lines (Node only).
import { createHash } from 'node:crypto';

export interface TextFingerprint {
  /** UTF-8 bytes. */
  bytes: number;
  /** First 12 hex digits of the SHA-256 of the UTF-8 bytes: enough to recognise a version. */
  sha256: string;
  lines: number;
}

export interface Hunk {
  /** 1-based first line of the hunk in the old text (for a pure insertion: the line after which it goes). */
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}

export interface LineDiff {
  added: number;
  removed: number;
  hunks: Hunk[];
  /** False when the changed region was too large to align line by line and is reported as one hunk. */
  exact: boolean;
}

/** Above this many old x new changed lines the alignment (a table of that size) is skipped. */
export const MAX_ALIGN_CELLS = 4_000_000;

/** Hunk headers printed before "... N more". */
const SHOWN_HUNKS = 6;

function splitLines(text: string): string[] {
  return text.length === 0 ? [] : text.split(/\r?\n/);
}

export function fingerprint(text: string): TextFingerprint {
  const bytes = Buffer.from(text, 'utf8');
  return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex').slice(0, 12), lines: splitLines(text).length };
}

/**
 * Line diff of two texts as hunks without context: the common head and tail are trimmed, the rest
 * aligned by longest common subsequence (or, when larger than maxCells, reported as one hunk).
 */
export function diffLines(oldText: string, newText: string, maxCells: number = MAX_ALIGN_CELLS): LineDiff {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n === 0 && m === 0) return { added: 0, removed: 0, hunks: [], exact: true };
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > maxCells) {
    return { added: m, removed: n, hunks: [{ oldStart: n === 0 ? head : head + 1, oldLines: n, newStart: m === 0 ? head : head + 1, newLines: m }], exact: n === 0 || m === 0 };
  }
  // lcs[i * (m + 1) + j]: length of the longest common subsequence of a-middle[i..] and b-middle[j..].
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i * width + j] =
        a[head + i] === b[head + j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const hunks: Hunk[] = [];
  let added = 0;
  let removed = 0;
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] === b[head + j]) {
      i += 1;
      j += 1;
      continue;
    }
    const startI = i;
    const startJ = j;
    while ((i < n || j < m) && !(i < n && j < m && a[head + i] === b[head + j])) {
      if (j >= m || (i < n && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])) i += 1;
      else j += 1;
    }
    const oldLines = i - startI;
    const newLines = j - startJ;
    removed += oldLines;
    added += newLines;
    hunks.push({
      oldStart: oldLines === 0 ? head + startI : head + startI + 1,
      oldLines,
      newStart: newLines === 0 ? head + startJ : head + startJ + 1,
      newLines
    });
  }
  return { added, removed, hunks, exact: true };
}

export function formatHunk(hunk: Hunk): string {
  return `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`;
}

function describe(print: TextFingerprint): string {
  return `${print.bytes} bytes, ${print.lines} lines, sha256 ${print.sha256}`;
}

/**
 * Lines describing the change from oldText to newText. The changed lines themselves are never
 * shown: config.js holds the ASE token and the hash salt.
 */
export function describeChange(oldText: string, newText: string): string[] {
  const before = fingerprint(oldText);
  const after = fingerprint(newText);
  if (oldText === newText) return [`unchanged: ${describe(before)}`];
  const diff = diffLines(oldText, newText);
  const shown = diff.hunks.slice(0, SHOWN_HUNKS).map(formatHunk).join(' ');
  const more = diff.hunks.length > SHOWN_HUNKS ? ` ... and ${diff.hunks.length - SHOWN_HUNKS} more` : '';
  const lines = [
    `now: ${describe(before)}`,
    `new: ${describe(after)}`,
    diff.hunks.length === 0
      ? 'diff: same lines, different line endings'
      : `diff: +${diff.added} -${diff.removed} lines in ${diff.hunks.length} hunk${diff.hunks.length === 1 ? '' : 's'}` +
        `${diff.exact ? '' : ' (too large to align: shown as one block)'}: ${shown}${more}`
  ];
  return lines;
}
