import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from './route';

describe('the dashboard routes', () => {
  it.each<[string, Route]>([
    ['', { page: 'units' }],
    ['#/units', { page: 'units' }],
    ['#/units/ward-7', { page: 'unit', unitId: 'ward-7' }],
    ['#/units/a%20b', { page: 'unit', unitId: 'a b' }],
    ['#/units/%E0', { page: 'units' }],
    ['#/inbox', { page: 'inbox' }],
    ['#/alerts', { page: 'alerts' }],
    ['#/inbox/x', { page: 'units' }],
    ['#/terminals', { page: 'terminals' }],
    ['#/accounts', { page: 'accounts' }],
    ['#/targets', { page: 'targets' }],
    ['#/nowhere', { page: 'units' }],
  ])('%s opens %o', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('writes a hash that reads back as the same route', () => {
    const routes: Route[] = [
      { page: 'units' },
      { page: 'unit', unitId: 'x/y ä' },
      { page: 'inbox' },
      { page: 'alerts' },
      { page: 'terminals' },
      { page: 'accounts' },
      { page: 'targets' },
    ];
    for (const route of routes) {
      expect(parseRoute(routeHash(route))).toEqual(route);
    }
  });
});
