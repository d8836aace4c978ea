import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FEEDBACK_PAGE_DEFAULT, type FeedbackItem } from '../../core/feedback-api';
import type { Failure } from '../api';
import { fetchFeedback } from './api';
import { feedbackQuery, filtersKey, type InboxFilters } from './filters';

/** The list of items the filters select, as far as its pages have come. */
export type InboxList =
  | { kind: 'loading' }
  | { kind: 'failed'; reason: Failure }
  | {
      kind: 'ready';
      items: FeedbackItem[];
      /** The last page was full: there may be older items. */
      more: boolean;
      loadingMore: boolean;
      /** Why the last "Load more" failed; the items loaded stay. */
      moreFailed: Failure | null;
      /** How many items the list had before the last page came (where its new rows start). */
      firstNew: number;
    };

export type Inbox = {
  list: InboxList;
  loadMore: () => void;
  /** Puts an item the server answered with (read, handled) in place of its old self. */
  replace: (item: FeedbackItem) => void;
};

/**
 * The first page of the items the filters select, asked again whenever they change, and the
 * next pages on request (`before` = the last item's id). An answer for filters no longer chosen
 * is dropped; 'unauthorized' gives way to the sign-in page.
 */
export function useInbox(
  filters: InboxFilters,
  onSignedOut: () => void,
  pageSize = FEEDBACK_PAGE_DEFAULT,
): Inbox {
  const key = filtersKey(filters);
  const [state, setState] = useState<{ key: string; list: InboxList } | null>(null);
  const latest = useRef({ filters, key });
  useEffect(() => {
    latest.current = { filters, key };
  });

  useEffect(() => {
    let live = true;
    void fetchFeedback(feedbackQuery(latest.current.filters, pageSize)).then((result) => {
      if (!live) {
        return;
      }
      if (result.ok) {
        setState({
          key,
          list: {
            kind: 'ready',
            items: result.value,
            more: result.value.length >= pageSize,
            loadingMore: false,
            moreFailed: null,
            firstNew: 0,
          },
        });
      } else if (result.reason === 'unauthorized') {
        onSignedOut();
      } else {
        setState({ key, list: { kind: 'failed', reason: result.reason } });
      }
    });
    return () => {
      live = false;
    };
  }, [key, onSignedOut, pageSize]);

  const list: InboxList = useMemo(
    () => (state !== null && state.key === key ? state.list : { kind: 'loading' }),
    [state, key],
  );

  const loadMore = useCallback(() => {
    if (list.kind !== 'ready' || list.loadingMore || !list.more) {
      return;
    }
    const last = list.items.at(-1);
    if (last === undefined) {
      return;
    }
    const asked = latest.current;
    setState((now) =>
      now !== null && now.list.kind === 'ready'
        ? { ...now, list: { ...now.list, loadingMore: true, moreFailed: null } }
        : now,
    );
    void fetchFeedback(feedbackQuery(asked.filters, pageSize, last.id)).then((result) => {
      if (!result.ok && result.reason === 'unauthorized') {
        onSignedOut();
        return;
      }
      setState((now) => {
        if (now === null || now.key !== asked.key || now.list.kind !== 'ready') {
          return now;
        }
        if (!result.ok) {
          return { ...now, list: { ...now.list, loadingMore: false, moreFailed: result.reason } };
        }
        // An item that moved up meanwhile (by another person's change) is listed once.
        const known = new Set(now.list.items.map((item) => item.id));
        const added = result.value.filter((item) => !known.has(item.id));
        return {
          ...now,
          list: {
            kind: 'ready',
            items: [...now.list.items, ...added],
            more: result.value.length >= pageSize,
            loadingMore: false,
            moreFailed: null,
            firstNew: now.list.items.length,
          },
        };
      });
    });
  }, [list, onSignedOut, pageSize]);

  const replace = useCallback((item: FeedbackItem) => {
    setState((now) =>
      now !== null && now.list.kind === 'ready'
        ? {
            ...now,
            list: {
              ...now.list,
              items: now.list.items.map((old) => (old.id === item.id ? item : old)),
            },
          }
        : now,
    );
  }, []);

  return { list, loadMore, replace };
}
