// Renders BENCHMARKS.md: the headline figures, machine, method, then one part per section, tables drawn by demo/text-table (Node, bench).
import { textTable } from '../demo/text-table';
import type { Compared, Spread } from './stats';

export type Unit = 'us' | 'calls/s';

export interface Table {
  caption?: string;
  header: string[];
  rows: string[][];
}

/** A figure for the summary at the top, with the target it is read against where there is one. */
export interface Headline {
  figure: string;
  measured: string;
  target?: string;
  met?: boolean;
}

export interface Section {
  id: string;
  title: string;
  /** Paragraphs: what was measured, how, and what the floor is. */
  method: string[];
  tables: Table[];
  /** Paragraphs (or "- " items) reading the figures. */
  notes: string[];
  headlines: Headline[];
}

export interface Report {
  command: string;
  startedAt: string;
  seconds: number;
  machine: Array<[string, string]>;
  method: string[];
  sections: Section[];
}

function fixed(v: number, digits: number): string {
  return v.toFixed(digits).replace(/^-0(\.0+)?$/, '0$1');
}

/** A number with precision that fits its size (no unit). */
export function num(v: number, unit: Unit = 'us'): string {
  if (unit === 'calls/s') return Math.round(v).toLocaleString('en-US');
  const abs = Math.abs(v);
  return fixed(v, abs < 10 ? 2 : abs < 100 ? 1 : 0);
}

const UNIT_TEXT: Record<Unit, string> = { us: 'µs', 'calls/s': 'calls/s' };

/** "123 µs (118–130)": the median over rounds and the min–max over rounds. */
export function spread(s: Spread, unit: Unit = 'us'): string {
  return `${num(s.median, unit)} ${UNIT_TEXT[unit]} (${num(s.lo, unit)}–${num(s.hi, unit)})`;
}

/** The comparison: "1.07x (1.02–1.12)" or, for an added amount, "+42.0 µs (+30.0–+55.0)". */
export function result(c: Compared, unit: Unit = 'us'): string {
  const r = c.result;
  if (c.kind !== 'added') return `${r.median.toFixed(2)}x (${r.lo.toFixed(2)}–${r.hi.toFixed(2)})`;
  const signed = (v: number) => (v >= 0 ? '+' : '') + num(v, unit);
  return `${signed(r.median)} ${UNIT_TEXT[unit]} (${signed(r.lo)}–${signed(r.hi)})`;
}

/** [figure, variant, floor, compared]: the row shape of every variant-vs-floor table. */
export function compareRow(figure: string, c: Compared, unit: Unit = 'us'): string[] {
  return [figure, spread(c.variant, unit), spread(c.floor, unit), result(c, unit)];
}

/** A headline from a comparison, judged on its headline value (c.result.median) when a target is given. */
export function headline(figure: string, c: Compared, target?: { limit: number; text: string }, unit: Unit = 'us'): Headline {
  return { figure, measured: result(c, unit), target: target?.text, met: target ? c.result.median <= target.limit : undefined };
}

function renderTable(table: Table): string[] {
  const columns = table.header.map((header, i) => ({ header, right: i > 0 }));
  return [...(table.caption ? [`**${table.caption}**`, ''] : []), '```text', ...textTable(columns, table.rows, ''), '```', ''];
}

/** Paragraphs separated by a blank line, consecutive "- " items kept together as one list. */
export function paragraphs(entries: readonly string[]): string[] {
  const out: string[] = [];
  entries.forEach((entry, i) => {
    if (out.length > 0 && !(entry.startsWith('- ') && entries[i - 1].startsWith('- '))) out.push('');
    out.push(entry);
  });
  return out;
}

export function renderReport(report: Report): string {
  const headlines = report.sections.flatMap((s) => s.headlines.map((h) => ({ ...h, figure: `§${s.id} ${h.figure}` })));
  const verdict = (h: Headline) => (h.met === undefined ? '' : h.met ? 'met' : 'missed');
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`${report.command}\` on ${report.startedAt}, in ${Math.round(report.seconds)} s. Every figure is a median over interleaved rounds with ` +
      'the min–max over the rounds in brackets, and every comparison was measured side by side with its floor in the same run.',
    '',
    '## Headline figures',
    '',
    ...renderTable({ header: ['figure', 'measured', 'target', 'verdict'], rows: headlines.map((h) => [h.figure, h.measured, h.target ?? '', verdict(h)]) }),
    '## Machine',
    '',
    ...report.machine.map(([k, v]) => `- ${k}: ${v}`),
    '',
    '## Method',
    '',
    ...paragraphs(report.method),
    ''
  ];
  for (const s of report.sections) {
    lines.push(`## ${s.id}. ${s.title}`, '', ...paragraphs(s.method), '');
    for (const table of s.tables) lines.push(...renderTable(table));
    lines.push(...paragraphs(s.notes), '');
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
