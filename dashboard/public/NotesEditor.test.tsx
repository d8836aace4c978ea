import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UnitNote } from '../../core/public-api';
import { changes, MANAGER, renderPage, SECTION, serve } from './public-test-server';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The section, once the unit's report has come. */
function section(name = SECTION) {
  return screen.findByRole('region', { name });
}

describe('"You said, we did" notes', () => {
  it('lists the notes newest first, each part in its languages, with who wrote it and when (en)', async () => {
    serve();
    renderPage('en', MANAGER);
    const region = await section();
    expect(
      within(region).getByText(/These notes will be on the unit's public page/),
    ).toBeInTheDocument();
    expect(within(region).getByText(/Never name a patient/)).toBeInTheDocument();
    const list = await within(region).findByRole('list', { name: 'Notes, newest first' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.public-meta')?.textContent)).toEqual([
      'Written March 10, 2026 by manager@example.fi',
      'Written February 2, 2026 by staff@county.example.fi',
    ]);
    expect(items[0]).toHaveTextContent(
      'You saidSuomi Odotus oli pitkä.English The wait was long.We didEnglish We added a morning shift.',
    );
    expect(within(items[1]!).getByText('Svårt att hitta parkering.')).toHaveAttribute('lang', 'sv');
  });

  it('says so when the unit has no notes yet', async () => {
    serve({}, { notes: [] });
    renderPage('en');
    expect(await screen.findByText('No notes yet.')).toBeInTheDocument();
  });

  it('says so when the notes could not be loaded', async () => {
    serve({ 'GET /v1/units/ward-7/notes': 'network' });
    renderPage('en');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The notes could not be loaded. The server could not be reached.',
    );
  });

  it('adds a note: sends the languages filled in, trimmed, and shows it first', async () => {
    const created: UnitNote = {
      id: 'n3',
      unitId: 'ward-7',
      youSaid: { fi: 'Aulassa oli kylmä.' },
      weDid: { fi: 'Korjasimme oven.', sv: 'Vi lagade dörren.' },
      createdAt: '2026-03-15T10:00:00.000Z',
      createdBy: 'manager@example.fi',
    };
    const asked = serve({ 'POST /v1/units/ward-7/notes': { status: 201, body: created } });
    renderPage('en', MANAGER);
    const region = await section();
    await within(region).findByRole('list', { name: 'Notes, newest first' });
    const form = within(region).getByRole('form', { name: 'Add a note' });
    expect(form).toHaveTextContent(
      'Write both parts in at least one language: Finnish, Swedish or English, at most 300 characters each.',
    );
    const youSaid = within(form).getByRole('group', {
      name: 'You said: what the feedback told you',
    });
    const weDid = within(form).getByRole('group', { name: 'We did: what the unit changed' });
    const field = within(youSaid).getByRole('textbox', { name: 'In Finnish' });
    fireEvent.change(field, { target: { value: '  Aulassa oli kylmä. ' } });
    expect(field).toHaveAccessibleDescription('18/300 characters');
    fireEvent.change(within(weDid).getByRole('textbox', { name: 'In Finnish' }), {
      target: { value: 'Korjasimme oven.' },
    });
    fireEvent.change(within(weDid).getByRole('textbox', { name: 'In Swedish' }), {
      target: { value: 'Vi lagade dörren.' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Add note' }));
    await within(region).findByText('The note was added.');
    expect(changes(asked).map((a) => [a.method, a.path, a.body])).toEqual([
      [
        'POST',
        '/v1/units/ward-7/notes',
        {
          youSaid: { fi: 'Aulassa oli kylmä.' },
          weDid: { fi: 'Korjasimme oven.', sv: 'Vi lagade dörren.' },
        },
      ],
    ]);
    const items = within(
      within(region).getByRole('list', { name: 'Notes, newest first' }),
    ).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('Aulassa oli kylmä.');
    // The form is empty again for the next note.
    expect(field).toHaveValue('');
  });

  it('says which part needs a language, ties the message to its fields, and sends nothing', async () => {
    const asked = serve();
    renderPage('en');
    const form = await screen.findByRole('form', { name: 'Add a note' });
    const weDid = within(form).getByRole('group', { name: /We did/ });
    fireEvent.change(
      within(form)
        .getByRole('group', { name: /You said/ })
        .querySelector('textarea')!,
      {
        target: { value: 'The wait was long.' },
      },
    );
    fireEvent.click(within(form).getByRole('button', { name: 'Add note' }));
    const finnish = within(weDid).getByRole('textbox', { name: 'In Finnish' });
    expect(finnish).toHaveFocus();
    for (const box of within(weDid).getAllByRole('textbox')) {
      expect(box).toHaveAttribute('aria-invalid', 'true');
      expect(box).toHaveAccessibleDescription(/^Write what you did in at least one language\./);
    }
    expect(
      within(form)
        .getByRole('group', { name: /You said/ })
        .querySelector('[aria-invalid="true"]'),
    ).toBeNull();
    expect(
      within(form).getByText('The note was not sent: mend the fields marked above.'),
    ).toBeInTheDocument();
    // Mended as it is typed: the message goes.
    fireEvent.change(within(weDid).getByRole('textbox', { name: 'In English' }), {
      target: { value: 'We added a morning shift.' },
    });
    expect(within(form).queryByText(/Write what you did/)).toBeNull();
    expect(finnish).toHaveAttribute('aria-invalid', 'false');
    expect(changes(asked)).toEqual([]);
  });

  it('marks a text longer than 300 characters, counts it, and sends nothing', async () => {
    const asked = serve();
    renderPage('en');
    const form = await screen.findByRole('form', { name: 'Add a note' });
    const youSaid = within(form).getByRole('group', { name: /You said/ });
    const swedish = within(youSaid).getByRole('textbox', { name: 'In Swedish' });
    fireEvent.change(swedish, { target: { value: 'x'.repeat(301) } });
    fireEvent.change(
      within(form)
        .getByRole('group', { name: /We did/ })
        .querySelector('textarea')!,
      {
        target: { value: 'Something.' },
      },
    );
    fireEvent.click(within(form).getByRole('button', { name: 'Add note' }));
    expect(swedish).toHaveFocus();
    expect(swedish).toHaveAttribute('aria-invalid', 'true');
    expect(swedish).toHaveAccessibleDescription(
      'Too long: at most 300 characters. 301/300 characters',
    );
    expect(within(youSaid).getByRole('textbox', { name: 'In Finnish' })).toHaveAttribute(
      'aria-invalid',
      'false',
    );
    expect(changes(asked)).toEqual([]);
  });

  it('keeps the texts and says so when the server refuses the note', async () => {
    serve({
      'POST /v1/units/ward-7/notes': {
        status: 400,
        body: { error: { code: 'invalid_body', message: 'youSaid.fi: Too big' } },
      },
    });
    renderPage('en');
    const form = await screen.findByRole('form', { name: 'Add a note' });
    const first = within(form)
      .getByRole('group', { name: /You said/ })
      .querySelector('textarea')!;
    fireEvent.change(first, { target: { value: 'A' } });
    fireEvent.change(
      within(form)
        .getByRole('group', { name: /We did/ })
        .querySelector('textarea')!,
      {
        target: { value: 'B' },
      },
    );
    fireEvent.click(within(form).getByRole('button', { name: 'Add note' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'The server did not take the note. Check the texts and try again.',
    );
    expect(first).toHaveValue('A');
    expect(document.body.textContent).not.toMatch(/Too big/);
  });

  it('deletes a note only after confirming; cancelling keeps it', async () => {
    const asked = serve({ 'DELETE /v1/units/ward-7/notes/n1': { status: 204 } });
    renderPage('en');
    const list = await screen.findByRole('list', { name: 'Notes, newest first' });
    const second = () => within(list).getAllByRole('listitem')[1]!;
    const remove = within(second()).getByRole('button', { name: 'Delete note' });
    expect(remove).toHaveAccessibleDescription('Svenska Svårt att hitta parkering.');
    fireEvent.click(remove);
    const question = within(second()).getByRole('group', { name: /Delete this note\?/ });
    expect(question).toHaveFocus();
    expect(question).toHaveTextContent('It disappears from the public page too.');
    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(within(second()).getByRole('button', { name: 'Delete note' })).toHaveFocus();
    expect(changes(asked)).toEqual([]);

    fireEvent.click(within(second()).getByRole('button', { name: 'Delete note' }));
    fireEvent.click(within(second()).getByRole('button', { name: 'Yes, delete' }));
    await screen.findByText('The note was deleted.');
    expect(changes(asked).map((a) => [a.method, a.path])).toEqual([
      ['DELETE', '/v1/units/ward-7/notes/n1'],
    ]);
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByRole('heading', { name: 'You said, we did' })).toHaveFocus();
  });

  it('keeps a note whose deletion failed, and says why', async () => {
    serve({
      'DELETE /v1/units/ward-7/notes/n2': {
        status: 500,
        body: { error: { code: 'internal', message: 'boom' } },
      },
    });
    renderPage('en');
    const list = await screen.findByRole('list', { name: 'Notes, newest first' });
    const first = within(list).getAllByRole('listitem')[0]!;
    fireEvent.click(within(first).getByRole('button', { name: 'Delete note' }));
    fireEvent.click(within(first).getByRole('button', { name: 'Yes, delete' }));
    expect(await within(first).findByRole('alert')).toHaveTextContent(
      'The server could not answer. Try again in a moment.',
    );
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
  });
});
