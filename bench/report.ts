// Renders the benchmark results as BENCHMARKS.md: machine, method, verdicts and one table per section (Node, bench).
import { meets, type PairedFigure, type Spread, type Target } from './stats';

export type Unit = 'us' | 'ms' | 'calls/s';

/** One figure of a variant next to its floor, measured in the same rounds. */
export interface ComparisonRow {
  figure: string;
  unit: Unit;
  data: PairedFigure;
  /** Judged on the headline comparison (data.result.median). */
  target?: Target;
}

export interface ComparisonTable {
  caption?: string;
  variantLabel: string;
  floorLabel: string;
  rows: ComparisonRow[];
}

export interface PlainTable {
  caption?: string;
  header: string[];
  rows: string[][];
}

export interface Verdict {
  figure: string;
  target: string;
  measured: string;
  met: boolean;
}

export interface SectionReport {
  id: string;
  title: string;
  /** Markdown lines: what was measured, how, and what the floor is. */
  method: string[];
  tables: ComparisonTable[];
  plain: PlainTable[];
  /** Verdicts that are not a comparison row (counts); rows with a target add their own. */
  verdicts: Verdict[];
  /** Markdown lines: why a figure is what it is, especially a missed target. */
  analysis: string[];
}

export interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  os: string;
  node: string;
  java: string;
  rhino: string;
  undici: string;
}

export interface BenchReport {
  mode: 'full' | 'quick';
  startedAt: string;
  durationSeconds: number;
  command: string;
  machine: Machine;
  method: string[];
  sections: SectionReport[];
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits).replace(/^-0(\.0+)?$/, '0$1');
}

/** A value in its unit, with precision that fits its size. */
export function formatValue(value: number, unit: Unit): string {
  if (unit === 'us') {
    const abs = Math.abs(value);
    return `${fixed(value, abs < 10 ? 2 : abs < 100 ? 1 : 0)} µs`;
  }
  if (unit === 'ms') return `${fixed(value, Math.abs(value) < 10 ? 2 : 1)} ms`;
  return `${Math.round(value).toLocaleString('en-US')} calls/s`;
}

function bare(value: number, unit: Unit): string {
  return formatValue(value, unit).replace(/ (µs|ms|calls\/s)$/, '');
}

/** "123 µs (118–130)": the median over rounds and the min–max over rounds. */
export function formatSpread(spread: Spread, unit: Unit): string {
  return `${formatValue(spread.median, unit)} (${bare(spread.lo, unit)}–${bare(spread.hi, unit)})`;
}

export function formatRatio(value: number): string {
  return `${value.toFixed(2)}x`;
}

/** The comparison column: a ratio ("1.07x (1.02–1.12)") or an added amount ("+42 µs (+30–+55)"). */
export function formatResult(data: PairedFigure, unit: Unit): string {
  const r = data.result;
  if (data.kind === 'added') {
    const signed = (v: number) => (v >= 0 ? '+' : '') + bare(v, unit);
    return `${signed(r.median)} ${formatValue(r.median, unit).split(' ')[1]} (${signed(r.lo)}–${signed(r.hi)})`;
  }
  return `${formatRatio(r.median)} (${r.lo.toFixed(2)}–${r.hi.toFixed(2)})`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownTable(header: string[], rows: string[][]): string[] {
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`table row has ${row.length} cells, header ${header.length}`);
  }
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)
  ];
}

export function metText(met: boolean): string {
  return met ? 'met' : '**missed**';
}

/** Verdicts of a section: its comparison rows with a target, then its own. */
export function sectionVerdicts(section: SectionReport): Verdict[] {
  const fromRows: Verdict[] = [];
  for (const table of section.tables) {
    for (const row of table.rows) {
      if (!row.target) continue;
      fromRows.push({
        figure: `${table.caption ? table.caption + ': ' : ''}${row.figure}`,
        target: row.target.text,
        measured: formatResult(row.data, row.unit),
        met: meets(row.data.result.median, row.target)
      });
    }
  }
  return fromRows.concat(section.verdicts);
}

function renderComparison(table: ComparisonTable): string[] {
  const anyTarget = table.rows.some((r) => r.target);
  const header = ['figure', table.variantLabel, table.floorLabel, 'compared', ...(anyTarget ? ['target', 'verdict'] : [])];
  const rows = table.rows.map((row) => {
    const base = [row.figure, formatSpread(row.data.variant, row.unit), formatSpread(row.data.floor, row.unit), formatResult(row.data, row.unit)];
    if (!anyTarget) return base;
    if (!row.target) return [...base, '—', '—'];
    return [...base, row.target.text, metText(meets(row.data.result.median, row.target))];
  });
  return [...(table.caption ? [`**${table.caption}**`, ''] : []), ...markdownTable(header, rows), ''];
}

function renderSection(section: SectionReport): string[] {
  const lines = [`## ${section.id}. ${section.title}`, '', ...paragraphs(section.method), ''];
  for (const table of section.tables) lines.push(...renderComparison(table));
  for (const table of section.plain) {
    lines.push(...(table.caption ? [`**${table.caption}**`, ''] : []), ...markdownTable(table.header, table.rows), '');
  }
  const own = section.verdicts;
  if (own.length > 0) {
    lines.push(...markdownTable(['figure', 'target', 'measured', 'verdict'], own.map((v) => [v.figure, v.target, v.measured, metText(v.met)])), '');
  }
  lines.push(...paragraphs(section.analysis), '');
  return lines;
}

/** Markdown lines as paragraphs: a blank line between entries, except between consecutive list items. */
export function paragraphs(entries: string[]): string[] {
  const out: string[] = [];
  entries.forEach((entry, i) => {
    if (entry === '') return;
    const item = entry.startsWith('- ');
    const previous = entries.slice(0, i).filter((e) => e !== '').pop();
    if (out.length > 0 && !(item && previous?.startsWith('- '))) out.push('');
    out.push(entry);
  });
  return out;
}

export function renderReport(report: BenchReport): string {
  const m = report.machine;
  const verdicts = report.sections.flatMap((s) => sectionVerdicts(s).map((v) => ({ section: s.id, ...v })));
  const missed = verdicts.filter((v) => !v.met).length;
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`${report.command}\` (${report.mode} run) on ${report.startedAt}, in ${Math.round(report.durationSeconds)} s. ` +
      'Figures are medians over rounds with the min–max over rounds in brackets; every comparison was measured in the same run as its floor.',
    '',
    '## Machine',
    '',
    ...markdownTable(
      ['CPU', 'cores', 'memory', 'OS', 'Node', 'undici', 'Java', 'Rhino'],
      [[m.cpu, String(m.cores), m.memory, m.os, m.node, m.undici, m.java, m.rhino]]
    ),
    '',
    '## Targets',
    '',
    `${verdicts.length - missed} of ${verdicts.length} targets met${missed ? `, ${missed} missed (analysed in their sections)` : ''}.`,
    '',
    ...markdownTable(
      ['§', 'figure', 'target', 'measured', 'verdict'],
      verdicts.map((v) => [v.section, v.figure, v.target, v.measured, metText(v.met)])
    ),
    '',
    '## Method',
    '',
    ...paragraphs(report.method),
    ''
  ];
  for (const section of report.sections) lines.push(...renderSection(section));
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
