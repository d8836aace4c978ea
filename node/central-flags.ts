/**
 * The flags Node runs the central server with (`npm run server`, `npm start`'s embedded server,
 * the bench's server). An upload of 500 answers makes some megabytes of short-lived objects
 * (the parsed body, the validated answers, the statements' values); with V8's default 16 MiB
 * semi-spaces they filled the young generation several times a second. 32 MiB halved the
 * server's garbage-collection time in a profiled ingestion run (860 → 480 ms for 336,000
 * answers); a flag V8 reads only at start, so it cannot be set from inside the process.
 */
export const CENTRAL_NODE_FLAGS = ['--max-semi-space-size=32'] as const;
