import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { KIOSK_CSP } from '../../electron/app-protocol';

/**
 * Electronegativity (Doyensec's Electron security scanner) over the Electron shell, as part of
 * `npm test`. A HIGH or MEDIUM finding always fails; a LOW or INFORMATIONAL one fails unless
 * build/electronegativity-accepted.json lists it with a reason. Runs offline, in a few seconds.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ACCEPTED_FILE = path.join(root, 'build/electronegativity-accepted.json');

export type Severity = 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
export type Finding = {
  id: string;
  file: string;
  line: number;
  severity: Severity;
  confidence: string;
  description: string;
};

const acceptedSchema = z.object({
  accepted: z.array(
    z.object({
      id: z.string().min(1),
      file: z.string().min(1),
      // The issue's bar: no HIGH or MEDIUM finding, accepted or not.
      severity: z.enum(['LOW', 'INFORMATIONAL']),
      reason: z.string().min(20),
    }),
  ),
});
export type AcceptedFinding = z.infer<typeof acceptedSchema>['accepted'][number];

export function parseAccepted(text: string): AcceptedFinding[] {
  return acceptedSchema.parse(JSON.parse(text)).accepted;
}

export type Verdict = {
  ok: boolean;
  failing: Finding[];
  accepted: { finding: Finding; reason: string }[];
  /** Listed as accepted but no longer found: the list should shrink with the code. */
  stale: AcceptedFinding[];
};

export function judge(findings: Finding[], acceptedList: AcceptedFinding[]): Verdict {
  const failing: Finding[] = [];
  const accepted: Verdict['accepted'] = [];
  const used = new Set<AcceptedFinding>();
  for (const finding of findings) {
    const match =
      finding.severity === 'HIGH' || finding.severity === 'MEDIUM'
        ? undefined
        : acceptedList.find(
            (entry) =>
              entry.id === finding.id &&
              entry.file === finding.file &&
              entry.severity === finding.severity,
          );
    if (match === undefined) {
      failing.push(finding);
    } else {
      used.add(match);
      accepted.push({ finding, reason: match.reason });
    }
  }
  const stale = acceptedList.filter((entry) => !used.has(entry));
  return { ok: failing.length === 0, failing, accepted, stale };
}

/**
 * What is scanned: the shell's sources as they ship (tests left out) and the kiosk page with the
 * CSP that the app:// handler sends as a header. The scanner finds a CSP only in HTML or in an
 * `onHeadersReceived` callback; this hands it the very policy (KIOSK_CSP) to judge.
 */
function stageInput(dir: string): void {
  mkdirSync(path.join(dir, 'electron'));
  for (const name of readdirSync(path.join(root, 'electron'))) {
    if (name.endsWith('.ts') && !name.endsWith('.test.ts')) {
      copyFileSync(path.join(root, 'electron', name), path.join(dir, 'electron', name));
    }
  }
  mkdirSync(path.join(dir, 'renderer'));
  const page = readFileSync(path.join(root, 'renderer/index.html'), 'utf8').replace(
    '<head>',
    `<head>\n    <meta http-equiv="Content-Security-Policy" content="${KIOSK_CSP}" />`,
  );
  writeFileSync(path.join(dir, 'renderer/index.html'), page);
}

type RawIssue = {
  id: string;
  file: string;
  location: { line: number };
  severity: { name: string };
  confidence: { name: string };
  description: string;
};
type RunScan = (
  options: Record<string, unknown>,
  forCli: boolean,
) => Promise<{
  issues: RawIssue[];
  errors: { file: string; message: string; tolerable: boolean }[];
}>;

/**
 * The scanner fetches fresh translations from GitHub on every run; the kiosk's test run stays
 * offline, so its i18n module is replaced by the same setup with the bundled English strings.
 */
function loadScanner(): RunScan {
  const requireTool = createRequire(resolveTool('@doyensec/electronegativity/dist/runner.js'));
  const i18nPath = requireTool.resolve('./locales/i18n.js');
  const i18n = requireTool('i18n') as {
    configure: (options: Record<string, unknown>) => void;
    setLocale: (locale: string) => void;
  };
  const offline = new Module(i18nPath);
  offline.filename = i18nPath;
  offline.loaded = true;
  offline.exports = () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: path.dirname(i18nPath),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
    return Promise.resolve();
  };
  requireTool.cache[i18nPath] = offline;
  return requireTool('./runner.js') as RunScan;
}

function resolveTool(id: string): string {
  return createRequire(import.meta.url).resolve(id);
}

const SEVERITIES: readonly Severity[] = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];

export async function scan(): Promise<Finding[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hymy-electronegativity-'));
  try {
    stageInput(dir);
    const electronVersion = (
      JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    const result = await loadScanner()(
      {
        input: dir,
        // Needs GitHub's list of Electron releases; Electron updates are tracked by npm instead.
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
        customScan: [],
        isRelative: true,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    );
    // A file the parser could not read was not scanned: that is a failure, not a pass.
    if (result.errors.some((error) => !error.tolerable)) {
      throw new Error(
        `electronegativity could not parse: ${result.errors.map((e) => `${e.file}: ${e.message}`).join('; ')}`,
      );
    }
    return result.issues.map((issue) => {
      const severity = SEVERITIES.find((s) => s === issue.severity.name);
      if (severity === undefined) {
        throw new Error(`unknown electronegativity severity ${issue.severity.name}`);
      }
      return {
        id: issue.id,
        file: issue.file.split(path.sep).join('/'),
        line: issue.location.line,
        severity,
        confidence: issue.confidence.name,
        description: issue.description,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function report(verdict: Verdict): string {
  const lines: string[] = [];
  for (const f of verdict.failing) {
    lines.push(`FAIL ${f.severity} ${f.id} ${f.file}:${f.line} (${f.confidence}) ${f.description}`);
  }
  for (const { finding: f, reason } of verdict.accepted) {
    lines.push(`accepted ${f.severity} ${f.id} ${f.file}:${f.line}: ${reason}`);
  }
  for (const entry of verdict.stale) {
    lines.push(`stale acceptance (no longer found) ${entry.id} ${entry.file}`);
  }
  lines.push(
    verdict.ok
      ? `electronegativity: no finding of high or medium severity, ${verdict.accepted.length} accepted`
      : `electronegativity: ${verdict.failing.length} finding(s) to fix`,
  );
  return lines.join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const verdict = judge(await scan(), parseAccepted(readFileSync(ACCEPTED_FILE, 'utf8')));
  console.log(report(verdict));
  process.exitCode = verdict.ok ? 0 : 1;
}
