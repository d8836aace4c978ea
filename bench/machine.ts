import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** One line that says what machine a benchmark ran on, for the README's table. */
export function describeMachine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memGiB = Math.round(os.totalmem() / 2 ** 30);
  let chromium = 'Chromium ?';
  try {
    chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    // Reported as unknown; the benchmark itself fails later with a clear message.
  }
  return `${cpu}, ${os.cpus().length} cores, ${memGiB} GiB, ${os.platform()} ${os.release()}, Node ${process.version}, ${chromium}`;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
