import { useEffect } from 'react';

/** `<html lang>` and the title follow the language on screen (screen readers, axe). */
export function useDocumentLanguage(language: string, title: string): void {
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = title;
  }, [language, title]);
}
