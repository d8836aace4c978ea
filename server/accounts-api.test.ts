import { afterEach, describe, expect, it } from 'vitest';
import { AccountListSchema, AccountSchema } from '../core/accounts-api';
import { ApiErrorSchema } from '../core/central-api';
import { createStores } from './store';
import { TEST_ENGINE, TEST_PASSWORD, UNIT, startTestServer, type TestServer } from './test-support';

const codeOf = (body: unknown) => ApiErrorSchema.parse(body).error.code;

describe(`a county's accounts over the API (${TEST_ENGINE})`, () => {
  let t: TestServer | undefined;
  afterEach(() => t?.cleanup());

  it('a county account adds, lists, changes and removes accounts; the audit log has each', async () => {
    t = await startTestServer();
    await t.addAccount({ email: 'county@example.fi', role: 'county' });
    const county = await t.signIn('county@example.fi', TEST_PASSWORD);

    const added = await t.person(county, 'POST', '/v1/admin/accounts', {
      email: 'Hoitaja@Example.fi',
      role: 'unit',
      units: [UNIT.id],
      password: 'a long enough password',
      language: 'sv',
    });
    expect(added.status).toBe(201);
    expect(AccountSchema.parse(added.body)).toEqual({
      email: 'hoitaja@example.fi',
      role: 'unit',
      units: [UNIT.id],
      language: 'sv',
      password: true,
    });
    expect(added.text).not.toMatch(/long enough|scrypt/);
    // An account for the county's OpenID provider only: no password.
    const oidcOnly = await t.person(county, 'POST', '/v1/admin/accounts', {
      email: 'johtaja@example.fi',
      role: 'county',
    });
    expect(oidcOnly.status).toBe(201);
    expect(oidcOnly.body).toMatchObject({ password: false, language: 'fi', units: [] });
    const noPassword = await t.call('POST', '/v1/session', {
      body: { email: 'johtaja@example.fi', password: TEST_PASSWORD },
    });
    expect(noPassword.status).toBe(401);

    const nurse = await t.signIn('hoitaja@example.fi', 'a long enough password');
    const changed = await t.person(county, 'PATCH', '/v1/admin/accounts/hoitaja@example.fi', {
      units: ['khks-aikuiset', UNIT.id],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ units: ['khks-aikuiset', UNIT.id] });
    // The change holds for the session already open.
    expect((await t.person(nurse, 'GET', '/v1/me')).body).toMatchObject({
      units: ['khks-aikuiset', UNIT.id],
    });

    const list = AccountListSchema.parse(
      (await t.person(county, 'GET', '/v1/admin/accounts')).body,
    );
    expect(list.map((account) => [account.email, account.role])).toEqual([
      ['county@example.fi', 'county'],
      ['hoitaja@example.fi', 'unit'],
      ['johtaja@example.fi', 'county'],
    ]);

    const removed = await t.person(county, 'DELETE', '/v1/admin/accounts/HOITAJA@example.fi');
    expect(removed.status).toBe(204);
    // Its session ended with it.
    expect((await t.person(nurse, 'GET', '/v1/me')).status).toBe(401);

    const log = await createStores(t.database.db).audit.newest(20);
    const changes = log
      .filter((entry) => entry.action.startsWith('account_'))
      .map((entry) => [entry.actor, entry.action, entry.target]);
    expect(changes).toEqual([
      ['county@example.fi', 'account_removed', 'hoitaja@example.fi'],
      ['county@example.fi', 'account_changed', 'hoitaja@example.fi'],
      ['county@example.fi', 'account_added', 'johtaja@example.fi'],
      ['county@example.fi', 'account_added', 'hoitaja@example.fi'],
    ]);
  });

  it('refuses what cannot be an account, and an account removing itself', async () => {
    t = await startTestServer();
    await t.addAccount({ email: 'county@example.fi', role: 'county' });
    await t.addAccount({ email: 'nurse@example.fi', role: 'unit', units: [UNIT.id] });
    const county = await t.signIn('county@example.fi', TEST_PASSWORD);
    const refusals: [unknown, number, string][] = [
      [{ email: 'not an e-mail', role: 'county' }, 400, 'invalid_body'],
      [{ email: 'a@example.fi', role: 'unit' }, 400, 'invalid_body'],
      [{ email: 'a@example.fi', role: 'county', units: [UNIT.id] }, 400, 'invalid_body'],
      [{ email: 'a@example.fi', role: 'county', password: 'too short' }, 400, 'invalid_body'],
      [{ email: 'a@example.fi', role: 'admin' }, 400, 'invalid_body'],
      [{ email: 'NURSE@example.fi', role: 'county' }, 409, 'account_exists'],
    ];
    for (const [body, status, code] of refusals) {
      const answer = await t.person(county, 'POST', '/v1/admin/accounts', body);
      expect([answer.status, codeOf(answer.body)]).toEqual([status, code]);
    }
    const countyUnits = await t.person(county, 'PATCH', '/v1/admin/accounts/county@example.fi', {
      units: [UNIT.id],
    });
    expect(countyUnits.status).toBe(400);
    const unknown = await t.person(county, 'DELETE', '/v1/admin/accounts/nobody@example.fi');
    expect([unknown.status, codeOf(unknown.body)]).toEqual([404, 'account_unknown']);
    const self = await t.person(county, 'DELETE', '/v1/admin/accounts/county@example.fi');
    expect([self.status, codeOf(self.body)]).toEqual([409, 'own_account']);
    expect((await t.person(county, 'GET', '/v1/me')).status).toBe(200);
  });
});
