// @vitest-environment happy-dom
/**
 * "Save page report": the snapshot keeps the structure recognition depends on and leaks no identity or secret of the
 * fake tenant — on every fake page, with the pass typed into its field and other accounts on the picker.
 */
import { describe, expect, it } from 'vitest';
import { renderFidoCreate, renderSecurityInfo, renderSignInView, renderSignedOut } from '../fake-cloud/pages/index.ts';
import { pageReport, redactUrl, redactor } from '../../src/content/guided/page-report';

const USER = { upn: 'leeg@contoso.onmicrosoft.com', displayName: 'Lee Gu' };
const OTHER = { upn: 'megan.bowen@contoso.onmicrosoft.com', displayName: 'Megan Bowen' };
const TAP = 'Xk7#pQ2mR9vL';
const PHONE = '+1 425 555 0100';

function load(html: string): Document {
  document.open();
  document.write(html);
  document.close();
  return document;
}

const SIGNIN_VIEWS = ['picker', 'username', 'password', 'tap', 'kmsi', 'proofUp', 'conditionalAccess'] as const;
const DIALOGS = ['addMethod', 'signInFaster', 'name', 'created'] as const;
const state = {
  upn: USER.upn,
  displayName: USER.displayName,
  methods: [{ kind: 'password', id: 'pw', dateMs: Date.UTC(2024, 5, 13) }],
  passkeyAvailable: true,
};

const pages: [string, string, string][] = [
  ...SIGNIN_VIEWS.flatMap((v) =>
    (['en', 'de'] as const).map(
      (locale) =>
        [
          `login ${v} ${locale}`,
          renderSignInView(v, { locale, upn: USER.upn, accounts: [USER, OTHER], value: USER.upn } as never),
          `https://login.microsoftonline.com/7f3c/oauth2/v2.0/authorize?login_hint=${encodeURIComponent(USER.upn)}&client_id=19db`,
        ] as [string, string, string],
    ),
  ),
  ...[undefined, ...DIALOGS].map(
    (openDialog) =>
      [
        `security info ${openDialog ?? 'list'}`,
        renderSecurityInfo(state as never, { openDialog, dialogData: { name: 'Lee Gu key' } } as never),
        'https://mysignins.microsoft.com/security-info#fidoProvisionSuccess=canary123',
      ] as [string, string, string],
  ),
  ['fido create', renderFidoCreate(), 'https://login.microsoft.com/7f3c/fido/create?cid=abc'],
  ['signed out', renderSignedOut(), 'https://login.microsoftonline.com/common/oauth2/v2.0/logout'],
];

describe('page report', () => {
  it.each(pages)('%s: no identity, pass, phone number or query value', (_label, html, url) => {
    const doc = load(html);
    // what a real session would have on the page: the pass typed in, the name field filled, a phone number shown
    for (const input of doc.querySelectorAll<HTMLInputElement>('input[name=accesspass], input[name=passwd]'))
      input.value = TAP;
    for (const input of doc.querySelectorAll<HTMLInputElement>('input[type=text], input[type=email]'))
      input.value = USER.upn;
    doc.body.insertAdjacentHTML('beforeend', `<div class="row"><span>Phone</span><span>${PHONE}</span></div>`);
    const report = pageReport(doc, url, { identities: [USER.displayName, USER.upn], secrets: [TAP] });
    const text = JSON.stringify(report);
    for (const secret of [
      USER.upn,
      'leeg',
      'Lee Gu',
      '"Lee',
      'Gu"',
      OTHER.upn,
      'Megan',
      TAP,
      PHONE,
      '555 0100',
      'canary123',
    ])
      expect(text, secret).not.toContain(secret);
    expect(text.toLowerCase()).not.toMatch(/contoso\.onmicrosoft\.com/);
    // …and the structure is still there
    expect(report.tree.tag).toBe('body');
    expect(report.url).not.toMatch(/=[^&#]/);
    expect(text).toMatch(/"role":"(button|textbox|dialog|heading|link)"/);
  });

  it('keeps what recognition needs: ids, names, data-* names, page id and language', () => {
    const doc = load(renderSignInView('tap', { upn: USER.upn } as never));
    const r = pageReport(doc, 'https://login.microsoftonline.com/common/login', { identities: [USER.upn] });
    const text = JSON.stringify(r);
    expect(text).toContain('"id":"idSIButton9"');
    expect(text).toContain('Enter Temporary Access Pass');
    expect(text).toMatch(/"data":\[[^\]]*"data-report-event"/);
    expect(text).not.toContain('Signin_Submit'); // data-* values are not kept
    expect(r.pageId).toBe('ConvergedSignIn');
    expect(r.url).toBe('https://login.microsoftonline.com/common/login');
  });

  it('redacts URLs to keys, and names as whole words only', () => {
    expect(redactUrl('https://x.example/a?login_hint=lee%40c.com&mkt=en-US#code=abc&state=1')).toBe(
      'https://x.example/a?login_hint=&mkt=#code=&state=',
    );
    const r = redactor(['Lee Gu', 'leeg@contoso.com'], ['SECRET1']);
    expect(r('Sign in as Lee Gu (leeg@contoso.com) with SECRET1')).toBe('Sign in as [user] ([email]) with [pass]');
    expect(r('Sleep AADSTS130503 Guide')).toBe('Sleep AADSTS130503 Guide');
  });
});
