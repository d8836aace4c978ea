import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../core/accounts-api';
import { NotesEditor } from './NotesEditor';
import { PublishControl } from './PublishControl';
import { ReportLinks } from './ReportLinks';
import './public.css';

type Props = {
  unitId: string;
  /** The unit's name in the UI's language. */
  unitName: string;
  me: Me;
  /** Whether the unit's results are public, as its last report said. */
  isPublic: boolean;
  /** The unit's time zone, which its months are counted in. */
  timeZone: string;
  onSignedOut: () => void;
  /** The clock the month picker starts from. */
  now: () => Date;
};

/**
 * A unit's public results and reports (issue 19): whether its figures are public (a county
 * account publishes and withdraws them), its "You said, we did" notes, and its wall poster and
 * monthly report as PDFs.
 */
export function PublicSection({
  unitId,
  unitName,
  me,
  isPublic,
  timeZone,
  onSignedOut,
  now,
}: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  // What the last change answered outranks the report, which said it before the change.
  const [changed, setChanged] = useState<boolean | null>(null);
  const published = changed ?? isPublic;

  return (
    <section className="public-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('public.heading')}</h2>
      <PublishControl
        unitId={unitId}
        unitName={unitName}
        published={published}
        canPublish={me.role === 'county'}
        onChanged={setChanged}
        onSignedOut={onSignedOut}
      />
      <NotesEditor unitId={unitId} published={published} onSignedOut={onSignedOut} />
      <ReportLinks unitId={unitId} timeZone={timeZone} now={now} />
    </section>
  );
}
