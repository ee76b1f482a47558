// Plain-text table with aligned columns for the start demo (Node): no dependency, no colours.

export interface Column {
  header: string;
  /** Right-align (numbers). */
  right?: boolean;
}

/** Rows of cells under their headers, columns two spaces apart, trailing spaces trimmed. */
export function textTable(columns: Column[], rows: string[][], indent = '  '): string[] {
  const widths = columns.map((column, i) => Math.max(column.header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    (indent + cells.map((cell, i) => (columns[i].right ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ')).trimEnd();
  return [line(columns.map((column) => column.header)), ...rows.map((row) => line(columns.map((_, i) => row[i] ?? '')))];
}
