/** The pure render functions produce the documented ids, names, roles and texts, in English and German. */
import { afterAll, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import {
  renderBanner,
  renderDialog,
  renderFidoCreate,
  renderMethodsList,
  renderNewFidoResult,
  renderSecurityInfo,
  renderSignedOut,
  renderSignInView,
  CURRENT_DIALOGS,
  LEGACY_DIALOGS,
  type SecurityInfoState,
} from '../../fake-cloud/pages/index.ts';

const win = new Window();
afterAll(async () => {
  await win.happyDOM.close();
});

function dom(html: string): Document {
  return new win.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

function q(doc: Document | Element | DocumentFragment, sel: string): Element {
  const el = doc.querySelector(sel);
  if (!el) throw new Error(`missing ${sel}`);
  return el;
}

function pgid(doc: Document): string {
  const script = [...doc.querySelectorAll('script')]
    .map((s) => s.textContent ?? '')
    .find((t) => t.includes('$Config='))!;
  return (JSON.parse(/\$Config=(\{.*\});/.exec(script)![1]!) as { pgid: string }).pgid;
}

const heading = (doc: Document) => q(doc, '#loginHeader [role=heading][aria-level="1"]').textContent;

const state: SecurityInfoState = {
  upn: 'christiec@contoso.onmicrosoft.com',
  displayName: 'Christie Cline',
  sessionCtx: 'ctx',
  methods: [
    { kind: 'password', id: 'pwd', dateMs: Date.UTC(2024, 0, 2) },
    { kind: 'tap', id: 'tap1', dateMs: Date.UTC(2024, 0, 3) },
    { kind: 'passkey', id: 'pk1', name: 'YubiKey 5 NFC', passkeyType: 'deviceBound' },
    { kind: 'passkey', id: 'pk2', name: 'iPhone', passkeyType: 'synced' },
  ],
};

const T = {
  en: {
    signIn: 'Sign in',
    next: 'Next',
    tap: 'Enter Temporary Access Pass',
    kmsi: 'Stay signed in?',
    no: 'No',
    yes: 'Yes',
    pick: 'Pick an account',
    other: 'Use another account',
    password: 'Enter password',
    securityInfo: 'Security info',
    add: 'Add sign-in method',
    addDialog: 'Add a sign-in method',
    name: 'Let’s name your passkey',
    created: 'Passkey created',
    done: 'Done',
    deviceBound: 'Passkey (Device bound)',
    deletePasskey: 'Delete Passkey',
    fido: 'Setting up your passkey...',
    signedOut: 'You signed out of your account',
  },
  de: {
    signIn: 'Anmelden',
    next: 'Weiter',
    tap: 'Befristeten Zugriffspass eingeben',
    kmsi: 'Angemeldet bleiben?',
    no: 'Nein',
    yes: 'Ja',
    pick: 'Konto auswählen',
    other: 'Anderes Konto verwenden',
    password: 'Kennwort eingeben',
    securityInfo: 'Sicherheitsinformationen',
    add: 'Anmeldemethode hinzufügen',
    addDialog: 'Anmeldemethode hinzufügen',
    name: 'Passkey benennen',
    created: 'Passkey erstellt',
    done: 'Fertig',
    deviceBound: 'Passkey (gerätegebunden)',
    deletePasskey: 'Passkey löschen',
    fido: 'Passkey wird eingerichtet...',
    signedOut: 'Sie haben sich von Ihrem Konto abgemeldet',
  },
} as const;

for (const locale of ['en', 'de'] as const) {
  const t = T[locale];
  describe(`sign-in views (${locale})`, () => {
    it('username: form#i0281[name=f1], #i0116, the hidden #i0118 trap, #idSIButton9, $Config', () => {
      const doc = dom(renderSignInView('username', { locale, error: 'x' }));
      expect(doc.documentElement.getAttribute('lang')).toBe(locale);
      expect(heading(doc)).toBe(t.signIn);
      expect(pgid(doc)).toBe('ConvergedSignIn');
      q(doc, 'form#i0281[name=f1][method=post][action]');
      q(doc, 'input#i0116[name=loginfmt][type=email][maxlength="113"]');
      q(doc, 'input#i0118[name=passwd].moveOffScreen[tabindex="-1"][aria-hidden=true]');
      expect(q(doc, 'div[role=alert] > #usernameError').textContent).toBe('x');
      expect(q(doc, 'input#idSIButton9[type=submit]').getAttribute('value')).toBe(t.next);
      q(doc, '#cantAccessAccount');
    });

    it('TAP view: input[name=accesspass] with configurable attributes, link, Sign in, error', () => {
      let doc = dom(renderSignInView('tap', { locale, upn: 'a@b.c' }));
      expect(heading(doc)).toBe(t.tap);
      const input = q(doc, 'input[name=accesspass]');
      expect(input.getAttribute('type')).toBe('password');
      expect(input.hasAttribute('id')).toBe(false);
      expect(q(doc, '#displayName').textContent).toBe('a@b.c');
      expect(q(doc, 'input#idSIButton9[type=submit]').getAttribute('value')).toBe(
        locale === 'en' ? 'Sign in' : 'Anmelden',
      );
      expect([...doc.querySelectorAll('a[role=link]')].map((a) => a.textContent)).toContain(
        locale === 'en' ? 'Use your password instead' : 'Stattdessen Ihr Kennwort verwenden',
      );
      doc = dom(
        renderSignInView('tap', {
          locale,
          tapInput: { id: 'tapField', type: 'text', placeholder: null, ariaLabel: null, errorId: 'err' },
          error: 'bad',
        }),
      );
      const i2 = q(doc, 'input#tapField[name=accesspass][type=text]');
      expect(i2.hasAttribute('placeholder') || i2.hasAttribute('aria-label')).toBe(false);
      expect(q(doc, 'div[role=alert] > #err').textContent).toBe('bad');
    });

    it('password view: visible #i0118, #passwordError, #idA_PWD_SwitchToCredPicker, TAP link on demand', () => {
      const doc = dom(renderSignInView('password', { locale, upn: 'a@b.c', tapLink: true, error: 'wrong' }));
      expect(heading(doc)).toBe(t.password);
      const pwd = q(doc, 'input#i0118[name=passwd][type=password]');
      expect(pwd.classList.contains('moveOffScreen')).toBe(false);
      expect(q(doc, 'div[role=alert] > #passwordError').textContent).toBe('wrong');
      q(doc, '#idA_PWD_ForgotPassword');
      q(doc, '#idA_PWD_SwitchToCredPicker');
      expect(doc.body.textContent).toContain(
        locale === 'en'
          ? 'Use your Temporary Access Pass instead'
          : 'Stattdessen Ihren befristeten Zugriffspass verwenden',
      );
    });

    it('KMSI: #KmsiDescription, #KmsiCheckboxField[name=DontShowAgain], No/Yes, pgid KmsiBroker, form to /kmsi', () => {
      const doc = dom(renderSignInView('kmsi', { locale }));
      expect(heading(doc)).toBe(t.kmsi);
      expect(pgid(doc)).toBe('KmsiBroker');
      q(doc, 'form[action*="/kmsi"]');
      q(doc, '#KmsiDescription');
      q(doc, 'input#KmsiCheckboxField[name=DontShowAgain][type=checkbox]');
      expect(q(doc, 'input#idBtn_Back[type=button]').getAttribute('value')).toBe(t.no);
      expect(q(doc, 'input#idSIButton9[type=submit][aria-describedby=KmsiDescription]').getAttribute('value')).toBe(
        t.yes,
      );
    });

    it('picker, interrupts and signed-out page', () => {
      let doc = dom(renderSignInView('picker', { locale, accounts: [{ upn: 'x@contoso.com', displayName: 'X Y' }] }));
      expect(heading(doc)).toBe(t.pick);
      q(doc, '#tilesHolder div[data-test-id="x@contoso.com"][role=listitem]');
      expect(q(doc, '#otherTile[data-test-id=otherTile] > #otherTileText').textContent).toBe(t.other);
      doc = dom(renderSignInView('proofUp', { locale }));
      q(doc, '#ProofUpDescription');
      q(doc, '#idSubmit_ProofUp_Redirect');
      doc = dom(renderSignInView('conditionalAccess', { locale }));
      expect(pgid(doc)).toBe('ConvergedConditionalAccess');
      doc = dom(renderSignedOut({ locale }));
      expect(heading(doc)).toBe(t.signedOut);
    });
  });

  describe(`Security info (${locale})`, () => {
    it('page: me control with the UPN, title, Add sign-in method, rows with Delete Passkey', () => {
      const doc = dom(renderSecurityInfo(state, { locale }));
      expect(doc.documentElement.getAttribute('lang')).toBe(locale);
      expect(q(doc, '#mectrl_currentAccount_secondary').textContent).toBe(state.upn);
      q(doc, '.mectrl_profilepic');
      expect(q(doc, 'h1').textContent).toBe(t.securityInfo);
      expect(q(doc, 'button.ms-Button span.ms-Button-label').textContent).toBe(t.add);
      const rows = [...doc.querySelectorAll('#security-info-methods [role=listitem]')];
      expect(rows).toHaveLength(4);
      expect(rows[2]!.querySelector('.method-type')!.textContent).toBe(t.deviceBound);
      expect(doc.querySelectorAll(`button[aria-label="${t.deletePasskey}"]`)).toHaveLength(2);
      expect(doc.querySelector('#ms-banner')).toBeNull();
      for (const d of CURRENT_DIALOGS)
        expect(
          (q(doc, `template#ms-dialog-${d}`) as HTMLTemplateElement).content.querySelector('[role=dialog]'),
        ).toBeTruthy();
    });

    it('dialogs: Add a sign-in method → Passkey, Sign in faster, name (TextField, maxlength 30), created', () => {
      let doc = dom(renderSecurityInfo(state, { locale, openDialog: 'addMethod' }));
      const dlg = q(doc, '#ms-dialog-host [role=dialog][aria-modal=true]');
      expect(q(doc, `#${dlg.getAttribute('aria-labelledby')}`).textContent).toBe(t.addDialog);
      expect([...dlg.querySelectorAll('button .ms-Button-label')].map((b) => b.textContent)).toContain('Passkey');
      q(dlg, 'button[data-action=show-more]');
      doc = dom(
        renderSecurityInfo(state, {
          locale,
          openDialog: 'name',
          dialogData: { name: 'Key', textFieldId: 'TextField42' },
        }),
      );
      const title = q(doc, '#ms-dialog-host .ms-Dialog-title').textContent;
      expect(title).toBe(t.name);
      const field = q(doc, '#ms-dialog-host input[type=text][maxlength="30"]');
      expect(field.id).toBe('TextField42');
      expect(q(doc, '#ms-dialog-host .ms-Button--primary .ms-Button-label').textContent).toBe(t.next);
      doc = dom(renderSecurityInfo(state, { locale, openDialog: 'created', dialogData: { name: 'Key' } }));
      expect(q(doc, '#ms-dialog-host .ms-Dialog-title').textContent).toBe(t.created);
      expect(q(doc, '#ms-dialog-host .ms-Button--primary .ms-Button-label').textContent).toBe(t.done);
    });

    it('legacy variant: the method combobox, Security key option, USB/NFC buttons', () => {
      const doc = dom(renderSecurityInfo(state, { locale, variant: 'legacy', openDialog: 'addMethodLegacy' }));
      const combo = q(doc, '#ms-dialog-host [role=combobox]');
      expect(combo.getAttribute('aria-label')).toBe(
        locale === 'en' ? 'Authentication method options' : 'Optionen für Authentifizierungsmethoden',
      );
      const options = [...doc.querySelectorAll('#ms-dialog-host [role=option] span.ms-Button-flexContainer span')].map(
        (s) => s.textContent,
      );
      expect(options).toContain(locale === 'en' ? 'Security key' : 'Sicherheitsschlüssel');
      for (const d of LEGACY_DIALOGS) q(doc, `template#ms-dialog-${d}`);
      const type = dom(renderDialog('securityKeyType', state, { locale }));
      expect([...type.querySelectorAll('button[type=button] .ms-Button-label')].map((s) => s.textContent)).toEqual(
        locale === 'en' ? ['USB device', 'NFC device', 'Cancel'] : ['USB-Gerät', 'NFC-Gerät', 'Abbrechen'],
      );
      const rows = dom(renderMethodsList(state, { locale, variant: 'legacy' }));
      expect(rows.querySelectorAll('.method-row[data-method-type=passkey] .method-type')[0]!.textContent).toBe(
        locale === 'en' ? 'Security key' : 'Sicherheitsschlüssel',
      );
    });

    it('fido/create page: heading, text, Cancel/Next, form to postBackUrl', () => {
      const doc = dom(
        renderFidoCreate({
          locale,
          request: {
            canary: 'c',
            serverChallenge: 's',
            postBackUrl: 'https://mysignins.microsoft.com/api/post/newfido?cid=1',
          },
        }),
      );
      expect(heading(doc)).toBe(t.fido);
      q(doc, '#fidoDescription');
      expect(q(doc, 'input#idSIButton9[type=button]').getAttribute('value')).toBe(t.next);
      q(doc, 'input#idBtn_Back[type=button]');
      expect(q(doc, 'form#i0281').getAttribute('action')).toBe(
        'https://mysignins.microsoft.com/api/post/newfido?cid=1',
      );
      for (const f of [
        'canary',
        'clientDataJson',
        'attestationObject',
        'credentialId',
        'aaguid',
        'error_code',
        'clientExtensionResults',
      ])
        q(doc, `input[type=hidden][name=${f}]`);
      const legacy = dom(renderFidoCreate({ locale, legacy: true }));
      expect(heading(legacy)).toBe(
        locale === 'en' ? 'Setting up your new sign-in method' : 'Ihre neue Anmeldemethode wird eingerichtet',
      );
    });
  });
}

describe('other markup', () => {
  it('#ms-banner and the newfido answer', () => {
    const b = dom(renderBanner('You have already reached the limit of 10 security keys'));
    expect(q(b, '#ms-banner .ms-MessageBar-innerText').textContent).toBe(
      'You have already reached the limit of 10 security keys',
    );
    const withBanner = dom(
      renderSecurityInfo({
        ...state,
        banner: { text: 'To set up a security key, you need to sign in with two-factor authentication.' },
      }),
    );
    expect(q(withBanner, '#ms-banner').textContent).toContain('two-factor authentication');
    const r = dom(
      renderNewFidoResult({
        redirectUrl: 'https://mysignins.microsoft.com/security-info#fidoProvisionSuccess=abc',
        context: { Canary: 'abc' },
      }),
    );
    expect(q(r, '#redirectUrl').getAttribute('data-content')).toBe(
      'https://mysignins.microsoft.com/security-info#fidoProvisionSuccess=abc',
    );
    expect(JSON.parse(q(r, '#context').getAttribute('data-content')!)).toEqual({ Canary: 'abc' });
  });

  it('data-testid style (consumer-MSA-like, reference §3.9)', () => {
    const doc = dom(renderSignInView('username', { style: 'testid' }));
    expect(doc.querySelector('#i0281')).toBeNull();
    expect(doc.querySelector('#idSIButton9')).toBeNull();
    expect(q(doc, 'h1[data-testid=title]').textContent).toBe('Sign in');
    q(doc, 'form[name=f1] input#usernameEntry[name=loginfmt][type=email]');
    expect(q(doc, 'button[type=submit][data-testid=primaryButton]').textContent).toBe('Next');
    q(doc, '[data-testid=viewFooter] [role=button]');
    const pwd = dom(renderSignInView('password', { style: 'testid', tapLink: true }));
    q(pwd, 'input[data-testid=passwordEntry][name=passwd]');
    const kmsi = dom(renderSignInView('kmsi', { style: 'testid' }));
    q(kmsi, 'form[name=KmsiInterruptForm] button[data-testid=secondaryButton]');
    const tap = dom(renderSignInView('tap', { style: 'testid' }));
    q(tap, 'input[name=accesspass][data-testid=accessPassEntry]');
  });
});
