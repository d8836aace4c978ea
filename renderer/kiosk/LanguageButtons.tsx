import type { LanguageCode } from '../../core';
import type { LanguageOption } from './kiosk-view';

type Props = {
  languages: LanguageOption[];
  /** "Language", in the language on screen. */
  label: string;
  onChoose: (code: LanguageCode) => void;
};

/** One button per language of the unit, each named in its own language. */
export function LanguageButtons({ languages, label, onChoose }: Props) {
  if (languages.length < 2) {
    return null;
  }
  return (
    <div role="group" aria-label={label} className="languages">
      {languages.map((language) => (
        <button
          key={language.code}
          type="button"
          lang={language.code}
          className="language"
          aria-pressed={language.current}
          onClick={() => onChoose(language.code)}
        >
          {language.name}
        </button>
      ))}
    </div>
  );
}
