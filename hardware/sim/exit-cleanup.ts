// Last-resort cleanup when a process exits without closing its virtual boxes (a test that
// threw, a CLI killed by a signal we did not catch): no socat may outlive us. Only synchronous
// work can run in an 'exit' handler, so each cleanup is a plain function.

type Cleanup = () => void;

const cleanups = new Set<Cleanup>();
let hooked = false;

function runAll(): void {
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // Exiting anyway; one failed cleanup must not stop the others.
    }
  }
  cleanups.clear();
}

/** Runs `cleanup` when the process exits; call the returned function once it is done anyway. */
export function onProcessExit(cleanup: Cleanup): () => void {
  if (!hooked) {
    hooked = true;
    process.on('exit', runAll);
  }
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}
