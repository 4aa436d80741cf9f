/**
 * "Check setup" end to end: the fake cloud is set to one misconfiguration at a time (generated from one list), the
 * admin clicks "Check setup" on the settings page, and the item for that misconfiguration shows the right verdict
 * and fix while the failures are summarised in an alert. Also: the popup's sign-in error view opens the check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeCloud } from '../fake-cloud/index.ts';
import { defaultPolicies } from '../fake-cloud/policies.ts';
import type { Harness } from '../support/browser.ts';
import { signedInSession } from '../support/pages.ts';

type Verdict = 'passed' | 'failed' | 'unknown';
interface Case {
  name: string;
  /** Sets the misconfiguration; returns how to undo it. */
  apply: (fake: FakeCloud) => () => void;
  expect: Record<string, [Verdict, RegExp?]>;
}

const LABELS: Record<string, RegExp> = {
  'app-registration': /^App registration: tenant, client ID and redirect URI: /,
  'sign-in': /^Sign-in \(single-page application platform, consent\): /,
  permissions: /^Delegated Microsoft Graph permissions: /,
  'passkey-policy': /^Passkey \(FIDO2\) policy: /,
  'tap-policy': /^Temporary Access Pass policy \(Guided mode\): /,
  role: /^Your role can manage users’ sign-in methods: /,
  incognito: /^Allowed in InPrivate \/ Incognito windows: /,
  'attestation-policy': /^Browser policy SecurityKeyPermitAttestation \(advice\): /,
};

const CASES: Case[] = [
  {
    name: 'a correct setup',
    apply: () => () => undefined,
    expect: {
      'app-registration': ['passed'],
      'sign-in': ['passed', /Signed in as nestorw@/],
      permissions: ['passed'],
      'passkey-policy': ['passed'],
      'tap-policy': ['passed', /lifetime 10–480 minutes/],
      role: ['passed', /Authentication Administrator/],
      'attestation-policy': ['passed'],
    },
  },
  {
    name: 'a permission missing from the token',
    apply: (fake) => {
      const before = [...fake.tenant.config.grantedScopes];
      fake.tenant.config.grantedScopes = before.filter((s) => s !== 'GroupMember.Read.All');
      return () => (fake.tenant.config.grantedScopes = before);
    },
    expect: { permissions: ['failed', /GroupMember\.Read\.All \(without it the extension cannot check passkey/] },
  },
  {
    name: 'the passkey policy disabled',
    apply: (fake) => ((fake.tenant.policies.fido2.state = 'disabled'), () => undefined),
    expect: { 'passkey-policy': ['failed', /Enable the Passkey \(FIDO2\) method/] },
  },
  {
    name: 'self-service set up off',
    apply: (fake) => ((fake.tenant.policies.fido2.isSelfServiceRegistrationAllowed = false), () => undefined),
    expect: { 'passkey-policy': ['failed', /Allow self-service set up/] },
  },
  {
    name: 'three passkey profiles',
    apply: (fake) => (fake.tenant.usePasskeyProfiles('three-profiles'), () => undefined),
    expect: {
      'passkey-policy': ['passed', /3 passkey profiles: .*Frontline keys.*Phones only/],
      'attestation-policy': ['unknown', /SecurityKeyPermitAttestation/],
    },
  },
  {
    name: 'the policies unreadable',
    apply: (fake) => (
      (fake.tenant.config.policyReadForbidden = true),
      () => (fake.tenant.config.policyReadForbidden = false)
    ),
    expect: { 'passkey-policy': ['unknown', /403/], 'tap-policy': ['unknown', /403/] },
  },
  {
    name: 'the Temporary Access Pass disabled',
    apply: (fake) => ((fake.tenant.policies.temporaryAccessPass.state = 'disabled'), () => undefined),
    expect: { 'tap-policy': ['failed', /Enable the Temporary Access Pass method/] },
  },
  {
    name: 'the redirect URI not registered',
    apply: (fake) => {
      const before = [...fake.tenant.config.redirectUris];
      fake.tenant.config.redirectUris = ['https://other.chromiumapp.org/'];
      return () => (fake.tenant.config.redirectUris = before);
    },
    expect: {
      'app-registration': ['failed', /AADSTS50011.*Add https:\/\/[a-p]{32}\.chromiumapp\.org\/ as a redirect URI/],
    },
  },
];

describe('check setup', () => {
  let fake: FakeCloud;
  let h: Harness;
  let popup: Page;
  let options: Page;

  beforeAll(async () => {
    ({ fake, h, popup } = await signedInSession());
    options = await h.openOptions();
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  async function runCheck(page: Page, click = true): Promise<Map<string, string>> {
    const list = page.getByRole('list', { name: 'Setup check results' });
    // Each run numbers the list, so a result from the run before is never read as this one's.
    const before = click && (await list.count()) ? Number(await list.getAttribute('data-run')) : 0;
    if (click) await page.getByRole('button', { name: 'Check setup' }).click();
    await expect
      .poll(async () => ((await list.count()) ? Number(await list.getAttribute('data-run')) : 0), { timeout: 30_000 })
      .toBeGreaterThan(before);
    await page.getByRole('status').filter({ hasText: 'Check complete.' }).waitFor();
    const items = list.getByRole('listitem');
    const texts = await items.allTextContents();
    const byId = new Map<string, string>();
    for (const [id, label] of Object.entries(LABELS)) byId.set(id, texts.find((t) => label.test(t)) ?? '');
    return byId;
  }

  it(`runs the check against ${CASES.length} setups and shows the right verdict for each`, async () => {
    console.log(`check-setup matrix: ${CASES.length} setups`);
    for (const c of CASES) {
      fake.tenant.policies = defaultPolicies();
      const undo = c.apply(fake);
      try {
        const got = await runCheck(options);
        for (const [id, [verdict, says]] of Object.entries(c.expect)) {
          const text = got.get(id)!;
          expect(text, `${c.name}: ${id}`).toMatch(new RegExp(`${LABELS[id]!.source}${verdict}`));
          if (says) expect(text, `${c.name}: ${id}`).toMatch(says);
        }
        const alert = await options.getByRole('alert').allTextContents();
        const failed = Object.entries(c.expect).filter(([, [v]]) => v === 'failed');
        for (const [id] of failed) expect(alert.join(' '), c.name).toContain(got.get(id)!.split(': ')[0]!);
        // The harness does not allow the extension in incognito: the check says so, every time.
        expect(got.get('incognito')).toMatch(/: failed.*Allow in InPrivate/);
      } finally {
        undo();
      }
    }
    fake.tenant.policies = defaultPolicies();
  });

  it('after a failed sign-in, the popup opens the check, which names the AADSTS error and the fix', async () => {
    await popup.bringToFront();
    await popup.getByRole('button', { name: 'Sign out' }).click();
    fake.tenant.config.authorizeError = {
      error: 'invalid_request',
      description:
        'AADSTS9002326: Cross-origin token redemption is permitted only for the \u2018Single-Page Application\u2019 client-type.',
      times: 1,
    };
    await popup.getByRole('button', { name: 'Sign in' }).click();
    await popup.getByRole('alert').waitFor({ timeout: 30_000 });
    const opened = h.context.waitForEvent('page', { predicate: (p) => p.url().includes('#check') });
    await popup.getByRole('button', { name: 'Check setup' }).click();
    const check = await opened;
    const got = await runCheck(check, false);
    expect(got.get('sign-in')).toMatch(/: failed.*AADSTS9002326.*"Single-page application" platform/);
    expect(got.get('permissions')).toMatch(/: unknown/);
    expect(await check.getByRole('alert').first().textContent()).toMatch(/Sign-in/);
    expect(await check.getByRole('link', { name: /App registration › Authentication/ }).getAttribute('href')).toMatch(
      /^https:\/\/entra\.microsoft\.com\/#view\/Microsoft_AAD_RegisteredApps\/ApplicationMenuBlade\/~\/Authentication\/appId\//,
    );
  });
});
