import { afterEach, describe, expect, it } from 'vitest';
import { sampleResponse, sampleResponseId } from '../../../core/sample-response';
import { HymyDb, type StoredResponse, type SyncState } from '../../store/db';
import { ScriptedServiceBridge } from '../../testing/scripted-service-bridge';
import { EXPORT_CSV_COLUMNS } from './export-files';
import { runExport, type ExportProgress } from './export-run';
import { readCsv } from './testing/read-csv';

let count = 0;
const opened: HymyDb[] = [];

function freshDb(): HymyDb {
  count += 1;
  const db = new HymyDb(`hymy-export-run-${count}`);
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

function stored(n: number, syncState: SyncState): StoredResponse {
  return {
    ...sampleResponse({
      id: sampleResponseId(n),
      answeredAt: new Date(Date.UTC(2026, 10, 1, 8, 0, 0, n)).toISOString(),
    }),
    syncState,
    ...(syncState === 'pending' ? {} : { syncedAt: '2026-11-02T00:00:00.000Z' }),
  };
}

const meta = { exportedAt: '2026-11-23T10:00:00.000Z', terminalId: 't_test', unitId: 'u' };

describe('an export', () => {
  it('writes every answer, unsent first and each oldest first, to both files', async () => {
    const db = freshDb();
    const states: SyncState[] = ['sent', 'pending', 'rejected'];
    // 2,500 answers: three pages, written in an order unlike the wanted one.
    await db.responses.bulkAdd(
      Array.from({ length: 2500 }, (_, i) => stored(2500 - i, states[i % 3] ?? 'sent')),
    );
    const bridge = new ScriptedServiceBridge();
    const progress: ExportProgress[] = [];
    const result = await runExport({
      bridge,
      db,
      dir: '/media/hymy/USB',
      meta,
      onProgress: (step) => progress.push(step),
      maxPieceBytes: 64 * 1024,
    });
    expect(result).toMatchObject({
      ok: true,
      files: ['/media/hymy/USB/hymy-export.csv', '/media/hymy/USB/hymy-export.json'],
      summary: { answers: 2500, unsent: 833 },
    });
    expect(progress.map((step) => step.written)).toEqual([0, 1000, 2000, 2500]);
    const written = bridge.exports.get('export-1');
    expect(written?.closed).toBe(true);
    expect(written?.csv.length).toBeGreaterThan(1);
    const [, ...lines] = readCsv(written?.csv.join('') ?? '');
    expect(lines).toHaveLength(2500);
    const column = (name: (typeof EXPORT_CSV_COLUMNS)[number]) => EXPORT_CSV_COLUMNS.indexOf(name);
    const order = lines.map(
      (cells) => [cells[column('syncState')], cells[column('answeredAt')]] as const,
    );
    const expected = [...order].sort(
      (a, b) =>
        ['pending', 'rejected', 'sent'].indexOf(a[0] ?? '') -
          ['pending', 'rejected', 'sent'].indexOf(b[0] ?? '') ||
        (a[1] ?? '').localeCompare(b[1] ?? ''),
    );
    expect(order).toEqual(expected);
    const json = JSON.parse(written?.json.join('') ?? '') as { answers: StoredResponse[] };
    expect(json.answers).toHaveLength(2500);
    expect(json.answers.map((answer) => answer.id)).toEqual(lines.map((cells) => cells[0]));
    const newest = json.answers.filter((a) => a.syncState === 'pending').at(-1)?.answeredAt;
    expect(bridge.argsOf('service:export-close')[0]?.summary).toEqual({
      answers: 2500,
      unsent: 833,
      newestUnsentAt: newest,
    });
    for (const args of bridge.argsOf('service:export-append')) {
      expect(args.text.length).toBeLessThanOrEqual(64 * 1024);
    }
  });

  it('writes files with no answers when the terminal has none', async () => {
    const bridge = new ScriptedServiceBridge();
    const result = await runExport({ bridge, db: freshDb(), dir: '/media/x', meta });
    expect(result).toMatchObject({
      ok: true,
      summary: { answers: 0, unsent: 0, newestUnsentAt: null },
    });
    expect(JSON.parse(bridge.exports.get('export-1')?.json.join('') ?? '')).toMatchObject({
      answers: [],
    });
  });

  it('stops at the first refusal and says why', async () => {
    const db = freshDb();
    await db.responses.bulkAdd([stored(1, 'pending')]);
    const full = new ScriptedServiceBridge().answer('service:export-append', () => ({
      ok: false,
      reason: 'disk_full',
    }));
    expect(await runExport({ bridge: full, db, dir: '/media/x', meta })).toEqual({
      ok: false,
      reason: 'disk_full',
    });
    expect(full.argsOf('service:export-close')).toEqual([]);
    const gone = new ScriptedServiceBridge().answer('service:export-open', () => {
      throw new Error('socket closed');
    });
    expect(await runExport({ bridge: gone, db, dir: '/media/x', meta })).toEqual({
      ok: false,
      reason: 'no_answer',
    });
  });
});
