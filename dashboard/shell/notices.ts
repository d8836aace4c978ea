import { useCallback, useEffect, useState } from 'react';
import type { MailStatus } from '../../core/feedback-api';
import { fetchAlerts } from '../alerts/api';
import { fetchMailStatus } from '../api';

/** What the frame tells on every page: whether e-mail gets through, and the open alerts. */
export type Notices = {
  /** Null until known, or when the server would not say (then no warning is shown). */
  mail: MailStatus | null;
  openAlerts: number | null;
};

/**
 * Asks `GET /v1/mail/status` and the open alerts once a page is shown (on loading, and on each
 * move to another page), and again on `refresh` (an alert acknowledged). Failures show nothing:
 * the page itself says when the server cannot be reached, and a 401 is the page's to handle.
 */
export function useNotices(page: string): { notices: Notices; refresh: () => void } {
  const [notices, setNotices] = useState<Notices>({ mail: null, openAlerts: null });
  const [asked, setAsked] = useState(0);
  const refresh = useCallback(() => setAsked((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    void fetchMailStatus().then((mail) => {
      if (live) {
        setNotices((now) => ({ ...now, mail: mail.ok ? mail.value : null }));
      }
    });
    void fetchAlerts('open').then((alerts) => {
      if (live) {
        setNotices((now) => ({ ...now, openAlerts: alerts.ok ? alerts.value.length : null }));
      }
    });
    return () => {
      live = false;
    };
  }, [page, asked]);

  return { notices, refresh };
}
