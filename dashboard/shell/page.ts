import type { Me } from '../../core/accounts-api';

/**
 * What every page of the signed-in dashboard is given. A page renders what goes inside `<main>`,
 * starting with its `<h1>`, and sets `document.title`; the shell draws the header and navigation.
 */
export type PageProps = {
  me: Me;
  /** The session ended under the page (a 401): back to the sign-in page. */
  onSignedOut: () => void;
};
