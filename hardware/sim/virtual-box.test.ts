import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStandInKiosk, type StandInKiosk } from './stand-in-kiosk';
import { startVirtualBox, type VirtualBox, type VirtualBoxOptions } from './virtual-box';

const hasSocat = spawnSync('socat', ['-V']).status === 0;
if (!hasSocat) {
  process.stderr.write(
    'virtual button box tests skipped: socat not installed (apt-get install socat)\n',
  );
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

function socatRunningFor(path: string): boolean {
  return spawnSync('pgrep', ['-f', path]).status === 0;
}

/**
 * How the kiosk's port learnt that the box vanished. serialport misses a hang-up that lands
 * while a read is in flight (it loops on zero-byte reads, serialport/bindings-cpp#162); the
 * next write then fails with EIO, which is how the kiosk's PING finds out.
 */
async function noticeVanishedBox(
  kiosk: StandInKiosk,
): Promise<{ closedAlone: boolean; error: Error | null }> {
  const closedAlone = await Promise.race([
    kiosk.closed.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000)),
  ]);
  if (!closedAlone) {
    // The pty is gone: the write fails with EIO, or (the port closed by itself just after
    // the wait above, on a busy machine) as closed. Either way the kiosk has noticed.
    await expect(kiosk.write('PING\n')).rejects.toThrow(/EIO|closed|not open/);
  }
  // A port closed after a failed write closes without serialport's disconnect error (seen in
  // some runs, 1.1 s in): only a port that closed by itself is sure to carry it.
  return { closedAlone, error: await kiosk.closed };
}

/** A box and a stand-in kiosk on its port, both closed whatever the test does. */
async function withKiosk(
  options: VirtualBoxOptions,
  test: (box: VirtualBox, kiosk: StandInKiosk) => Promise<void>,
): Promise<void> {
  const box = await startVirtualBox(options);
  let kiosk: StandInKiosk | undefined;
  try {
    kiosk = await openStandInKiosk(box.path);
    await test(box, kiosk);
  } finally {
    await kiosk?.close();
    await box.close();
  }
}

describe.skipIf(!hasSocat)('virtual button box', { timeout: 20_000 }, () => {
  it('says HELLO when the kiosk opens its port, and again when asked', async () => {
    await withKiosk({ protocol: 'line' }, async (box, kiosk) => {
      expect(await kiosk.nextLine()).toBe('HELLO HYMY-SIM 1.0.0 4');
      expect(box.kioskConnected).toBe(true);
      await kiosk.write('?\n');
      expect(await kiosk.nextLine()).toBe('HELLO HYMY-SIM 1.0.0 4');
    });
    await withKiosk(
      { protocol: 'line', model: 'HYMY-BOX', firmware: '1.2.0', buttons: 5 },
      async (_box, kiosk) => {
        expect(await kiosk.nextLine()).toBe('HELLO HYMY-BOX 1.2.0 5');
      },
    );
  });

  it('answers PING with PONG, and stays silent once pings are switched off', async () => {
    await withKiosk({ protocol: 'line' }, async (box, kiosk) => {
      await kiosk.nextLine();
      await kiosk.write('PING\r\n');
      expect(await kiosk.nextLine()).toBe('PONG');
      box.setAnswerPings(false);
      // The box answers in order: HELLO for the `?` proves the PING got no PONG.
      await kiosk.write('PING\n?\n');
      expect(await kiosk.nextLine()).toBe('HELLO HYMY-SIM 1.0.0 4');
      expect(box.received).toEqual(['PING', 'PING', '?']);
    });
  });

  it('sends a press as P, then R shortly after', async () => {
    await withKiosk({ protocol: 'line' }, async (box, kiosk) => {
      await kiosk.nextLine();
      await box.press(3);
      expect(await kiosk.nextLine()).toBe('P 3');
      expect(await kiosk.nextLine()).toBe('R 3');
      await expect(box.press(5)).rejects.toThrow('buttons 1–4');
    });
  });

  it('records an L from the kiosk as an ack with its button, duration and time', async () => {
    await withKiosk({ protocol: 'line' }, async (box, kiosk) => {
      await kiosk.nextLine();
      const heard: number[] = [];
      box.onAck((ack) => heard.push(ack.button));
      const before = performance.now();
      await kiosk.write('L 2 500\n');
      await box.waitForAcks(1, 3000);
      expect(box.acks).toEqual([{ button: 2, ms: 500, at: expect.any(Number) as number }]);
      expect(box.acks[0]?.at).toBeGreaterThanOrEqual(before);
      expect(heard).toEqual([2]);

      await kiosk.write(`L 9 500\nHELLO?\n${'x'.repeat(80)}\nL 1 100\r\n`);
      expect(await kiosk.nextLine()).toBe('ERR bad light command');
      expect(await kiosk.nextLine()).toBe('ERR unknown command');
      expect(await kiosk.nextLine()).toBe('ERR line too long');
      await box.waitForAcks(2, 3000);
      expect(box.acks.map((ack) => ack.button)).toEqual([2, 1]);
      await expect(box.waitForAcks(3, 100)).rejects.toThrow('expected 3 acks');
      await expect(box.waitForAcks(3, 100)).rejects.toThrow('2 arrived');
    });
  });

  it('unplugging closes the kiosk port and removes the path; plugging back restores it', async () => {
    await withKiosk({ protocol: 'line' }, async (box, kiosk) => {
      await kiosk.nextLine();
      await box.unplug();
      const noticed = await noticeVanishedBox(kiosk);
      if (noticed.closedAlone) {
        expect(noticed.error).toHaveProperty('disconnected', true);
      }
      expect(kiosk.port.isOpen).toBe(false);
      expect(existsSync(box.path)).toBe(false);
      expect(box.plugged).toBe(false);
      await expect(box.press(1)).rejects.toThrow('unplugged');

      await box.plug();
      expect(box.plugged).toBe(true);
      const again = await openStandInKiosk(box.path);
      try {
        expect(await again.nextLine()).toBe('HELLO HYMY-SIM 1.0.0 4');
        await box.press(1);
        expect(await again.nextLine()).toBe('P 1');
      } finally {
        await again.close();
      }
    });
  });

  it('stays plugged in while the kiosk closes and reopens its port', async () => {
    await withKiosk({ protocol: 'line', kioskWaitMs: 5000 }, async (box, kiosk) => {
      await kiosk.nextLine();
      const noticed = new Promise<void>((resolve) => box.onKioskClose(resolve));
      await kiosk.close();
      await noticed;
      expect(box.kioskConnected).toBe(false);
      expect(box.plugged).toBe(true);
      // Pressed while nobody listens: sent at once, not held until the kiosk is back.
      const before = performance.now();
      await box.press(2);
      expect(performance.now() - before).toBeLessThan(1000);
      const again = await openStandInKiosk(box.path);
      try {
        await again.write('?\n');
        // socat polls a reopened port once a second: the `?` may take that long to arrive.
        let line = await again.nextLine(4000);
        while (line !== 'HELLO HYMY-SIM 1.0.0 4') {
          line = await again.nextLine(4000);
        }
        expect(box.kioskConnected).toBe(true);
        await box.press(4);
        expect(await again.nextLine()).toBe('P 4');
      } finally {
        await again.close();
      }
    });
  });

  it('as a legacy box sends a bare digit per press and answers nothing', async () => {
    await withKiosk({ protocol: 'char' }, async (box, kiosk) => {
      await box.waitForKiosk(3000);
      const heardQuestion = new Promise<void>((resolve) => {
        box.onLine((line) => (line === '?' ? resolve() : undefined));
      });
      await kiosk.write('?\n');
      await heardQuestion;
      await box.press(2);
      await box.press(3);
      // Had the box answered the `?`, its answer would come before the digits.
      expect(await kiosk.waitForText(2)).toBe('23');
      expect(box.received).toEqual(['?']);
      expect(box.bytesReceived).toBe(2);
    });
  });

  it('fails a press clearly when no kiosk opens the port', async () => {
    const box = await startVirtualBox({ protocol: 'line', kioskWaitMs: 100 });
    try {
      await expect(box.press(1)).rejects.toThrow(`no kiosk opened ${box.path} within 100 ms`);
    } finally {
      await box.close();
    }
  });

  it('close leaves no socat, link or temp dir behind, and can be called twice', async () => {
    const box = await startVirtualBox({ protocol: 'line' });
    expect(socatRunningFor(box.path)).toBe(true);
    await box.close();
    await box.close();
    expect(socatRunningFor(box.path)).toBe(false);
    expect(existsSync(box.path)).toBe(false);
    expect(existsSync(dirname(box.path))).toBe(false);
    await expect(box.plug()).rejects.toThrow('closed');
  });

  it('never puts its link over an existing file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hymy-box-test-'));
    try {
      const taken = join(dir, 'taken');
      await writeFile(taken, 'keep me');
      await expect(startVirtualBox({ protocol: 'line', linkPath: taken })).rejects.toThrow(
        'already exists',
      );
      expect(await readFile(taken, 'utf8')).toBe('keep me');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs as a CLI: prints its path, presses on a key, and exits cleanly at end of input', async () => {
    const cli = spawn(
      process.execPath,
      ['--import', 'tsx', 'hardware/sim/cli.ts', '--protocol', 'line', '--buttons', '4'],
      { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    cli.stderr.setEncoding('utf8');
    cli.stderr.on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => cli.once('exit', resolve));
    let kiosk: StandInKiosk | undefined;
    try {
      const ready = await new Promise<string>((resolve, reject) => {
        createInterface({ input: cli.stdout }).once('line', resolve);
        void exited.then(() => reject(new Error(`the CLI exited early: ${stderr}`)));
      });
      const path = /^buttonbox ready (\/\S+)$/.exec(ready)?.[1] ?? '';
      expect(path).not.toBe('');
      kiosk = await openStandInKiosk(path);
      expect(await kiosk.nextLine()).toBe('HELLO HYMY-SIM 1.0.0 4');
      cli.stdin.write('1\n');
      expect(await kiosk.nextLine()).toBe('P 1');
      cli.stdin.end();
      expect(await exited).toBe(0);
      await noticeVanishedBox(kiosk);
      expect(socatRunningFor(path)).toBe(false);
      expect(existsSync(path)).toBe(false);
      expect(stderr).toContain('pressed 1');
    } finally {
      cli.kill();
      await kiosk?.close();
    }
  });

  it('refuses a box without buttons, with exit code 2', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'hardware/sim/cli.ts', '--buttons', '0'],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--buttons is a number from 1 to 9');
    expect(result.stdout).toBe('');
  });
});
