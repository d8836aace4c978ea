import { spawn, spawnSync } from 'node:child_process';
import { lstat, stat, unlink } from 'node:fs/promises';
import { onProcessExit } from './exit-cleanup';
import { createSocatLogReader, type SocatLogEvents } from './socat-log';

// One "USB cable": socat joins two pseudo-terminals, the box's and the kiosk's, each reachable
// through a symlink. Spawning it is plugging in; killing it is pulling the cable, so the
// kiosk's open port sees the device vanish exactly as with a real USB serial device.

export type SocatPairOptions = SocatLogEvents & {
  boxSide: string;
  kioskSide: string;
  /** socat died without `stop()` (killed by someone else, or a pty error). */
  onUnexpectedExit: (reason: string) => void;
  readyTimeoutMs?: number;
};

export type SocatPair = {
  /** Ends socat (SIGTERM, then SIGKILL) and removes the links if socat left them. */
  stop(): Promise<void>;
};

// socat addresses split on ',' and treat '!' and quotes specially: such a path would silently
// name some other file.
const unsafeInAddress = /[,!\\"']/;
const pollMs = 10;
const stopGraceMs = 2000;

// An exit hook cannot run when we are SIGKILLed, or SIGTERMed by a test runner tearing down a
// worker: setpriv (util-linux) makes the kernel send socat SIGTERM when its parent dies.
const tieToParent = ['setpriv', '--pdeathsig', 'TERM', '--'];
let tieChecked: boolean | undefined;

function canTieToParent(): boolean {
  tieChecked ??= spawnSync(tieToParent[0] ?? '', [...tieToParent.slice(1), 'true']).status === 0;
  return tieChecked;
}

export async function assertLinkPathFree(path: string): Promise<void> {
  if (unsafeInAddress.test(path)) {
    throw new Error(`cannot use ${path} as a link: socat addresses cannot hold , ! \\ " or '`);
  }
  const link = await lstat(path).catch(() => undefined);
  if (link === undefined) {
    return;
  }
  // A dangling symlink is what an earlier simulator killed with SIGKILL leaves behind.
  const target = await stat(path).catch(() => undefined);
  if (link.isSymbolicLink() && target === undefined) {
    await unlink(path);
    return;
  }
  // socat would replace any file here and delete it on exit: never hand it someone's file.
  throw new Error(`${path} already exists; choose a free path for the kiosk-side link`);
}

async function isLivePty(path: string): Promise<boolean> {
  const target = await stat(path).catch(() => undefined);
  return target?.isCharacterDevice() ?? false;
}

async function removeLinkIfLeft(path: string): Promise<void> {
  const link = await lstat(path).catch(() => undefined);
  if (link?.isSymbolicLink()) {
    await unlink(path).catch(() => undefined);
  }
}

export async function startSocatPair(options: SocatPairOptions): Promise<SocatPair> {
  const { boxSide, kioskSide } = options;
  await assertLinkPathFree(boxSide);
  await assertLinkPathFree(kioskSide);

  // wait-slave: socat keeps no fd on the kiosk's pty, so it (and we, through its -d -d log) see
  // the kiosk open it (polled every 10 ms) and close it (EIO). Without ignoreeof that EIO
  // would end socat, as if the box vanished whenever the kiosk closes its port; with it socat
  // re-reads once a second, so the kiosk's first bytes after reopening can take up to 1 s.
  const socat = [
    'socat',
    '-d',
    '-d',
    `pty,raw,echo=0,link=${boxSide}`,
    `pty,raw,echo=0,wait-slave,pty-interval=0.01,ignoreeof,link=${kioskSide}`,
  ];
  const [command = 'socat', ...args] = canTieToParent() ? [...tieToParent, ...socat] : socat;
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const forget = onProcessExit(() => child.kill('SIGTERM'));
  const log = createSocatLogReader(options);
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => log.push(chunk));

  let stopping = false;
  let exitReason: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      exitReason =
        error.code === 'ENOENT'
          ? 'socat is not installed (apt-get install socat)'
          : `cannot run socat: ${error.message}`;
      resolve();
    });
    // 'close', not 'exit': only then has socat's last error line been read from its stderr.
    child.once('close', (code, signal) => {
      exitReason ??=
        code === 127
          ? 'socat is not installed (apt-get install socat)'
          : (log.errors.at(-1) ?? `socat exited (${signal ?? `code ${String(code)}`})`);
      resolve();
    });
  });
  void exited.then(() => {
    forget();
    if (!stopping) {
      options.onUnexpectedExit(exitReason ?? 'socat exited');
    }
  });

  async function stop(): Promise<void> {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
      await exited;
      clearTimeout(killer);
    }
    await removeLinkIfLeft(boxSide);
    await removeLinkIfLeft(kioskSide);
  }

  const deadline = performance.now() + (options.readyTimeoutMs ?? 5000);
  for (;;) {
    if (exitReason !== undefined) {
      stopping = true;
      await stop();
      throw new Error(`could not plug in the virtual box: ${exitReason}`);
    }
    if ((await isLivePty(boxSide)) && (await isLivePty(kioskSide))) {
      return { stop };
    }
    if (performance.now() > deadline) {
      await stop();
      throw new Error(
        `socat did not create ${kioskSide} within ${options.readyTimeoutMs ?? 5000} ms` +
          (log.errors.length > 0 ? `: ${log.errors.join('; ')}` : ''),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
