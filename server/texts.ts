/**
 * The server's own words (its pages', PDFs' and mails', from `locales/<lang>/*.json`) are
 * filled in here, as i18next fills the dashboard's.
 */

/**
 * `{{name}}` placeholders filled in, as i18next writes them. Plain text in, plain text out:
 * the caller escapes the result, so a value can never bring markup with it.
 */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}
