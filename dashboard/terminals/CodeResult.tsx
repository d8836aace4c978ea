import { useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrollmentCodeAnswer } from '../../core/central-api';
import { absoluteTime } from './time-text';

type Props = {
  answer: EnrollmentCodeAnswer;
  apiUrl: string;
  locale: string;
};

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * A code just made: big and clear, with its expiry, a copy button, and the technician's two ways
 * to use it (the terminal's set-up screen, or `npm run provision`). Focus moves here when it
 * appears, so a keyboard or screen-reader user lands on the code.
 */
export function CodeResult({ answer, apiUrl, locale }: Props) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const [copy, setCopy] = useState<CopyState>('idle');

  useLayoutEffect(() => {
    heading.current?.focus();
  }, []);

  const copyCode = async () => {
    try {
      await navigator.clipboard.writeText(answer.code);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  const command = `npm run provision -- --data-dir /var/lib/hymy --api ${apiUrl} --code ${answer.code}`;

  return (
    <section className="code-result" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {t('terminals.result.heading')}
      </h3>
      <p className="enrollment-code" translate="no">
        {answer.code}
      </p>
      <p>
        {t('terminals.result.expires', { time: absoluteTime(answer.expiresAt, locale) })}{' '}
        {t('terminals.result.once')}
      </p>
      <p>
        <button type="button" onClick={() => void copyCode()}>
          {t('terminals.result.copy')}
        </button>
      </p>
      <p role="status" className={copy === 'failed' ? 'error' : undefined}>
        {copy === 'copied' && t('terminals.result.copied')}
        {copy === 'failed' && t('terminals.result.copyFailed')}
      </p>
      <h4>{t('terminals.result.howTo')}</h4>
      <ol className="how-to">
        <li>{t('terminals.result.stepScreen')}</li>
        <li>
          {t('terminals.result.stepEnter')} <code translate="no">{apiUrl}</code>
        </li>
        <li>
          {t('terminals.result.stepCommand')}
          <pre className="command" translate="no">
            <code>{command}</code>
          </pre>
        </li>
      </ol>
    </section>
  );
}
