import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * One line of bench-results/latest.json `rows`, keyed by `measure`. `value` is the figure of the
 * service's own path; `baseline` what it is compared with, measured in the same run; `ratio` is
 * value ÷ baseline. History rows compare with a fixed `target` instead.
 */
export interface BenchRow {
  measure: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  size: string | null;
  target: number | null;
  ratioToTarget: number | null;
}

/** What one measure contributes: its rows, the lines it prints, its raw figures for the JSON. */
export interface MeasureReport {
  /** short id, also the key of its raw figures under `details` */
  id: string;
  /** the row printed in the table of ratios (also first in `rows`) */
  headline: { label: string; ratio: number | null; value: string; baseline: string; size: string; target: Target };
  rows: BenchRow[];
  /** absolute figures, one line each */
  lines: string[];
  details: unknown;
}

/** What a ratio should be: at least (≥) or at most (≤) `value`. */
export interface Target {
  op: '≥' | '≤';
  value: number;
}
export const target = (op: Target['op'], value: number): Target => ({ op, value });

/** Whether a ratio meets its target ('—' when there is no ratio). */
export function verdict(ratio: number | null, t: Target): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  return (t.op === '≥' ? ratio >= t.value : ratio <= t.value) ? 'met' : 'SHORT';
}

export type NumberedReport = MeasureReport & { n: number };

export const row = (r: Partial<BenchRow> & Pick<BenchRow, 'measure' | 'value' | 'unit'>): BenchRow => {
  const baseline = r.baseline ?? null;
  const target = r.target ?? null;
  return {
    measure: r.measure,
    value: round(r.value),
    unit: r.unit,
    baseline: baseline === null ? null : round(baseline),
    ratio: r.ratio !== undefined ? r.ratio : baseline ? round(r.value / baseline) : null,
    size: r.size ?? null,
    target,
    ratioToTarget: target ? round(r.value / target) : null,
  };
};

function round(n: number): number {
  return Math.abs(n) >= 100 ? Math.round(n) : +n.toPrecision(3);
}

/** The table of ratios, then the absolute figures. */
export function printReport(machine: string, parameters: string[], reports: NumberedReport[]): void {
  console.log('');
  console.log(`machine:    ${machine}`);
  console.log(`parameters: ${parameters.join('  ')}`);
  console.log('');
  const header = ['#', 'measure', 'ratio', 'target', '', 'station path', 'baseline', 'size'];
  const lines = reports.map((r) => [
    String(r.n),
    r.headline.label,
    r.headline.ratio === null ? '—' : r.headline.ratio.toFixed(r.headline.ratio < 10 ? 2 : 1),
    `${r.headline.target.op} ${r.headline.target.value}`,
    verdict(r.headline.ratio, r.headline.target),
    r.headline.value,
    r.headline.baseline,
    r.headline.size,
  ]);
  const widths = header.map((h, c) => Math.max(width(h), ...lines.map((l) => width(l[c]))));
  const format = (cells: string[]) =>
    cells.map((cell, c) => (c === 2 ? ' '.repeat(widths[c] - width(cell)) + cell : cell + ' '.repeat(widths[c] - width(cell)))).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(format(l));
  console.log('');
  console.log('absolute figures:');
  for (const r of reports) r.lines.forEach((l) => console.log(`  ${r.n}. ${l}`));
  console.log('');
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/**
 * Writes bench-results/latest.json, merged with what is there: other benches' top-level keys and
 * rows stay; rows and `details` entries of the measures run now replace their earlier values.
 */
export function writeResults(
  file: string,
  run: { at: string; machine: string; parameters: Record<string, string | number>; durationSeconds: number },
  reports: MeasureReport[],
): void {
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // none yet, or unreadable: start afresh
  }
  const fresh = new Map(reports.flatMap((r) => r.rows).map((r) => [r.measure, r]));
  const earlier = Array.isArray(existing.rows) ? (existing.rows as { measure?: string }[]) : [];
  // In place where a row was already, new ones at the end.
  const rows = [
    ...earlier.map((r) => fresh.get(r.measure ?? '') ?? r),
    ...[...fresh.values()].filter((r) => !earlier.some((e) => e.measure === r.measure)),
  ];
  const details = {
    ...((existing.details as Record<string, unknown> | undefined) ?? {}),
    ...Object.fromEntries(reports.map((r) => [r.id, r.details])),
  };
  const out = { ...existing, ...run, rows, details };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
}
