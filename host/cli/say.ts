/** Plain words for the person at the console; the JSON log on the same stream is for machines. */
export function say(line: string): void {
  process.stderr.write(`hymy: ${line}\n`);
}
