/**
 * Passkey profiles end to end (automatic mode), on a tenant with three profiles targeted at different groups:
 * the profile that applies to the user decides before any POST, and another profile lets the same key in for
 * another user. The fake's POST decides like Entra, so a wrong pre-check would show as a Graph error instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeCloud } from '../fake-cloud/index.ts';
import type { Harness } from '../support/browser.ts';
import { searchAndOpen, signedInSession } from '../support/pages.ts';
import { upn } from '../support/fixtures.ts';

describe('passkey profiles', () => {
  let fake: FakeCloud;
  let h: Harness;
  let popup: Page;

  beforeAll(async () => {
    ({ fake, h, popup } = await signedInSession());
    fake.tenant.usePasskeyProfiles('three-profiles');
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  const posts = () => fake.requests.filter({ method: 'POST', path: /fido2Methods$/ }).length;

  async function provision(nick: string) {
    await popup.bringToFront();
    await searchAndOpen(popup, nick, upn(nick));
    await popup.getByText(/Passkey profile allows security keys/).waitFor({ timeout: 30_000 });
    await popup.getByRole('radio', { name: 'Automatic' }).check();
    await popup.getByRole('button', { name: /^Provision/ }).click();
  }

  it('refuses the key before any POST when the user’s profile does not allow its model, naming the profile', async () => {
    const megan = fake.tenant.user(upn('meganb')); // pilot group: 'Frontline keys', YubiKey 5 models only
    const before = posts();
    await provision('meganb');
    expect(await popup.locator('body').textContent()).toContain(
      'Profile \u2018Frontline keys\u2019 allows only YubiKey 5 Series models and enforces attestation',
    );
    const alert = popup.getByRole('alert').filter({ hasText: 'Not registered' });
    await alert.waitFor({ timeout: 30_000 });
    const text = await alert.textContent();
    expect(text).toMatch(/does not allow Virtual authenticator for Megan Bowen/);
    expect(text).toContain('Profile \u2018Frontline keys\u2019 allows only YubiKey 5 Series models');
    expect(posts()).toBe(before); // never posted
    expect(megan.fido2Methods).toHaveLength(0);
  });

  it('registers the same key model for a user whose profile allows it', async () => {
    const johanna = fake.tenant.user(upn('johannal')); // Engineering: the default profile
    const before = posts();
    await provision('johannal');
    await popup.getByRole('status').filter({ hasText: 'registered' }).waitFor({ timeout: 30_000 });
    expect(posts()).toBe(before + 1);
    expect(johanna.fido2Methods).toHaveLength(1);
    expect(johanna.fido2Methods[0]!.aaGuid).toBe('01020304-0506-0708-0102-030405060708');
  });

  it('blocks a user whose only profile allows synced passkeys, and an excluded user, before any ceremony', async () => {
    for (const [nick, why] of [
      ['isaiahl', /Profile \u2018Phones only\u2019 allows only synced passkeys/],
      ['gradya', /not in the Passkey \(FIDO2\) policy\u2019s target groups \(or is excluded\)/],
    ] as const) {
      await popup.bringToFront();
      await searchAndOpen(popup, nick, upn(nick));
      await expect.poll(() => popup.locator('body').textContent(), { timeout: 30_000 }).toMatch(why);
      expect(fake.tenant.user(upn(nick)).fido2Methods).toHaveLength(0);
    }
  });

  it('registers the key Frontline refused once the tenant has only the auto-enabled default profile', async () => {
    fake.tenant.usePasskeyProfiles('auto-enabled');
    const megan = fake.tenant.user(upn('meganb'));
    await provision('meganb');
    expect(await popup.locator('body').textContent()).toContain('OK: Passkey profile allows security keys');
    await popup.getByRole('status').filter({ hasText: 'registered' }).waitFor({ timeout: 30_000 });
    expect(megan.fido2Methods).toHaveLength(1);
  });
});

describe('roles', () => {
  it('warns nobody for a token without a role claim, and shows Graph’s 403 as the user’s readiness check', async () => {
    const { fake, h, popup } = await signedInSession();
    try {
      expect(fake.tenant.config.groupMembershipClaims).toBe(false); // the ID token has no wids
      await popup.getByRole('searchbox', { name: /Search users/ }).waitFor();
      expect(await popup.locator('body').textContent()).not.toMatch(/does not appear to hold|shows no tenant-wide/);
      // Nestor (Authentication Administrator) cannot manage Patti, a Privileged Authentication Administrator.
      await searchAndOpen(popup, 'pattif', upn('pattif'));
      await expect
        .poll(() => popup.locator('body').textContent(), { timeout: 30_000 })
        .toContain(
          'Your role cannot manage this user\u2019s sign-in methods (missing, not activated in PIM, or outside your administrative unit)',
        );
      await expect(popup.getByRole('button', { name: /^Provision/ }).isDisabled()).resolves.toBe(true);
    } finally {
      await h.close();
      await fake.close();
    }
  });
});
