/**
 * "Check setup" as the admin reads it: the settings page's results list rendered (preact into a happy-dom document),
 * in English (the UI contract: "<label>: passed|failed|unknown") and in German, with substitutions.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { Window } from 'happy-dom';
import { useLocale } from './support/i18n';
import { evaluateSetup, failureSummary, verdictText, type SetupFacts } from '../../src/shared/setup-check';

// A document for preact; the page opened with #check runs the check at once.
const win = new Window({ url: 'chrome-extension://abc/src/options/index.html#check' });
Object.assign(globalThis, { window: win, document: win.document, location: win.location });

const reply = vi.hoisted(() => ({ value: null as unknown }));
vi.mock('webextension-polyfill', () => ({
  default: { runtime: { sendMessage: async () => ({ ok: true, value: reply.value }) } },
}));
const { SetupCheck } = await import('../../src/options/SetupCheck');

const facts = (): SetupFacts => ({
  adminCenter: 'https://entra.microsoft.com',
  clientId: '3c9a6f4e-2b1d-4e8a-9c7f-1a2b3c4d5e6f',
  tenant: 'contoso.onmicrosoft.com',
  redirectUri: 'https://abc.chromiumapp.org/',
  authorize: { accepted: false, aadsts: '50011', message: 'The redirect URI does not match.' },
  signIn: { signedIn: true, upn: 'nestorw@contoso.onmicrosoft.com' },
  scopes: ['User.Read', 'User.Read.All', 'UserAuthenticationMethod.ReadWrite.All', 'Policy.Read.AuthenticationMethod'],
  roles: null,
  fido2: { ok: true, value: { state: 'enabled', isSelfServiceRegistrationAllowed: true, includeTargets: [] } },
  tapPolicy: {
    ok: true,
    value: { state: 'enabled', minimumLifetimeInMinutes: 60, maximumLifetimeInMinutes: 480, isUsableOnce: true },
  },
  incognito: true,
});

let mounted: HTMLElement | undefined;
/** Renders the section, lets it run the check, and returns each result's text by item id. */
async function renderResults(): Promise<{ root: HTMLElement; items: Map<string, string> }> {
  // The background evaluates in the same language as the page.
  reply.value = evaluateSetup(facts());
  const root = document.createElement('div');
  mounted = root;
  document.body.replaceChildren(root);
  render(<SetupCheck />, root);
  await vi.waitFor(() => expect(root.querySelector('ul.setup-results')).not.toBeNull());
  const items = new Map(
    [...root.querySelectorAll('li[data-item]')].map((li) => [li.getAttribute('data-item')!, li.textContent ?? '']),
  );
  return { root, items };
}

afterEach(() => {
  if (mounted) render(null, mounted);
  useLocale('en');
});

describe('setup check results on the settings page', () => {
  it('in English: each item reads "<label>: <verdict>", with what to change and the admin center link', async () => {
    const { root, items } = await renderResults();
    expect(root.querySelector('ul')?.getAttribute('aria-label')).toBe('Setup check results');
    expect(items.get('app-registration')).toMatch(
      /^App registration: tenant, client ID and redirect URI: failedThe redirect URI is not registered for this app \(AADSTS50011: The redirect URI does not match\.\)\.What to change: Add https:\/\/abc\.chromiumapp\.org\/ as a redirect URI/,
    );
    expect(items.get('sign-in')).toMatch(/^Sign-in \(single-page application platform, consent\): passed/);
    expect(items.get('role')).toMatch(/: unknown/);
    expect(root.querySelector('a')?.textContent).toBe(
      'Open App registration › Authentication in the Entra admin center',
    );
    expect(root.querySelector('[role=alert]')?.textContent).toBe(
      '2 checks failed: App registration: tenant, client ID and redirect URI; Delegated Microsoft Graph permissions.',
    );
  });

  it('in German: labels, verdicts, fixes with their substitutions, and the links’ page names', async () => {
    useLocale('de');
    const { root, items } = await renderResults();
    expect(root.querySelector('h2')?.textContent).toBe('Einrichtung prüfen');
    expect(root.querySelector('ul')?.getAttribute('aria-label')).toBe('Ergebnisse der Einrichtungsprüfung');
    expect(items.get('app-registration')).toContain(
      'App-Registrierung: Mandant, Client-ID und Umleitungs-URI: fehlgeschlagen' +
        'Der Umleitungs-URI ist für diese App nicht registriert (AADSTS50011: The redirect URI does not match.).' +
        'Zu ändern: Fügen Sie https://abc.chromiumapp.org/ als Umleitungs-URI unter der Plattform ' +
        '„Single-Page-Anwendung“ hinzu, und melden Sie sich dann erneut an.',
    );
    expect(items.get('sign-in')).toBe(
      'Anmeldung (Plattform „Single-Page-Anwendung“, Einwilligung): bestanden' +
        'Angemeldet als nestorw@contoso.onmicrosoft.com: Plattform und Einwilligung funktionieren.',
    );
    expect(items.get('permissions')).toContain(
      'In Ihrem Token fehlen: GroupMember.Read.All (ohne sie kann die Erweiterung die Gruppenziele',
    );
    expect(items.get('tap-policy')).toContain(
      'Aktiviert; Gültigkeitsdauer 60–480 Minuten; jeder Pass ist einmalig verwendbar.',
    );
    expect(items.get('role')).toMatch(/^Ihre Rolle darf die Anmeldemethoden von Benutzern verwalten: unbekannt/);
    expect(root.querySelector('a')?.textContent).toBe(
      'App-Registrierung › Authentifizierung im Microsoft Entra Admin Center öffnen',
    );
    // The admin center links stay the same URLs in every language.
    expect(root.querySelector('a')?.getAttribute('href')).toBe(
      'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Authentication/appId/3c9a6f4e-2b1d-4e8a-9c7f-1a2b3c4d5e6f',
    );
    expect(root.textContent).not.toMatch(/\b(passed|failed|unknown)\b/);
  });

  it('counts failures with the plural form of the language', () => {
    useLocale('de');
    const items = evaluateSetup(facts());
    expect(verdictText('failed')).toBe('fehlgeschlagen');
    expect(failureSummary(items)).toBe(
      '2 Prüfungen fehlgeschlagen: App-Registrierung: Mandant, Client-ID und Umleitungs-URI; Delegierte Microsoft Graph-Berechtigungen.',
    );
    expect(failureSummary(items.filter((i) => i.id === 'permissions'))).toBe(
      '1 Prüfung fehlgeschlagen: Delegierte Microsoft Graph-Berechtigungen.',
    );
  });
});
