import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The scripts that turn a Debian 12 or Raspberry Pi OS machine into a kiosk. They change a
 * whole system, so here they run only as `--dry-run` (the printed plan) or up to a refusal, with
 * the OS and root checks pointed at fixtures; the unit files are read and, where systemd is
 * installed, verified by `systemd-analyze`. Nothing here has run on a Raspberry Pi.
 */

const LINUX = path.join(import.meta.dirname, 'linux');
const INSTALL = path.join(LINUX, 'install-kiosk.sh');
const UNINSTALL = path.join(LINUX, 'uninstall-kiosk.sh');
const COMMON = path.join(LINUX, 'kiosk-common.sh');
const SCRIPTS = [INSTALL, UNINSTALL, COMMON];

function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

const HAS_SHELLCHECK = has('shellcheck');
const HAS_DPKG_DEB = has('dpkg-deb') && has('dpkg');
const HAS_SYSTEMD_ANALYZE = has('systemd-analyze');
if (!HAS_SHELLCHECK) {
  console.warn('kiosk scripts: shellcheck part skipped: shellcheck not installed');
}
if (!HAS_DPKG_DEB) {
  console.warn('kiosk scripts: dry runs skipped: dpkg-deb not installed (not a Debian machine)');
}
if (!HAS_SYSTEMD_ANALYZE) {
  console.warn('kiosk unit: systemd-analyze verify skipped: systemd-analyze not installed');
}

type Run = { status: number | null; stdout: string; stderr: string };

let dir = '';
let deb = '';
let otherArchDeb = '';
let notHymyDeb = '';
let machineArch = '';
const osRelease: Record<string, string> = {};

function runScript(script: string, args: string[], env: Record<string, string> = {}): Run {
  // Nothing but the test hooks and PATH: a HYMY_BIN from the caller's shell must not leak in.
  const result = spawnSync('bash', [script, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A dry run as root on the given OS fixture: the only way these tests run the installer. */
function dryRunInstall(os: string, env: Record<string, string> = {}, debPath = deb): Run {
  return runScript(INSTALL, ['--dry-run', debPath], {
    HYMY_KIOSK_EUID: '0',
    HYMY_KIOSK_OS_RELEASE: osRelease[os] ?? '',
    HYMY_KIOSK_PI_CMDLINE: path.join(dir, 'no-such-cmdline.txt'),
    HYMY_KIOSK_GRUB_DEFAULT: path.join(dir, 'no-such-grub'),
    ...env,
  });
}

function buildDeb(name: string, pkg: string, arch: string): string {
  const root = path.join(dir, `${name}-root`);
  mkdirSync(path.join(root, 'DEBIAN'), { recursive: true });
  writeFileSync(
    path.join(root, 'DEBIAN/control'),
    `Package: ${pkg}\nVersion: 1.2.0\nArchitecture: ${arch}\nMaintainer: Test <t@example.org>\nDescription: fixture\n`,
  );
  const out = path.join(dir, `${name}.deb`);
  const built = spawnSync('dpkg-deb', ['--build', '--root-owner-group', root, out]);
  expect(built.status).toBe(0);
  return out;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hymy-kiosk-'));
  const fixtures: Record<string, string> = {
    raspios:
      'PRETTY_NAME="Raspbian GNU/Linux 12 (bookworm)"\nID=raspbian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n',
    debian12:
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n',
    debian11:
      'PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\nID=debian\nVERSION_ID="11"\nVERSION_CODENAME=bullseye\n',
    ubuntu:
      'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\nVERSION_CODENAME=noble\n',
  };
  for (const [name, text] of Object.entries(fixtures)) {
    osRelease[name] = path.join(dir, `os-release.${name}`);
    writeFileSync(osRelease[name], text);
  }
  if (HAS_DPKG_DEB) {
    machineArch = spawnSync('dpkg', ['--print-architecture'], { encoding: 'utf8' }).stdout.trim();
    deb = buildDeb('hymy', 'hymy', machineArch);
    otherArchDeb = buildDeb('hymy-other', 'hymy', machineArch === 'arm64' ? 'amd64' : 'arm64');
    notHymyDeb = buildDeb('other', 'something-else', machineArch);
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the kiosk scripts, statically', () => {
  it.each(SCRIPTS)('%s parses as bash', (script) => {
    const result = spawnSync('bash', ['-n', script], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('the install and uninstall scripts stop at the first error', () => {
    for (const script of [INSTALL, UNINSTALL]) {
      expect(readFileSync(script, 'utf8')).toMatch(/^set -euo pipefail$/m);
    }
  });

  it.skipIf(!HAS_SHELLCHECK)('shellcheck finds nothing in them', () => {
    const result = spawnSync('shellcheck', ['--external-sources', ...SCRIPTS], {
      encoding: 'utf8',
      cwd: LINUX,
    });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});

function unitSection(unit: string, section: string): string[] {
  const start = unit.indexOf(`[${section}]`);
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = unit.slice(start + section.length + 2);
  const end = rest.search(/^\[/m);
  return (end === -1 ? rest : rest.slice(0, end))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

describe('the kiosk service', () => {
  const unit = readFileSync(path.join(LINUX, 'hymy-kiosk.service'), 'utf8');

  it('runs cage with the app on the data dir, as hymy, on tty1', () => {
    const service = unitSection(unit, 'Service');
    expect(service).toContain('User=hymy');
    expect(service).toContain('TTYPath=/dev/tty1');
    expect(service).toContain('PAMName=hymy-kiosk');
    expect(service).toContain('StateDirectoryMode=0700');
    const execStart = service.find((line) => line.startsWith('ExecStart='));
    expect(execStart).toMatch(
      /^ExecStart=\/usr\/bin\/cage .*-- \$\{HYMY_BIN\} --data-dir \/var\/lib\/hymy/,
    );
    expect(service).toContain('Environment=HYMY_BIN=/usr/bin/hymy');
  });

  it('comes back whenever it ends, and never gives up', () => {
    expect(unitSection(unit, 'Service')).toContain('Restart=always');
    expect(unitSection(unit, 'Service').some((line) => /^RestartSec=\d+s?$/.test(line))).toBe(true);
    expect(unitSection(unit, 'Unit')).toContain('StartLimitIntervalSec=0');
  });

  it('takes tty1 from the login prompt and starts at boot', () => {
    expect(unitSection(unit, 'Unit')).toContain('Conflicts=getty@tty1.service');
    expect(unitSection(unit, 'Install')).toContain('WantedBy=multi-user.target');
  });

  it('opens a logind session through a PAM file that lets no one authenticate', () => {
    const pam = readFileSync(path.join(LINUX, 'hymy-kiosk.pam'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) => line.split(/\s+/).join(' '));
    expect(pam).toContain('auth required pam_deny.so');
    expect(pam.at(-1)).toBe('session required pam_systemd.so');
  });

  it.skipIf(!HAS_SYSTEMD_ANALYZE)(
    'systemd-analyze finds nothing wrong but the binaries this machine lacks',
    () => {
      const result = spawnSync(
        'systemd-analyze',
        ['verify', '--man=no', path.join(LINUX, 'hymy-kiosk.service')],
        { encoding: 'utf8' },
      );
      const complaints = `${result.stdout}${result.stderr}`
        .split('\n')
        .filter((line) => line.trim() !== '')
        .filter((line) => !/Command \/usr\/bin\/cage is not executable/.test(line));
      expect(complaints).toEqual([]);
    },
  );
});

function planLines(run: Run): string[] {
  return run.stdout.split('\n');
}

describe.skipIf(!HAS_DPKG_DEB)('the installer, as a dry run', () => {
  it('on Raspberry Pi OS prints the whole plan and changes nothing', () => {
    const cmdline = path.join(dir, 'cmdline.txt');
    const original = 'console=serial0,115200 console=tty1 root=PARTUUID=abc rootwait\n';
    writeFileSync(cmdline, original);
    const unitExisted = existsSync('/etc/systemd/system/hymy-kiosk.service');

    const run = dryRunInstall('raspios', { HYMY_KIOSK_PI_CMDLINE: cmdline });

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const plan = run.stdout;
    expect(plan).toMatch(/would run: .*apt-get install -y .*cage/);
    expect(plan).toContain(
      `would run: env DEBIAN_FRONTEND=noninteractive apt-get install -y ${deb}`,
    );
    expect(plan).toMatch(
      /useradd --system .*--shell \/usr\/sbin\/nologin .* hymy|user hymy exists/,
    );
    expect(plan).toContain('would run: passwd --lock hymy');
    expect(plan).toMatch(/would run: usermod --append --groups \S*dialout\S* hymy/);
    expect(plan).toContain('would run: install -d -o hymy -g hymy -m 0700 /var/lib/hymy');
    expect(plan).toMatch(
      /would run: install -m 0644 -o root -g root \S+\/99-hymy-button-box.rules \/etc\/udev\/rules.d\/99-hymy-button-box.rules/,
    );
    expect(plan).toContain('would run: udevadm control --reload-rules');
    expect(plan).toMatch(/hymy-kiosk.service \/etc\/systemd\/system\/hymy-kiosk.service/);
    expect(plan).toMatch(/hymy-kiosk.pam \/etc\/pam.d\/hymy-kiosk/);
    expect(plan).toContain('would run: systemctl mask getty@tty1.service');
    expect(plan).toContain('would run: systemctl enable hymy-kiosk.service');
    expect(plan).toContain(`would run: sed -i '1 s/[[:space:]]*$/ consoleblank=0/' ${cmdline}`);
    expect(plan).toContain('raspi-config');
    expect(plan).toContain('| kernel.sysrq = 0');
    expect(plan).toContain('Dry run finished: nothing was changed.');

    // Nothing ran: no line of a real run, the boot file untouched, no unit installed.
    expect(planLines(run).filter((line) => line.startsWith('  + '))).toEqual([]);
    expect(readFileSync(cmdline, 'utf8')).toBe(original);
    expect(existsSync('/etc/systemd/system/hymy-kiosk.service')).toBe(unitExisted);
  });

  it('on Debian 12 turns blanking off through GRUB, once', () => {
    const grub = path.join(dir, 'grub');
    writeFileSync(grub, 'GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT="quiet"\n');
    const run = dryRunInstall('debian12', { HYMY_KIOSK_GRUB_DEFAULT: grub });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/would run: sed -i -E .*consoleblank=0.* \S+\/grub/);
    expect(run.stdout).toContain('would run: update-grub');

    writeFileSync(grub, 'GRUB_CMDLINE_LINUX_DEFAULT="quiet consoleblank=0"\n');
    const again = dryRunInstall('debian12', { HYMY_KIOSK_GRUB_DEFAULT: grub });
    expect(again.stdout).toContain(`${grub} has consoleblank=0`);
    expect(again.stdout).not.toContain('update-grub');
    // Two runs of the installer script: over 5 s on a busy two-core machine.
  }, 30_000);

  it('writes the binary path a technician gives into the kiosk settings', () => {
    const run = dryRunInstall('debian12', { HYMY_BIN: '/opt/Hymy/hymy' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('would write /etc/default/hymy-kiosk');
    expect(run.stdout).toContain('| HYMY_BIN=/opt/Hymy/hymy');
  });
});

describe.skipIf(!HAS_DPKG_DEB)('the installer refuses', () => {
  it('to run without root, before touching anything', () => {
    // The one run without --dry-run: the root check stops it first.
    for (const args of [[deb], ['--dry-run', deb]]) {
      const run = runScript(INSTALL, args, {
        HYMY_KIOSK_EUID: '1000',
        HYMY_KIOSK_OS_RELEASE: osRelease.debian12 ?? '',
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('must run as root');
      expect(run.stdout).not.toMatch(/would run|^ {2}\+ /m);
    }
  });

  it.each([
    ['debian11', 'Debian GNU/Linux 11 (bullseye)'],
    ['ubuntu', 'Ubuntu 24.04.1 LTS'],
  ])('on %s, naming the system and what is supported', (os, name) => {
    const run = dryRunInstall(os);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`unsupported system '${name}'`);
    expect(run.stderr).toContain('Debian 12 and Raspberry Pi OS Bookworm');
    expect(run.stdout).not.toContain('would run');
  });

  it('a .deb for another architecture, naming the one to copy', () => {
    const run = dryRunInstall('raspios', {}, otherArchDeb);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`this machine is ${machineArch}`);
    expect(run.stderr).toContain(`hymy_1.2.0_${machineArch}.deb`);
  });

  it('a package that is not Hymy, and a missing one', () => {
    expect(dryRunInstall('raspios', {}, notHymyDeb).stderr).toContain(
      "is the package 'something-else', not hymy",
    );
    const missing = dryRunInstall('raspios', {}, path.join(dir, 'nowhere.deb'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no such file');
  });
});

describe('turning console blanking off', () => {
  function edit(kind: 'pi' | 'grub', file: string): void {
    const result = spawnSync(
      'bash',
      ['-c', `. "${COMMON}"; consoleblank_off_${kind} "$1" || true`, 'test', file],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
  }

  it('adds consoleblank=0 to a Raspberry Pi cmdline.txt once, on its one line', () => {
    const file = path.join(dir, 'cmdline-edit.txt');
    writeFileSync(file, 'console=tty1 root=PARTUUID=abc rootwait\n');
    edit('pi', file);
    edit('pi', file);
    expect(readFileSync(file, 'utf8')).toBe(
      'console=tty1 root=PARTUUID=abc rootwait consoleblank=0\n',
    );
  });

  it("adds it to GRUB's default command line once, keeping what was there", () => {
    const file = path.join(dir, 'grub-edit');
    writeFileSync(
      file,
      'GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT="quiet"\nGRUB_CMDLINE_LINUX=""\n',
    );
    edit('grub', file);
    edit('grub', file);
    expect(readFileSync(file, 'utf8')).toBe(
      'GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT="quiet consoleblank=0"\nGRUB_CMDLINE_LINUX=""\n',
    );
    const bare = path.join(dir, 'grub-bare');
    writeFileSync(bare, 'GRUB_DEFAULT=0\n');
    edit('grub', bare);
    expect(readFileSync(bare, 'utf8')).toBe(
      'GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT="consoleblank=0"\n',
    );
  });
});

describe('the uninstaller, as a dry run', () => {
  it('removes the kiosk and keeps the data dir and the user', () => {
    const run = runScript(UNINSTALL, ['--dry-run'], { HYMY_KIOSK_EUID: '0' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('would run: systemctl disable --now hymy-kiosk.service');
    expect(run.stdout).toContain(
      'would run: systemctl unmask getty@tty1.service ctrl-alt-del.target',
    );
    expect(run.stdout).toContain('would run: rm -f /etc/udev/rules.d/99-hymy-button-box.rules');
    expect(run.stdout).toContain('Kept: the data dir /var/lib/hymy and the user hymy');
    expect(run.stdout).not.toContain('rm -rf /var/lib/hymy');
    expect(planLines(run).filter((line) => line.startsWith('  + '))).toEqual([]);
  });

  it('with --purge, removes the data dir too and says answers are lost', () => {
    const run = runScript(UNINSTALL, ['--dry-run', '--purge'], { HYMY_KIOSK_EUID: '0' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('unsent answers are lost');
    expect(run.stdout).toContain('would run: rm -rf /var/lib/hymy /home/hymy');
  });

  it('refuses without root', () => {
    const run = runScript(UNINSTALL, ['--dry-run'], { HYMY_KIOSK_EUID: '1000' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('must run as root');
  });
});
