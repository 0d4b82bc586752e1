// The bench's output: one row per measure (the figure — median and worst round —, the goal,
// pass/fail), printed as a table and written with its details to bench/results.json.
import { writeFile } from 'node:fs/promises';

/** One measure's result. */
export interface ResultRow {
  id: string;
  measure: string;
  /** The figure as printed, e.g. "0.52 (worst 0.49)". */
  figure: string;
  median: number;
  worst: number;
  goal: string;
  pass: boolean;
  /** Everything behind the figure: per-round values, variants, interpretations. */
  details: Record<string, unknown>;
}

/** Formats a number with `digits` decimals. */
export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

/** The table as printed (and pasted into the README). */
export function formatTable(rows: readonly ResultRow[]): string {
  const header = ['id', 'measure', 'figure (median, worst round)', 'goal', 'result'];
  const lines = rows.map((row) => [row.id, row.measure, row.figure, row.goal, row.pass ? 'pass' : 'FAIL']);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const render = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [render(header), render(widths.map((width) => '-'.repeat(width))), ...lines.map(render)].join('\n');
}

/** Writes the results file. */
export async function writeResults(file: string, run: Record<string, unknown>, rows: readonly ResultRow[]): Promise<void> {
  await writeFile(file, `${JSON.stringify({ ...run, results: rows }, null, 2)}\n`);
}
