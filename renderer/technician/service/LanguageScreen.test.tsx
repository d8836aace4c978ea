import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  ScriptedServiceBridge,
  hostStatus,
  serviceConfig,
} from '../../testing/scripted-service-bridge';
import { LanguageScreen } from './LanguageScreen';
import { LANGUAGES, renderIn, settle } from './testing/service-kit';

describe.each(LANGUAGES)('the default language in %s', (language) => {
  it('offers the unit’s languages, each named in its own, and sets the one chosen', async () => {
    const config = serviceConfig({ languages: ['fi', 'sv', 'en'], defaultLanguage: 'fi' });
    const bridge = new ScriptedServiceBridge(hostStatus(), config);
    const { container, t } = renderIn(
      language,
      <LanguageScreen bridge={bridge} config={config} host={bridge.status} language={language} />,
    );
    expect(container.querySelector('[data-screen="service-language"]')).toBeInTheDocument();
    const suomi = screen.getByRole('button', { name: 'Suomi' });
    const svenska = screen.getByRole('button', { name: 'Svenska' });
    expect(suomi).toHaveAttribute('lang', 'fi');
    expect(suomi).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );

    fireEvent.click(svenska);
    await settle();
    expect(bridge.argsOf('service:set-language')).toEqual([{ language: 'sv' }]);
    expect(svenska).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('status')).toHaveTextContent(
      t('language.saved', { language: 'Svenska' }),
    );
  });

  it('shows the terminal’s own default over the unit’s, and a refusal plainly', async () => {
    const config = serviceConfig({ languages: ['fi', 'en'] });
    const bridge = new ScriptedServiceBridge(hostStatus({ defaultLanguage: 'en' }), config);
    bridge.answer('service:set-language', () => ({ ok: false, reason: 'session_closed' }));
    const { t } = renderIn(
      language,
      <LanguageScreen bridge={bridge} config={config} host={bridge.status} language={language} />,
    );
    expect(screen.queryByRole('button', { name: 'Svenska' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(screen.getByRole('button', { name: 'Suomi' }));
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent(t('language.refused.session_closed'));
  });
});
