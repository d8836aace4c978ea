import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportFailureReason } from '../../../core';
import type { StoredResponse } from '../../store/db';
import { serviceConfig } from '../../testing/scripted-service-bridge';
import { ExportScreen } from './ExportScreen';
import { formatGigabytes } from './format';
import { readCsv } from './testing/read-csv';
import {
  LANGUAGES,
  closeDbs,
  renderIn,
  settle,
  storedAnswer,
  testDeps,
  type TestDeps,
} from './testing/service-kit';

afterEach(closeDbs);

type Language = (typeof LANGUAGES)[number];

function showExport(language: Language, deps: TestDeps = testDeps()) {
  const onExported = vi.fn();
  const rendered = renderIn(
    language,
    <ExportScreen
      deps={deps}
      config={serviceConfig()}
      host={deps.bridge.status}
      language={language}
      keepAlive={() => undefined}
      onExported={onExported}
    />,
  );
  return { ...rendered, deps, onExported };
}

describe.each(LANGUAGES)('the export in %s', (language) => {
  it('lists the USB stick first with its free space, and writes every answer there, unsent first', async () => {
    const deps = testDeps();
    await deps.db.responses.bulkAdd([
      storedAnswer(1, 'sent'),
      storedAnswer(2, 'pending'),
      storedAnswer(3, 'rejected'),
      storedAnswer(4, 'pending'),
    ]);
    const { container, t, onExported } = showExport(language, deps);
    expect(container.querySelector('[data-screen="service-export"]')).toBeInTheDocument();
    const choices = await screen.findAllByRole('radio');
    expect(choices.map((choice) => (choice as HTMLInputElement).value)).toEqual([
      '/media/hymy/USB-STICK',
      '/home/hymy/.local/share/hymy/exports',
    ]);
    const stick = choices[0]!.closest('label')!;
    expect(stick).toHaveTextContent(t('export.removable', { label: 'USB-STICK' }));
    expect(stick).toHaveTextContent(
      t('export.free', { size: formatGigabytes(7.5e9, language) }).replace(/\s+/g, ' '),
    );

    fireEvent.click(choices[0]!);
    expect(screen.getByLabelText(t('export.path'))).toHaveValue('/media/hymy/USB-STICK');
    fireEvent.click(screen.getByRole('button', { name: t('export.start') }));
    await waitFor(() => expect(screen.getByText(t('export.files'))).toBeInTheDocument());

    const progress = screen.getAllByRole('status')[0]!;
    expect(progress).toHaveTextContent(t('export.done', { count: 4, number: '4', unsent: '2' }));
    expect(within(progress).getByText('/media/hymy/USB-STICK/hymy-export.csv')).toBeInTheDocument();
    expect(
      within(progress).getByText('/media/hymy/USB-STICK/hymy-export.json'),
    ).toBeInTheDocument();
    expect(onExported).toHaveBeenCalledTimes(1);

    const written = deps.bridge.exports.get('export-1')!;
    expect(written.dir).toBe('/media/hymy/USB-STICK');
    const [header, ...rows] = readCsv(written.csv.join(''));
    expect(header?.[0]).toBe('id');
    const syncState = header!.indexOf('syncState');
    expect(rows.map((row) => row[syncState])).toEqual(['pending', 'pending', 'rejected', 'sent']);
    const json = JSON.parse(written.json.join('')) as {
      terminalId: string;
      unitId: string;
      answers: StoredResponse[];
    };
    expect(json).toMatchObject({ terminalId: 't_test', unitId: 'khks-lapset' });
    expect(json.answers.map((answer) => answer.id)).toEqual(rows.map((row) => row[0]));
    expect(deps.bridge.argsOf('service:export-close')[0]?.summary).toEqual({
      answers: 4,
      unsent: 2,
      newestUnsentAt: storedAnswer(4).answeredAt,
    });
  });

  it('writes to a folder typed by hand', async () => {
    const { deps, t } = showExport(language);
    await settle();
    fireEvent.change(screen.getByLabelText(t('export.path')), {
      target: { value: ' /mnt/backup ' },
    });
    fireEvent.click(screen.getByRole('button', { name: t('export.start') }));
    await waitFor(() => expect(deps.bridge.exports.get('export-1')?.closed).toBe(true));
    expect(deps.bridge.exports.get('export-1')?.dir).toBe('/mnt/backup');
  });

  it('asks for a place before it starts', async () => {
    const { deps, t } = showExport(language);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: t('export.start') }));
    expect(screen.getByRole('alert')).toHaveTextContent(t('export.noPath'));
    expect(deps.bridge.argsOf('service:export-open')).toEqual([]);
  });

  it.each<ExportFailureReason | 'session_closed'>([
    'not_a_directory',
    'not_writable',
    'disk_full',
    'session_closed',
  ])('says in plain words why an export failed: %s', async (reason) => {
    const deps = testDeps();
    await deps.db.responses.bulkAdd([storedAnswer(1)]);
    if (reason === 'disk_full') {
      deps.bridge.answer('service:export-append', () => ({ ok: false, reason }));
    } else {
      deps.bridge.answer('service:export-open', () => ({ ok: false, reason }));
    }
    const { t, onExported } = showExport(language, deps);
    fireEvent.click((await screen.findAllByRole('radio'))[0]!);
    fireEvent.click(screen.getByRole('button', { name: t('export.start') }));
    expect(await screen.findByRole('alert')).toHaveTextContent(t(`export.failure.${reason}`));
    expect(onExported).not.toHaveBeenCalled();
  });

  it('says when no USB stick is plugged in, and looks again', async () => {
    const deps = testDeps();
    deps.bridge.answer('service:export-targets', () => ({ ok: true, targets: [], last: null }));
    const { t } = showExport(language, deps);
    expect(await screen.findByText(t('export.noTargets'))).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: t('export.lookAgain') }));
    await settle();
    expect(deps.bridge.argsOf('service:export-targets')).toHaveLength(2);
  });
});
