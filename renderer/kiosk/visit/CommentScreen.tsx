import { useId, useLayoutEffect, useRef, useState } from 'react';
import { COMMENT_MAX_LENGTH, type LanguageCode } from '../../../core';
import { editText, OnScreenKeyboard } from '../../technician/OnScreenKeyboard';
import type { ShownText } from '../kiosk-view';
import { SkipButton } from './SkipButton';
import './visit.css';
import { VisitHeading } from './VisitHeading';

type Props = {
  language: LanguageCode;
  unitName: ShownText;
  prompt: string;
  /** Not to write personal details: shown above the field before any typing, and its description. */
  warning: string;
  sendLabel: string;
  skipLabel: string;
  /** "12/500 merkkiä", translated by the caller. */
  counter: (count: number, max: number) => string;
  maxLength?: number;
  /** The text, trimmed and never longer than `maxLength`; the caller redacts it before storing. */
  onSend: (text: string) => void;
  onSkip: () => void;
};

/** At most `max` UTF-16 units, as `maxLength` counts, without leaving half of a surrogate pair. */
export function clipComment(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  const clipped = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(clipped) ? clipped.slice(0, -1) : clipped;
}

function selectionOf(field: HTMLTextAreaElement | null) {
  return field ? { start: field.selectionStart, end: field.selectionEnd } : null;
}

/**
 * The open question: the patient writes with the on-screen keys (or a physical keyboard), sees
 * how much room is left, and sends or skips. The warning against personal details stands above
 * the field from the start; the text is not redacted here but by the caller.
 */
export function CommentScreen({
  language,
  unitName,
  prompt,
  warning,
  sendLabel,
  skipLabel,
  counter,
  maxLength = COMMENT_MAX_LENGTH,
  onSend,
  onSkip,
}: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);

  // After an on-screen key the caret stands just after what it typed.
  useLayoutEffect(() => {
    const at = pendingCaret.current;
    if (at !== null) {
      pendingCaret.current = null;
      field.current?.setSelectionRange(at, at);
    }
  });

  const typeKey = (key: string | null): void => {
    const element = field.current;
    const edit = editText(text, key, selectionOf(element), maxLength);
    setText(edit.text);
    pendingCaret.current = edit.caret;
    if (element && document.activeElement !== element) {
      element.focus();
    }
  };

  const sendable = text.trim() !== '';
  const send = (): void => {
    if (sendable) {
      onSend(text.trim());
    }
  };

  const promptId = `${id}-prompt`;
  const warningId = `${id}-warning`;
  return (
    <main data-screen="comment" className="screen visit-screen visit-comment">
      <VisitHeading unitName={unitName} prompt={prompt} promptId={promptId} />
      <p id={warningId} className="visit-warning">
        {warning}
      </p>
      <textarea
        ref={field}
        name="comment"
        className="visit-textarea"
        rows={3}
        value={text}
        maxLength={maxLength}
        // The on-screen keys are the keyboard: a touch must not open the system's as well.
        inputMode="none"
        autoComplete="off"
        autoCorrect="off"
        spellCheck={false}
        aria-labelledby={promptId}
        aria-describedby={warningId}
        onChange={(event) => setText(clipComment(event.target.value, maxLength))}
      />
      <div className="visit-comment-bar">
        <p className="visit-counter" data-full={text.length >= maxLength}>
          {counter(text.length, maxLength)}
        </p>
        <div className="visit-actions">
          <SkipButton label={skipLabel} onSkip={onSkip} />
          <button
            type="button"
            className="visit-action visit-primary"
            data-action="send"
            disabled={!sendable}
            onClick={send}
          >
            {sendLabel}
          </button>
        </div>
      </div>
      <OnScreenKeyboard
        layout="text"
        language={language}
        onKey={(key) => typeKey(key)}
        onBackspace={() => typeKey(null)}
        onEnter={send}
      />
    </main>
  );
}
