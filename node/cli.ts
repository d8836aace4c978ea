/**
 * What the command-line tools of the Node rooms share (`npm start`, `kiosk:browser`,
 * `provision`, `server`, `users`): the words for the person at the console, the `--port` flag,
 * and the last word on a bug.
 */

/** Plain words for the person at the console; the JSON log on the same stream is for machines. */
export function say(line: string): void {
  process.stderr.write(`hymy: ${line}\n`);
}

/** `--port`: a whole number 0–65535 (0 picks a free port), or null. */
export function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) {
    return null;
  }
  const port = Number(text);
  return port <= 65_535 ? port : null;
}

/**
 * The last word of a command's `main().catch(…)`: what reaches it is a bug, not an operator's
 * fault, so it is said plainly with the stack for whoever fixes it, and the command exits 1.
 */
export function failedUnexpectedly(command: string): (error: unknown) => never {
  return (error) => {
    process.stderr.write(
      `hymy: ${command} failed unexpectedly\n${String(error instanceof Error ? error.stack : error)}\n`,
    );
    process.exit(1);
  };
}
