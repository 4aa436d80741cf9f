// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { useLocale } from './support/i18n';
import { msLabel } from '../../src/content/guided/ms-labels';
import { t } from '../../src/shared/i18n';

const page = (lang: string) => {
  const doc = document.implementation.createHTMLDocument('');
  doc.documentElement.lang = lang;
  return doc;
};

describe('Microsoft labels quoted by the overlay are the ones the page shows', () => {
  afterEach(() => useLocale('en'));

  it('a German admin on an English page (the default) is told the English label, in a German sentence', () => {
    useLocale('de');
    document.documentElement.lang = 'en-US';
    expect(msLabel('AddSignInMethod')).toBe('+ Add sign-in method');
    expect(t('overlaySelectingAdd', msLabel('AddSignInMethod'))).toBe('„+ Add sign-in method“ wird ausgewählt.');
    expect(t('overlayKmsi', msLabel('No'), msLabel('StaySignedIn'))).toBe(
      '„Stay signed in?“ wird mit „No“ beantwortet: Die Sitzung gehört dem Benutzer.',
    );
  });

  it('on a page in the admin’s language, Microsoft’s label in that language', () => {
    useLocale('de');
    expect(msLabel('AddSignInMethod', page('de-DE'))).toBe('+ Anmeldemethode hinzufügen');
    useLocale('ja');
    expect(msLabel('StaySignedIn', page('ja'))).toBe('サインインの状態を維持しますか?');
    useLocale('fr');
    expect(msLabel('SecurityKey', page('fr-FR'))).toBe('Clé de sécurité');
  });

  it('an English admin on an English page reads exactly what the overlay always said', () => {
    const en = page('en');
    expect(
      t(
        'overlayFallbackAdd',
        ...(['SecurityInfo', 'AddSignInMethod', 'Passkey', 'SecurityKey', 'UsbDevice', 'Next'] as const).map((k) =>
          msLabel(k, en),
        ),
      ),
    ).toBe(
      'On Security info, select "+ Add sign-in method", choose "Passkey" (or "Security key" → USB device), then "Next".',
    );
  });
});
