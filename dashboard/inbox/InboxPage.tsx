import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FEEDBACK_PAGE_DEFAULT, type FeedbackItem } from '../../core/feedback-api';
import type { UnitQuestions } from '../../core/reports-api';
import { formatters } from '../format';
import { DEFAULT_PERIOD, periodRange } from '../period';
import type { PageProps } from '../shell/page';
import { dateLocale } from '../terminals/time-text';
import { fetchUnitNames, nameOfUnit, unitChoices, type NamedUnit } from '../unit-names';
import { changeFeedback, fetchQuestions } from './api';
import { followUpText, questionText, valueText } from './answer-text';
import { listFailureKey } from './failure-key';
import type { InboxFilters } from './filters';
import { InboxFilterForm } from './InboxFilterForm';
import { InboxTable, type RowText } from './InboxTable';
import { ItemView } from './ItemView';
import { useInbox } from './use-inbox';
import './inbox.css';

/** How often "overdue" and "due soon" are looked at again without a reload. */
const TICK_MS = 60_000;

type Opened = { id: string; readFailed: boolean };

/**
 * The inbox (issue 18): answers with a comment and contact requests of the account's units, by
 * the filters chosen, newest first, a page at a time. Opening an item marks it read; it is
 * handled with a note (required for a contact request), and a contact request's details are
 * opened on purpose, the person told that the opening is audited.
 */
export function InboxPage({
  me,
  onSignedOut,
  pageSize = FEEDBACK_PAGE_DEFAULT,
}: PageProps & {
  /** The page size asked for (tests ask for a small one). */
  pageSize?: number;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const locale = dateLocale(language, navigator.languages);
  const f = formatters(language);
  const listHeadingId = useId();
  const [filters, setFilters] = useState<InboxFilters>(() => ({
    // An account of one unit has nothing else to choose: its questions can be chosen at once.
    unitId: me.units.length === 1 ? (me.units[0] ?? null) : null,
    state: 'all',
    period: DEFAULT_PERIOD,
    range: periodRange(DEFAULT_PERIOD, new Date()),
    questionId: null,
    value: null,
    contactOnly: false,
  }));
  const { list, loadMore, replace } = useInbox(filters, onSignedOut, pageSize);
  const [units, setUnits] = useState<NamedUnit[]>([]);
  const [questions, setQuestions] = useState<Record<string, UnitQuestions>>({});
  const askedQuestions = useRef(new Set<string>());
  const [opened, setOpened] = useState<Opened | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [nowMs, setNowMs] = useState(() => Date.now());
  const openers = useRef(new Map<string, HTMLButtonElement>());
  const focusAfter = useRef<string | null>(null);

  useEffect(() => {
    document.title = t('inbox.title');
  }, [t]);

  useEffect(() => {
    const timer = window.setInterval(() => setNowMs(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => {
    let live = true;
    // Only for the units' names: without them the units show by their ids.
    void fetchUnitNames(new Date()).then((result) => {
      if (live && result.ok) {
        setUnits(result.value);
      }
    });
    return () => {
      live = false;
    };
  }, []);

  // The questions' words of the chosen unit (for the filter) and of every unit listed.
  const wanted = new Set<string>(list.kind === 'ready' ? list.items.map((i) => i.unitId) : []);
  if (filters.unitId !== null) {
    wanted.add(filters.unitId);
  }
  const wantedKey = [...wanted].sort().join('\n');
  useEffect(() => {
    const range = periodRange(DEFAULT_PERIOD, new Date());
    for (const unitId of wantedKey === '' ? [] : wantedKey.split('\n')) {
      if (askedQuestions.current.has(unitId)) {
        continue;
      }
      askedQuestions.current.add(unitId);
      void fetchQuestions(unitId, range).then((result) => {
        if (result.ok) {
          setQuestions((known) => ({ ...known, [unitId]: result.value }));
        }
      });
    }
  }, [wantedKey]);

  // Once the opened item is closed (in the same commit): the focus back on its row's button.
  useLayoutEffect(() => {
    const id = focusAfter.current;
    if (id !== null && opened === null) {
      focusAfter.current = null;
      openers.current.get(id)?.focus();
    }
  });

  // A page loaded by "Load more": the focus on its first item, where reading goes on.
  const firstNew = list.kind === 'ready' ? list.firstNew : 0;
  const itemsNow = list.kind === 'ready' ? list.items : null;
  useEffect(() => {
    if (firstNew > 0 && itemsNow !== null) {
      const first = itemsNow[firstNew];
      if (first !== undefined) {
        openers.current.get(first.id)?.focus();
      }
    }
  }, [firstNew, itemsNow]);

  const chooseFilters = (next: InboxFilters) => {
    setOpened(null);
    setFilters(next);
  };

  /** Opening an item is reading it: a new one is marked read on the server at once. */
  const open = useCallback(
    (item: FeedbackItem) => {
      setOpened({ id: item.id, readFailed: false });
      if (item.state !== 'new') {
        return;
      }
      void changeFeedback(item.id, { state: 'read' }).then((result) => {
        if (result.ok) {
          replace(result.value);
        } else if (result.reason === 'unauthorized') {
          onSignedOut();
        } else {
          setOpened((now) => (now?.id === item.id ? { ...now, readFailed: true } : now));
        }
      });
    },
    [onSignedOut, replace],
  );

  const close = () => {
    focusAfter.current = opened?.id ?? null;
    setOpened(null);
  };

  const textOf = (item: FeedbackItem): RowText => ({
    unit: nameOfUnit(units, item.unitId, language),
    question: questionText(questions[item.unitId], item.questionId, language),
    answer: valueText(t, item.scale, item.value),
    followUp: followUpText(item.followUp, language),
  });

  const itemText = (text: RowText) => ({
    unitName: text.unit,
    questionName: text.question,
    answer: text.answer,
    followUp: text.followUp,
  });

  const openedItem =
    opened !== null && list.kind === 'ready'
      ? list.items.find((item) => item.id === opened.id)
      : undefined;

  return (
    <>
      <h1>{t('inbox.heading')}</h1>
      <p className="note">{t('inbox.intro')}</p>
      <InboxFilterForm
        filters={filters}
        onChange={chooseFilters}
        units={unitChoices(me.units, units, language)}
        questions={filters.unitId === null ? undefined : questions[filters.unitId]}
      />
      <section className="inbox-list" aria-labelledby={listHeadingId}>
        <h2 id={listHeadingId}>{t('inbox.listHeading')}</h2>
        <p role="status" className="inbox-announcement">
          {announcement}
        </p>
        <div aria-live="polite" aria-busy={list.kind === 'loading'}>
          {list.kind === 'loading' && <p>{t('inbox.loading')}</p>}
          {list.kind === 'failed' && <p role="alert">{t(listFailureKey(list.reason))}</p>}
          {list.kind === 'ready' && list.items.length === 0 && <p>{t('inbox.empty')}</p>}
        </div>
        {list.kind === 'ready' && list.items.length > 0 && (
          <>
            <InboxTable
              items={list.items}
              caption={t(list.more ? 'inbox.captionMore' : 'inbox.caption', {
                count: list.items.length,
                n: f.count(list.items.length),
              })}
              textOf={textOf}
              locale={locale}
              nowMs={nowMs}
              openId={openedItem === undefined ? null : openedItem.id}
              onToggle={(item) => (item.id === opened?.id ? close() : open(item))}
              openerRef={(id, button) => {
                if (button === null) {
                  openers.current.delete(id);
                } else {
                  openers.current.set(id, button);
                }
              }}
              opened={
                openedItem !== undefined &&
                opened !== null && (
                  <ItemView
                    item={openedItem}
                    {...itemText(textOf(openedItem))}
                    locale={locale}
                    nowMs={nowMs}
                    readFailed={opened.readFailed}
                    onHandled={(item) => {
                      replace(item);
                      setAnnouncement(t('inbox.handle.done'));
                    }}
                    onClose={close}
                    onSignedOut={onSignedOut}
                  />
                )
              }
            />
            {list.moreFailed !== null && <p role="alert">{t(listFailureKey(list.moreFailed))}</p>}
            {list.more && (
              <p className="inbox-more">
                <button type="button" aria-disabled={list.loadingMore} onClick={loadMore}>
                  {t(list.loadingMore ? 'inbox.loadingMore' : 'inbox.loadMore')}
                </button>
              </p>
            )}
          </>
        )}
      </section>
    </>
  );
}
