// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GuidedContext } from '../../src/shared/protocol';
import { t } from '../../src/shared/i18n';
import { useLocale } from './support/i18n';

vi.mock('../../src/shared/messaging', () => ({ send: vi.fn(async () => null) }));

// The overlay's shadow root is closed; open it here to look inside.
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init: ShadowRootInit) {
  return attach.call(this, { ...init, mode: 'open' });
};
const { Overlay } = await import('../../src/content/overlay');
const { fallbackFor } = await import('../../src/content/guided/driver');

const TAP = 'Xy7$kP2q';
const root = () => document.querySelector('passkey-provisioner-overlay')!.shadowRoot!;
const live = (r: ShadowRoot) => [...r.querySelectorAll('[role=status], [role=alert], [aria-live]')];

describe('the overlay shows the Temporary Access Pass on request', () => {
  const overlay = new Overlay();
  overlay.show({
    title: 'Registering a passkey',
    user: 'Megan Bowen · meganb@contoso.onmicrosoft.com',
    message: 'Sign in as meganb@contoso.onmicrosoft.com with the pass.',
    note: `Temporary Access Pass: ${TAP} (hidden again in 30 seconds)`,
    actions: [{ label: 'Show pass', onClick: () => {} }],
  });

  it('readable in the panel', () => {
    expect(root().textContent).toContain(TAP);
  });
  it('never inside a live region a screen reader would announce', () => {
    const regions = live(root());
    expect(regions.length).toBeGreaterThan(0); // the step message is one
    for (const r of regions) expect(r.textContent).not.toContain(TAP);
    const note = [...root().querySelectorAll('div.note')].find((e) => e.textContent?.includes(TAP))!;
    expect(note.closest('[role=status], [role=alert], [aria-live]')).toBeNull();
  });
});

describe('the overlay speaks the admin’s language, whatever the page’s', () => {
  afterEach(() => useLocale('en'));
  const ctx: GuidedContext = {
    jobId: 'job-1',
    user: { displayName: 'Megan Bowen', userPrincipalName: 'meganb@contoso.onmicrosoft.com' },
    passkeyName: 'YubiKey 5',
    steps: [],
    stage: 'key',
    paused: false,
    manual: false,
  };
  const last = () => [...document.querySelectorAll('passkey-provisioner-overlay')].at(-1)!;

  it('German: the instruction with the user’s name, the pass note and the panel’s lang', () => {
    useLocale('de');
    const overlay = new Overlay();
    overlay.show({
      title: t('overlayGuidedTitle'),
      user: 'Megan Bowen · meganb@contoso.onmicrosoft.com',
      message: t('overlayYourTurn', fallbackFor('key', ctx)),
      note: t('overlayPassNote', TAP),
      actions: [{ label: t('overlayShowPass'), onClick: () => {} }],
    });
    const r = last().shadowRoot!;
    expect(r.querySelector('[role=status]')!.textContent).toBe(
      'Sie sind dran: Stecken Sie den Schlüssel für Megan Bowen ein und folgen Sie den Aufforderungen des Browsers (PIN, Berührung). Erlauben Sie „erweiterte Informationen“, wenn Sie gefragt werden.',
    );
    // The pass's "$" stays as typed: a substitution is never read as a placeholder.
    expect(r.querySelector('.note')!.textContent).toBe(
      `Befristeter Zugriffspass: ${TAP} (wird in 30 Sekunden wieder ausgeblendet)`,
    );
    expect(r.querySelector('[role=dialog]')!.getAttribute('aria-label')).toBe(
      'Passkey Provisioner: Passkey wird registriert',
    );
    expect([...r.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Pass anzeigen']);
    expect(last().getAttribute('lang')).toBe('de');
    expect(r.querySelector('.wrap')!.getAttribute('lang')).toBe('de');
    overlay.remove();
  });

  it('English: the words tests and the UI contract rely on are unchanged', () => {
    expect(fallbackFor('key', ctx)).toBe(
      'Insert the key for Megan Bowen, follow the browser\u2019s prompts (PIN, touch). Allow "extended information" if asked.',
    );
    expect(
      ['overlayManualStep', 'overlayPause', 'overlayResume', 'overlayCancelJob', 'overlayShowPass'].map((k) =>
        t(k as never),
      ),
    ).toEqual(['I\u2019ll do this step', 'Pause', 'Resume', 'Cancel job', 'Show pass']);
    const overlay = new Overlay();
    overlay.show({ title: 'x', user: 'y', message: 'z' });
    expect(last().getAttribute('lang')).toBe('en');
    overlay.remove();
  });
});
