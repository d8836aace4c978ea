import { useTranslation } from 'react-i18next';
import type { NoteText } from '../../core/public-api';
import { LANGUAGES } from '../i18n/language';

/** The order a note's languages are shown in: ours first, then any other in the text. */
function ordered(text: NoteText): [string, string][] {
  const known: readonly string[] = LANGUAGES;
  const ours = LANGUAGES.flatMap((language): [string, string][] => {
    const words = text[language];
    return words === undefined ? [] : [[language, words]];
  });
  const others = Object.entries(text).filter(([language]) => !known.includes(language));
  return [...ours, ...others];
}

/** One part of a note in every language it was written in, each marked with its language. */
export function NoteTexts({ text, id }: { text: NoteText; id?: string }) {
  const { t } = useTranslation();
  return (
    <div id={id}>
      {ordered(text).map(([language, words]) => (
        <p key={language}>
          <span className="public-lang">
            {t(`language.${language}`, { defaultValue: language.toUpperCase() })}
          </span>{' '}
          <span lang={language}>{words}</span>
        </p>
      ))}
    </div>
  );
}
