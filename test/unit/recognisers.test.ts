// @vitest-environment happy-dom
/**
 * The guided drivers' view recognisers on the fake's captured markup (both locales, both flows,
 * the TAP input variants the reference leaves unknown).
 */
import { describe, expect, it } from 'vitest';
import { renderFidoCreate, renderSecurityInfo, renderSignInView, renderSignedOut } from '../fake-cloud/pages/index.ts';
import { recogniseSignIn, type SignInView } from '../../src/content/guided/signin-views';
import { recogniseSecurityInfo, shownIdentities } from '../../src/content/guided/security-info-views';

function load(html: string): Document {
  document.open();
  document.write(html);
  document.close();
  return document;
}
const LOGIN = new URL('https://login.microsoftonline.com/7f3c/oauth2/v2.0/authorize');
const SECINFO = new URL('https://mysignins.microsoft.com/security-info');
const state = { upn: 'leeg@contoso.onmicrosoft.com', displayName: 'Lee Gu', methods: [], passkeyAvailable: true };

describe('sign-in views', () => {
  for (const locale of ['en', 'de'] as const) {
    it.each([
      ['picker', 'picker'],
      ['username', 'username'],
      ['password', 'password'],
      ['tap', 'tap'],
      ['kmsi', 'kmsi'],
      ['proofUp', 'proofup'],
      ['conditionalAccess', 'conditional-access'],
    ] as const)(`${locale}: %s → %s`, (view, kind) => {
      const v = recogniseSignIn(load(renderSignInView(view, { locale, upn: state.upn })), LOGIN);
      expect(v.kind).toBe(kind);
    });
  }

  it('never takes the hidden passwd trap for the password view', () => {
    const v = recogniseSignIn(load(renderSignInView('username')), LOGIN) as Extract<SignInView, { kind: 'username' }>;
    expect(v.input.name).toBe('loginfmt');
    expect(v.next?.id).toBe('idSIButton9');
  });

  it('finds the TAP input by its name whatever its id and type', () => {
    for (const tapInput of [
      { type: 'text', id: 'i0118' },
      { type: 'password' },
      { type: 'password', id: 'accesspass', placeholder: 'Temporary Access Pass' },
    ] as const) {
      const v = recogniseSignIn(load(renderSignInView('tap', { tapInput } as never)), LOGIN);
      expect(v.kind).toBe('tap');
      expect((v as Extract<SignInView, { kind: 'tap' }>).input.name).toBe('accesspass');
    }
  });

  it('classifies TAP errors', () => {
    const v = recogniseSignIn(
      load(renderSignInView('tap', { error: 'Your Temporary Access Pass has expired.' } as never)),
      LOGIN,
    );
    expect(v.kind === 'tap' && v.errorKind).toBe('tap-expired');
  });

  it('offers the "Use your Temporary Access Pass instead" link on the password view', () => {
    const v = recogniseSignIn(load(renderSignInView('password', { tapLink: true } as never)), LOGIN);
    expect(v.kind).toBe('password');
  });

  it('recognises the sign-out page and the fido/create page by URL', () => {
    expect(
      recogniseSignIn(load(renderSignedOut()), new URL('https://login.microsoftonline.com/common/oauth2/v2.0/logout'))
        .kind,
    ).toBe('signed-out');
    const v = recogniseSignIn(load(renderFidoCreate()), new URL('https://login.microsoft.com/7f3c/fido/create?cid=1'));
    expect(v.kind).toBe('fido-create');
    expect(v.kind === 'fido-create' && v.next).toBeTruthy();
  });
});

describe('Security info views', () => {
  for (const locale of ['en', 'de'] as const) {
    it.each([
      ['addMethod', 'add-method-dialog'],
      ['signInFaster', 'passkey-intro'],
      ['name', 'name-passkey'],
      ['created', 'passkey-created'],
      ['addMethodLegacy', 'legacy-picker'],
      ['securityKeyType', 'legacy-device'],
      ['securityKeyReady', 'legacy-ready'],
      ['securityKeyName', 'name-passkey'],
    ] as const)(`${locale}: %s → %s`, (openDialog, kind) => {
      const variant = openDialog.startsWith('securityKey') || openDialog === 'addMethodLegacy' ? 'legacy' : 'current';
      const v = recogniseSecurityInfo(load(renderSecurityInfo(state, { locale, variant, openDialog })), SECINFO);
      expect(v.kind).toBe(kind);
    });
    it(`${locale}: the list page, its add button and the signed-in identity`, () => {
      const doc = load(renderSecurityInfo(state, { locale }));
      const v = recogniseSecurityInfo(doc, SECINFO);
      expect(v.kind).toBe('security-info');
      expect(v.kind === 'security-info' && v.addMethod).toBeTruthy();
      expect(shownIdentities(doc)).toContain('leeg@contoso.onmicrosoft.com');
    });
  }

  it('finds the Passkey option in the add dialog', () => {
    const v = recogniseSecurityInfo(load(renderSecurityInfo(state, { openDialog: 'addMethod' })), SECINFO);
    expect(v.kind === 'add-method-dialog' && v.passkey?.textContent).toMatch(/Passkey/);
  });
});
