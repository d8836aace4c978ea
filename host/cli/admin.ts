import { runAdmin } from './admin/run';

/** `npm run admin -- <command> [flags]`: see host/cli/admin/usage.ts, or run it with --help. */

// `npm run -s admin -- templates | head`: a reader that stopped reading is not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  process.exit(error.code === 'EPIPE' ? 0 : 1);
});

runAdmin(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
}).then(
  (exit) => {
    process.exitCode = exit;
  },
  (error: unknown) => {
    // A bug, not an operator fault: said plainly, with the stack for whoever fixes it.
    process.stderr.write(
      `hymy: admin failed unexpectedly\n${String(error instanceof Error ? error.stack : error)}\n`,
    );
    process.exitCode = 1;
  },
);
