/** "Check setup": each misconfiguration gives the right verdict and fix (one list of cases). */
import { describe, expect, it } from 'vitest';
import {
  evaluateSetup,
  failureSummary,
  jwtClaims,
  SETUP_ITEMS,
  type SetupFacts,
  type SetupItemId,
  type Verdict,
} from '../../src/shared/setup-check';

const ALL_SCOPES = [
  'User.Read',
  'User.Read.All',
  'GroupMember.Read.All',
  'UserAuthenticationMethod.ReadWrite.All',
  'Policy.Read.AuthenticationMethod',
];
const AUTH_ADMIN = 'c4e39bd9-1100-46d3-8c65-fb160da0071f';

const good = (): SetupFacts => ({
  adminCenter: 'https://entra.microsoft.com',
  clientId: '3c9a6f4e-2b1d-4e8a-9c7f-1a2b3c4d5e6f',
  tenant: 'contoso.onmicrosoft.com',
  redirectUri: 'https://abc.chromiumapp.org/',
  authorize: { accepted: true },
  signIn: { signedIn: true, upn: 'nestorw@contoso.onmicrosoft.com' },
  scopes: ALL_SCOPES,
  roles: [AUTH_ADMIN, 'b79fbf4d-3ef9-4689-8143-76b194e85509'],
  fido2: {
    ok: true,
    value: { state: 'enabled', isSelfServiceRegistrationAllowed: true, includeTargets: [{ id: 'all_users' }] },
  },
  tapPolicy: {
    ok: true,
    value: { state: 'enabled', minimumLifetimeInMinutes: 60, maximumLifetimeInMinutes: 480, isUsableOnce: false },
  },
  incognito: true,
});

type Case = [
  name: string,
  patch: (f: SetupFacts) => void,
  item: SetupItemId,
  verdict: Verdict,
  says?: RegExp,
  link?: RegExp,
];
const CASES: Case[] = [
  [
    'redirect URI not registered',
    (f) => (f.authorize = { accepted: false, aadsts: '50011', message: 'The redirect URI …' }),
    'app-registration',
    'failed',
    /Add https:\/\/abc\.chromiumapp\.org\/ as a redirect URI under the "Single-page application" platform/,
    /Authentication\/appId\/3c9a6f4e/,
  ],
  [
    'unknown client id',
    (f) => (f.authorize = { accepted: false, aadsts: '700016', message: 'Application … not found' }),
    'app-registration',
    'failed',
    /Application \(client\) ID/,
    /Overview\/appId/,
  ],
  [
    'unknown tenant',
    (f) => (f.authorize = { accepted: false, aadsts: '90002', message: 'Tenant not found' }),
    'app-registration',
    'failed',
    /tenant ID or a verified domain/,
  ],
  [
    'SPA platform missing (at token redemption)',
    (f) => (f.signIn = { signedIn: false, errorCode: 'sign-in:AADSTS9002326', message: 'x' }),
    'sign-in',
    'failed',
    /"Single-page application" platform/,
  ],
  ['not signed in', (f) => (f.signIn = { signedIn: false }), 'sign-in', 'unknown', /Sign in from the extension/],
  [
    'a permission missing from the token',
    (f) => (f.scopes = ALL_SCOPES.filter((s) => s !== 'Policy.Read.AuthenticationMethod')),
    'permissions',
    'failed',
    /Policy\.Read\.AuthenticationMethod \(without it the extension cannot read the passkey \(FIDO2\) and TAP policies/,
    /CallAnAPI/,
  ],
  [
    'a broader permission covers a needed one',
    (f) => (f.scopes = [...ALL_SCOPES.filter((s) => s !== 'User.Read.All'), 'Directory.Read.All']),
    'permissions',
    'passed',
  ],
  [
    'passkey policy disabled',
    (f) => f.fido2?.ok && (f.fido2.value.state = 'disabled'),
    'passkey-policy',
    'failed',
    /Enable the Passkey \(FIDO2\) method/,
    /AdminAuthMethods/,
  ],
  [
    'self-service off',
    (f) => f.fido2?.ok && (f.fido2.value.isSelfServiceRegistrationAllowed = false),
    'passkey-policy',
    'failed',
    /Allow self-service set up/,
  ],
  [
    'profiles that allow only synced passkeys',
    (f) =>
      f.fido2?.ok &&
      Object.assign(f.fido2.value, {
        passkeyProfiles: [{ id: 'p', name: 'Phones only', passkeyTypes: 'synced' }],
        includeTargets: [{ id: 'all_users', allowedPasskeyProfiles: ['p'] }],
      }),
    'passkey-policy',
    'failed',
    /Allow device-bound passkeys/,
  ],
  [
    'profiles described',
    (f) =>
      f.fido2?.ok &&
      Object.assign(f.fido2.value, {
        passkeyProfiles: [
          {
            id: 'p',
            name: 'Frontline keys',
            passkeyTypes: 'deviceBound',
            attestationEnforcement: 'registrationOnly',
            keyRestrictions: { isEnforced: true, enforcementType: 'allow', aaGuids: ['x'] },
          },
        ],
        includeTargets: [{ id: 'g1', allowedPasskeyProfiles: ['p'] }],
      }),
    'passkey-policy',
    'passed',
    /1 passkey profile: Profile ‘Frontline keys’ allows only AAGUID x and enforces attestation/,
  ],
  [
    'policy unreadable',
    (f) => (f.fido2 = { ok: false, status: 403 }),
    'passkey-policy',
    'unknown',
    /Policy\.Read\.AuthenticationMethod/,
  ],
  [
    'TAP disabled',
    (f) => f.tapPolicy?.ok && (f.tapPolicy.value.state = 'disabled'),
    'tap-policy',
    'failed',
    /Enable the Temporary Access Pass method/,
  ],
  ['TAP lifetime bounds shown', () => undefined, 'tap-policy', 'passed', /lifetime 60–480 minutes/],
  ['role in the token', () => undefined, 'role', 'passed', /Authentication Administrator/],
  [
    'no role claim: unknown, never failed',
    (f) => (f.roles = null),
    'role',
    'unknown',
    /administrative unit.*Privileged Identity Management/,
    /ActivationMenuBlade/,
  ],
  ['not allowed in incognito', (f) => (f.incognito = false), 'incognito', 'failed', /Allow in InPrivate/],
  [
    'attestation enforced: browser policy advice',
    (f) => f.fido2?.ok && (f.fido2.value.isAttestationEnforced = true),
    'attestation-policy',
    'unknown',
    /SecurityKeyPermitAttestation/,
  ],
  ['attestation not enforced', () => undefined, 'attestation-policy', 'passed'],
];

describe('setup check', () => {
  it('passes everything on a good setup, in the documented order', () => {
    const items = evaluateSetup(good());
    expect(items.map((i) => i.id)).toEqual([...SETUP_ITEMS]);
    expect(items.filter((i) => i.verdict !== 'passed')).toEqual([]);
    expect(failureSummary(items)).toBeNull();
  });
  it(`covers ${CASES.length} misconfigurations`, () => expect(CASES.length).toBeGreaterThan(15));
  it.each(CASES)('%s', (_name, patch, id, verdict, says, link) => {
    const f = good();
    patch(f);
    const items = evaluateSetup(f);
    const item = items.find((i) => i.id === id)!;
    expect(item.verdict).toBe(verdict);
    if (says) expect(`${item.detail} ${item.fix ?? ''}`).toMatch(says);
    if (link) expect(item.link?.href).toMatch(link);
    if (verdict === 'failed') expect(failureSummary(items)).toContain(item.label);
    if (verdict === 'failed') expect(item.fix).toBeTruthy();
    // one misconfiguration fails at most its own item (the others keep their verdict)
    expect(items.filter((i) => i.verdict === 'failed' && i.id !== id)).toEqual([]);
  });
  it('reads scp and wids from a token without verifying it', () => {
    const t = `x.${Buffer.from(JSON.stringify({ scp: 'User.Read', wids: [AUTH_ADMIN] })).toString('base64url')}.y`;
    expect(jwtClaims(t)).toEqual({ scp: 'User.Read', wids: [AUTH_ADMIN] });
    expect(jwtClaims('nope')).toBeNull();
  });
});
