import { useCallback, useEffect, useState } from 'react';
import type { Bridge, ExportTarget, LastExport } from '../../../core';

export type TargetsState =
  | { phase: 'looking' }
  | { phase: 'found'; targets: ExportTarget[]; last: LastExport | null }
  | { phase: 'session_closed' }
  | { phase: 'no_answer' };

/** Removable disks first (the USB stick is what the technician came with), then by name. */
export function sortTargets(targets: readonly ExportTarget[]): ExportTarget[] {
  const rank = (target: ExportTarget): number => (target.kind === 'removable' ? 0 : 1);
  return [...targets].sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label));
}

/** Where an export may go, as the host sees the disks now; `lookAgain` after plugging one in. */
export function useExportTargets(bridge: Bridge): { targets: TargetsState; lookAgain: () => void } {
  const [targets, setTargets] = useState<TargetsState>({ phase: 'looking' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let stopped = false;
    const show = (next: TargetsState): void => {
      if (!stopped) {
        setTargets(next);
      }
    };
    bridge.call('service:export-targets', null).then(
      (answer) =>
        show(
          answer.ok
            ? { phase: 'found', targets: sortTargets(answer.targets), last: answer.last }
            : { phase: 'session_closed' },
        ),
      () => show({ phase: 'no_answer' }),
    );
    return () => {
      stopped = true;
    };
  }, [bridge, round]);

  const lookAgain = useCallback(() => {
    setTargets({ phase: 'looking' });
    setRound((n) => n + 1);
  }, []);
  return { targets, lookAgain };
}
