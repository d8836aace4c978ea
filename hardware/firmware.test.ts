import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Builds and runs the button box firmware's host test (hardware/firmware/test/), so the C++
 * that runs on the box is checked by the same `vitest run` as the kiosk that talks to it.
 */
const firmware = join(dirname(fileURLToPath(import.meta.url)), 'firmware');
const sketch = join(firmware, 'hymy-box');

const hasGpp = spawnSync('g++', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasGpp) {
  // Said out loud: a skipped firmware test must not pass for a tested one.
  console.warn('firmware test skipped: g++ not installed (apt-get install g++)');
}

// Sanitizers make an out-of-bounds write or undefined behaviour fail the run instead of
// passing by luck; -fno-exceptions -fno-rtti hold the core to what the Arduino core allows.
const FLAGS = [
  '-std=c++11',
  '-Wall',
  '-Wextra',
  '-Werror',
  '-pedantic',
  '-Wshadow',
  '-fno-exceptions',
  '-fno-rtti',
  '-fsanitize=address,undefined',
  '-fno-sanitize-recover=all',
];

const COMPILE_MS = 120_000;

function run(command: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: COMPILE_MS });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('button box firmware', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hymy-firmware-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(!hasGpp)(
    'passes its protocol checks, compiled with the address and UB sanitizers',
    () => {
      const binary = join(dir, 'box_protocol_test');
      const compile = run('g++', [
        ...FLAGS,
        '-I',
        sketch,
        join(sketch, 'box_protocol.cpp'),
        join(firmware, 'test', 'box_protocol_test.cpp'),
        '-o',
        binary,
      ]);
      expect(compile.status, compile.output).toBe(0);

      const test = run(binary, []);
      expect(test.status, test.output).toBe(0);
      const summary = /^box_protocol_test: (\d+) checks passed$/m.exec(test.output);
      expect(summary, test.output).not.toBeNull();
      // A run that checked next to nothing is a broken harness, not a pass.
      expect(Number(summary?.[1])).toBeGreaterThanOrEqual(100);
    },
    COMPILE_MS,
  );

  it.skipIf(!hasGpp)(
    'keeps the core free of the heap and the C++ runtime, which a small board lacks',
    () => {
      const object = join(dir, 'box_protocol.o');
      const compile = run('g++', [
        '-std=c++11',
        '-fno-exceptions',
        '-fno-rtti',
        '-c',
        join(sketch, 'box_protocol.cpp'),
        '-o',
        object,
      ]);
      expect(compile.status, compile.output).toBe(0);

      const symbols = run('nm', ['--undefined-only', '--demangle', object]);
      expect(symbols.status, symbols.output).toBe(0);
      const forbidden =
        /\b(malloc|calloc|realloc|free|operator new|operator delete|__cxa_\w+|std::)/;
      expect(symbols.output).not.toMatch(forbidden);
    },
    COMPILE_MS,
  );
});
