import { parseArgs } from 'node:util';
import { startCentralServer } from '../server';

/**
 * The reference server in a process of its own for the store bench (so its memory is its own):
 * server/cli.ts with the rate limits lifted, since the bench enrolls hundreds of terminals and
 * asks for reports far faster than the defaults allow a single address.
 * `node --import tsx bench/store-server.ts --data-dir D [--database URL]`, admin token from
 * HYMY_ADMIN_TOKEN; prints `central api ready <url>` and stops on SIGTERM.
 */

const UNLIMITED = { max: 1_000_000_000, windowMs: 60_000 };

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, database: { type: 'string' } },
});
const dataDir = values['data-dir'];
if (dataDir === undefined) {
  throw new Error('--data-dir is required');
}
const server = await startCentralServer({
  dataDir,
  databaseUrl: values.database,
  port: 0,
  rateLimits: { enroll: UNLIMITED, terminal: UNLIMITED, admin: UNLIMITED },
});
process.stdout.write(`central api ready ${server.url}\n`);
const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
