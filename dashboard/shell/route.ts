/**
 * The dashboard's pages, addressed by the URL's hash so the server serves one `index.html`:
 * `#/units`, `#/units/<unitId>`, `#/inbox`, `#/alerts`, `#/terminals`, `#/accounts`, `#/targets`.
 */
export type Route =
  | { page: 'units' }
  | { page: 'unit'; unitId: string }
  | { page: 'inbox' }
  | { page: 'alerts' }
  | { page: 'terminals' }
  | { page: 'accounts' }
  | { page: 'targets' };

/** Pages only a county account may open; a unit account asking for one is sent to its units. */
export const COUNTY_PAGES: ReadonlySet<Route['page']> = new Set([
  'terminals',
  'accounts',
  'targets',
]);

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const unit = /^\/units\/([^/]+)$/.exec(path);
  if (unit) {
    try {
      return { page: 'unit', unitId: decodeURIComponent(unit[1]!) };
    } catch {
      return { page: 'units' };
    }
  }
  switch (path) {
    case '/inbox':
      return { page: 'inbox' };
    case '/alerts':
      return { page: 'alerts' };
    case '/terminals':
      return { page: 'terminals' };
    case '/accounts':
      return { page: 'accounts' };
    case '/targets':
      return { page: 'targets' };
    default:
      return { page: 'units' };
  }
}

export function routeHash(route: Route): string {
  return route.page === 'unit' ? `#/units/${encodeURIComponent(route.unitId)}` : `#/${route.page}`;
}
