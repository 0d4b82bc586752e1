// How the CLI prints: aligned text tables for people, JSON for scripts, instants in UTC to the second.
import type { Command } from 'commander';

/** A column: its heading and how to show a row's value. */
export interface Column<T> {
  heading: string;
  value(row: T): string;
}

/** Rows as an aligned table with a heading line; a line saying so when there are none. */
export function table<T>(rows: readonly T[], columns: readonly Column<T>[], none: string): string {
  if (rows.length === 0) return `${none}\n`;
  const cells = [columns.map((column) => column.heading), ...rows.map((row) => columns.map((column) => column.value(row)))];
  const widths = columns.map((_, index) => Math.max(...cells.map((line) => line[index].length)));
  return cells.map((line) => line.map((cell, index) => cell.padEnd(widths[index])).join('  ').trimEnd()).join('\n') + '\n';
}

/** An instant as `2026-12-02 01:47:32Z`; `-` for none. */
export function instant(at: Date | null): string {
  return at ? `${at.toISOString().slice(0, 19).replace('T', ' ')}Z` : '-';
}

/** Writes text to standard output. */
export function print(text: string): void {
  process.stdout.write(text);
}

/** Writes a value as indented JSON. */
export function printJson(value: unknown): void {
  print(`${JSON.stringify(value, null, 2)}\n`);
}

/** Adds `--json` to a listing command. */
export function jsonOption(command: Command): Command {
  return command.option('--json', 'print JSON instead of a table');
}
