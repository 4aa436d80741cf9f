/**
 * The popup in the admin's language: whole messages per job phase and status (the name in bold inside the
 * translated sentence), plural counts, and the English accessible names the e2e tests and the UI contract use.
 * Rendered into a happy-dom document from the node environment (a DOM environment would make Vite rewrite the
 * catalogs' `new URL('.', import.meta.url)` as a web asset URL).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Window } from 'happy-dom';
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import type { Job } from '../../src/shared/protocol';
import { t, tn } from '../../src/shared/i18n';
import { testJob } from './support/job';
import { useLocale } from './support/i18n';

vi.mock('../../src/shared/messaging', () => ({ send: vi.fn(async () => null) }));
const { JobBanner } = await import('../../src/popup/JobBanner');
const { JobView } = await import('../../src/popup/Provision');
const { ErrorView } = await import('../../src/popup/ErrorView');

/** chrome.storage.session holding the current job, as the service worker writes it. */
function sessionWith(job: Job | null) {
  vi.stubGlobal('chrome', {
    storage: {
      session: {
        get: async (key: string) => (job ? { [key]: job } : {}),
        onChanged: { addListener: () => undefined, removeListener: () => undefined },
      },
    },
  });
}

const doc = new Window().document as unknown as Document;
let root: HTMLElement;
beforeEach(() => {
  sessionWith(null);
  root = doc.createElement('div');
  doc.body.append(root);
});
/** Unmounts, running the effects' clean-up (the storage listener) while chrome is still there. */
const unmount = () =>
  act(() => {
    render(null, root);
  });
afterEach(async () => {
  await unmount();
  root.remove();
  vi.unstubAllGlobals();
  useLocale('en');
});

async function show(node: ComponentChild) {
  await act(async () => {
    render(node, root);
  });
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}
const banner = () => root.querySelector('section.job-banner') as HTMLElement | null;

describe('the job banner', () => {
  it('reads as before in English, the name in bold, with its accessible names', async () => {
    sessionWith(testJob({ mode: 'guided', phase: 'waiting-for-key' }));
    await show(<JobBanner />);
    expect(banner()?.getAttribute('aria-label')).toBe('Current job');
    expect(banner()?.querySelector('span')?.textContent).toBe('Guided: Megan Bowen \u2014 waiting for the key');
    expect(banner()?.querySelector('strong')?.textContent).toBe('Megan Bowen');
    const buttons = [...root.querySelectorAll('button')].map((b) => b.textContent);
    expect(buttons).toEqual(['Check again', 'Cancel']);
  });

  it('is one German sentence per phase, and says so while cancelling', async () => {
    useLocale('de');
    sessionWith(testJob({ phase: 'registering' }));
    await show(<JobBanner />);
    const text = banner()?.querySelector('span')?.textContent;
    expect(text).toBe('Automatisch: Megan Bowen \u2014 Passkey wird bei Microsoft registriert');
    expect(text).not.toMatch(/registering|Automatic/);
    expect(banner()?.getAttribute('aria-label')).toBe('Aktueller Auftrag');
    expect(root.querySelector('button')?.textContent).toBe('Abbrechen');

    await unmount();
    sessionWith(testJob({ mode: 'guided', phase: 'signing-in', cancelRequested: true } as Partial<Job>));
    await show(<JobBanner />);
    expect(banner()?.querySelector('span')?.textContent).toBe(
      'Geführt: Megan Bowen \u2014 wird abgebrochen, sobald Microsoft antwortet',
    );
  });

  it('has a message for every active phase in every locale', () => {
    for (const l of ['en', 'de', 'fr', 'ja', 'es'] as const) {
      useLocale(l);
      for (const key of [
        'popupJobPreparing',
        'popupJobWaitingForKey',
        'popupJobRegistering',
        'popupJobVerifying',
        'popupJobSigningIn',
        'popupJobSecurityInfo',
        'popupJobCleaningUp',
        'popupJobCancelling',
      ] as const) {
        const text = t(key, 'MODE', 'NAME');
        expect(text, `${l} ${key}`).toContain('MODE');
        expect(text, `${l} ${key}`).toContain('NAME');
      }
    }
  });
});

describe('the job outcome', () => {
  const done = testJob({
    phase: 'succeeded',
    result: { passkey: { id: 'p1', displayName: 'YubiKey 5 NFC', attestationLevel: 'attested' } },
  });

  it('English: the status the e2e tests wait for', async () => {
    await show(<JobView job={done} />);
    const status = root.querySelector('[role=status]');
    expect(status?.textContent).toBe('Passkey registered for Megan Bowen: YubiKey 5 NFC · attested');
    expect(status?.querySelector('strong')?.textContent).toBe('YubiKey 5 NFC');
    expect(root.querySelector('[aria-label="Provisioning progress"]')).not.toBeNull();
  });

  it('German: the whole sentence, the passkey name still in bold', async () => {
    useLocale('de');
    await show(<JobView job={done} />);
    const status = root.querySelector('[role=status]');
    expect(status?.textContent).toBe('Passkey für Megan Bowen registriert: YubiKey 5 NFC · mit Nachweis');
    expect(status?.querySelector('strong')?.textContent).toBe('YubiKey 5 NFC');
    expect(status?.textContent).not.toMatch(/registered for|attested/);
  });

  it('a failed job and the request ID, in German', async () => {
    useLocale('de');
    const error = { code: 'graph', message: 'Fehler.', requestId: 'abc-123' };
    await show(
      <>
        <JobView job={testJob({ phase: 'failed', error })} />
        <ErrorView error={error} />
      </>,
    );
    expect(root.textContent).toContain('Bereitstellung für Megan Bowen fehlgeschlagen');
    expect(root.textContent).toContain('Anforderungs-ID: abc-123');
    expect(root.querySelector('code')?.textContent).toBe('abc-123');
    expect(root.textContent).not.toContain('Request ID');
  });
});

describe('counts and statuses', () => {
  it('English counts read exactly as before', () => {
    expect(tn('popupImportAdded', 2)).toBe('2 users added.');
    expect(tn('popupImportAdded', 1)).toBe('1 user added.');
    expect(tn('popupImportAddedDuplicates', 1, 3)).toBe('1 user added, 3 already queued.');
    expect(tn('popupUsersFound', 1)).toBe('1 user found');
    expect(tn('popupUsersFoundMore', 20)).toBe('20+ users found');
    expect(t('popupQueueCounts', 3, 10, 2, 1, 0)).toBe('3 of 10 done · 2 registered · 1 failed · 0 skipped');
  });

  it('plural forms by the UI language', () => {
    useLocale('fr');
    // French counts 0 and 1 as singular; the rule object is made once per run, so check the catalog forms.
    expect(t('popupImportAdded_one', 1)).toBe('1 utilisateur ajouté.');
    expect(t('popupImportAdded_other', 3)).toBe('3 utilisateurs ajoutés.');
    useLocale('de');
    expect(tn('popupUsersFound', 5)).toBe('5 Benutzer gefunden');
    expect(t('popupStatusSkipped')).toBe('übersprungen');
  });
});
