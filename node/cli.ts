/**
 * What the command-line tools of the Node rooms share (`npm start`, `kiosk:browser`,
 * `provision`, `server`): the words for the person at the console and the `--port` flag.
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
