import { useTranslation } from 'react-i18next';
import type { TargetStanding } from '../core/targets';

const STANDING_MARK = { above: '▲', below: '▼', across: '◆' } as const;

/** Where a unit's interval lies against its target: a mark for the eye, then the words. */
export function StandingText({ standing }: { standing: TargetStanding }) {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true">{STANDING_MARK[standing]} </span>
      {t(`standing.${standing}`)}
    </>
  );
}
