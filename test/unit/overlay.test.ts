// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';

// The overlay's shadow root is closed; open it here to look inside.
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init: ShadowRootInit) {
  return attach.call(this, { ...init, mode: 'open' });
};
const { Overlay } = await import('../../src/content/overlay');

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
