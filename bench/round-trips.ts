import { percentile } from './machine';

/**
 * A request timed as the benches time round trips over loopback: once to warm up (its answer
 * kept, to describe the request), then `runs` times, p50 and p95 to a tenth of a millisecond.
 */
export async function roundTrips<T extends { ms: number }>(
  ask: () => Promise<T>,
  runs: number,
): Promise<{ first: T; p50Ms: number; p95Ms: number }> {
  const first = await ask();
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    times.push((await ask()).ms);
  }
  return {
    first,
    p50Ms: Math.round(percentile(times, 50) * 10) / 10,
    p95Ms: Math.round(percentile(times, 95) * 10) / 10,
  };
}
