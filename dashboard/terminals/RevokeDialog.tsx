import { useId, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TerminalStatus } from '../../core/central-api';
import type { Failure } from '../api';
import { failureKey } from './failure-key';

type Props = {
  terminal: TerminalStatus;
  unitName: string;
  /** The PATCH is under way: the buttons wait for it. */
  sending: boolean;
  failure: Failure | null;
  onConfirm: () => void;
  /** Cancel, Escape, or the browser closing the dialog: the page unmounts it and puts focus back. */
  onCancel: () => void;
};

/**
 * The confirmation before a terminal is revoked (or restored): a modal `<dialog>`, so focus stays
 * inside and Escape cancels. The safe choice, Cancel, has the focus when it opens.
 */
export function RevokeDialog({ terminal, unitName, sending, failure, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();
  const action = terminal.revoked ? 'restore' : 'revoke';

  useLayoutEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) {
      element.showModal();
    }
    cancel.current?.focus();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="confirm"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        // The page decides when the dialog goes: it unmounts it.
        event.preventDefault();
        if (!sending) {
          onCancel();
        }
      }}
      onClose={onCancel}
    >
      <h2 id={titleId}>{t(`terminals.${action}.title`)}</h2>
      <dl className="confirm-facts">
        <dt>{t('terminals.columns.unit')}</dt>
        <dd>{unitName}</dd>
        <dt>{t('terminals.columns.terminal')}</dt>
        <dd>
          <code>{terminal.terminalId}</code>
        </dd>
        <dt>{t('terminals.hardwareId')}</dt>
        <dd>
          <code>{terminal.hardwareId}</code>
        </dd>
      </dl>
      <p id={textId}>{t(`terminals.${action}.text`)}</p>
      {failure !== null && <p role="alert">{t(failureKey(failure))}</p>}
      <div className="confirm-actions">
        <button
          type="button"
          className={action === 'revoke' ? 'danger strong' : 'strong'}
          aria-disabled={sending}
          onClick={() => {
            if (!sending) {
              onConfirm();
            }
          }}
        >
          {t(sending ? `terminals.${action}.sending` : `terminals.${action}.confirm`)}
        </button>
        <button
          type="button"
          ref={cancel}
          aria-disabled={sending}
          onClick={() => {
            if (!sending) {
              onCancel();
            }
          }}
        >
          {t('terminals.cancel')}
        </button>
      </div>
    </dialog>
  );
}
