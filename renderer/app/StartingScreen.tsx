import { useTranslation } from 'react-i18next';
import { bundledLanguages } from '../i18n/resources';

type Props = {
  /** `starting` while there is no config; `unavailable` after an error the screen caught. */
  screen: 'starting' | 'unavailable';
  language: string;
};

/**
 * A calm word while the kiosk cannot take answers yet. With no config there is no chosen
 * language, so the other languages of this build say it too, each marked with its own lang.
 */
export function StartingScreen({ screen, language }: Props) {
  const { t } = useTranslation('common', { lng: language });
  const others = bundledLanguages.filter((code) => code !== language);
  return (
    <main data-screen={screen} className="screen starting">
      <h1 className="starting-title">{t(`${screen}.title`)}</h1>
      <p className="starting-detail">{t(`${screen}.detail`)}</p>
      <ul className="starting-others">
        {others.map((code) => (
          <li key={code} lang={code}>
            {t(`${screen}.title`, { lng: code })}
          </li>
        ))}
      </ul>
    </main>
  );
}
