import { createInterface } from 'node:readline';
import { parseCliArgs, usage } from './cli-args';
import { startVirtualBox, type VirtualBox } from './virtual-box';

// `npm run buttonbox:sim`: a virtual box a person (or a shell script) drives from the keyboard.
// stdout carries exactly one line, `buttonbox ready <path>`, so scripts can read the path;
// everything meant for people goes to stderr.

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeLine(box: VirtualBox, line: string): string | undefined {
  if (box.protocol === 'char') {
    return `kiosk sent "${line}" (a legacy box ignores it)`;
  }
  if (line === '?') {
    return 'kiosk asked who we are (?)';
  }
  // PINGs come every 5 s and L lines are reported as "lit": no news in either.
  if (line === 'PING' || line.startsWith('L ')) {
    return undefined;
  }
  return `kiosk sent unknown line "${line}"`;
}

function drive(box: VirtualBox): void {
  let quitting: Promise<void> | undefined;
  let queue: Promise<void> = Promise.resolve();

  function quit(): Promise<void> {
    quitting ??= (async () => {
      if (process.stdin.isTTY) {
        process.stdin.setRawMode(false);
      }
      await box.close();
      say('bye');
      process.exit(0);
    })();
    return quitting;
  }

  async function handleKey(key: string): Promise<void> {
    if (/^[1-9]$/.test(key)) {
      const button = Number(key);
      if (button > box.buttons) {
        say(`this box has buttons 1–${box.buttons}`);
      } else if (!box.plugged) {
        say('unplugged: press p to plug back in');
      } else {
        await box.press(button);
        say(`pressed ${button}${box.kioskConnected ? '' : ' (no kiosk has the port open: lost)'}`);
      }
      return;
    }
    switch (key) {
      case 'u':
        await box.unplug();
        say('unplugged');
        return;
      case 'p':
        await box.plug();
        say(`plugged in at ${box.path}`);
        return;
      case 'q':
      case '\u0003': // Ctrl-C in raw mode arrives as a key, not as SIGINT.
      case '\u0004':
        await quit();
        return;
      case '\r':
      case '\n':
      case ' ':
      case '\t':
        return;
      default:
        say(`unknown key ${JSON.stringify(key)}: 1–${box.buttons} press, u unplug, p plug, q quit`);
    }
  }

  // Keys run one at a time, in order: a press typed after `u` must see the box unplugged.
  function enqueue(step: () => Promise<void>): void {
    queue = queue.then(async () => {
      if (quitting !== undefined) {
        return;
      }
      await step().catch((error: unknown) => say(messageOf(error)));
    });
  }

  process.on('SIGINT', () => void quit());
  process.on('SIGTERM', () => void quit());
  process.on('SIGHUP', () => void quit());

  if (process.stdin.isTTY) {
    process.stdin.setRawMode(true);
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      for (const key of chunk) {
        enqueue(() => handleKey(key));
      }
    });
  } else {
    const lines = createInterface({ input: process.stdin });
    lines.on('line', (line) => {
      for (const key of line) {
        enqueue(() => handleKey(key));
      }
    });
    // End of a script's input ends the box, after the commands already read.
    lines.on('close', () => enqueue(quit));
  }
}

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(usage);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`buttonbox: ${parsed.message}\nTry --help.\n`);
    process.exitCode = 2;
    return;
  }
  const { protocol, buttons, path } = parsed.options;
  let box: VirtualBox;
  try {
    box = await startVirtualBox({ protocol, buttons, linkPath: path });
  } catch (error) {
    process.stderr.write(`buttonbox: ${messageOf(error)}\n`);
    process.exitCode = 1;
    return;
  }
  box.onKioskOpen(() => say('kiosk opened the port'));
  box.onKioskClose(() => say('kiosk closed the port'));
  box.onAck((ack) => say(`lit ${ack.button} for ${ack.ms} ms`));
  box.onLine((line) => {
    const text = describeLine(box, line);
    if (text !== undefined) {
      say(text);
    }
  });
  box.onDisconnect((reason) => say(`cable lost (${reason}); press p to plug back in`));
  process.stdout.write(`buttonbox ready ${box.path}\n`);
  say(`${protocol} box with ${buttons} buttons: 1–${buttons} press, u unplug, p plug back, q quit`);
  drive(box);
}

main().catch((error: unknown) => {
  // socat is ended by the exit hook of the simulator.
  process.stderr.write(`buttonbox: ${messageOf(error)}\n`);
  process.exit(1);
});
