import { afterEach, describe, expect, it } from 'vitest';
import { evaluateReadiness, type ReadinessInput } from '../../src/background/directory/readiness';
import { inScope, shortestTapLifetime, targetGroupIds } from '../../src/shared/policy';
import { useLocale } from './support/i18n';

const base = (): ReadinessInput => ({
  user: {
    id: 'u1',
    displayName: 'Adele Vance',
    userPrincipalName: 'adelev@contoso.com',
    accountEnabled: true,
    userType: 'Member',
  },
  adminObjectId: 'admin',
  passkeys: [],
  tap: null,
  fido2: {
    state: 'enabled',
    isSelfServiceRegistrationAllowed: true,
    includeTargets: [{ id: 'all_users' }],
    excludeTargets: [],
  },
  tapPolicy: {
    state: 'enabled',
    minimumLifetimeInMinutes: 60,
    maximumLifetimeInMinutes: 480,
    includeTargets: [{ id: 'all_users' }],
  },
  memberOf: new Set(),
});

const check = (r: ReturnType<typeof evaluateReadiness>, id: string) => r.checks.find((c) => c.id === id)!;

describe('readiness', () => {
  it('recommends automatic when everything is in place', () => {
    const r = evaluateReadiness(base());
    expect(r.modes).toEqual({ automatic: { available: true }, guided: { available: true } });
    expect(r.recommended).toBe('automatic');
  });
  it('blocks both modes for the admin themselves, guests, disabled accounts and full keys', () => {
    for (const patch of [
      { adminObjectId: 'u1' },
      { user: { ...base().user, userType: 'Guest' } },
      { user: { ...base().user, userPrincipalName: 'x_fabrikam.com#EXT#@contoso.com' } },
      { user: { ...base().user, accountEnabled: false } },
      { passkeys: Array.from({ length: 10 }, (_, i) => ({ id: String(i), displayName: 'k' })) },
    ]) {
      const r = evaluateReadiness({ ...base(), ...patch });
      expect(r.modes.automatic.available).toBe(false);
      expect(r.modes.guided.available).toBe(false);
      expect(r.recommended).toBeNull();
    }
  });
  it('self-service setup off blocks both modes (Graph provisioning and My Sign-ins both need it)', () => {
    const r = evaluateReadiness({ ...base(), fido2: { ...base().fido2!, isSelfServiceRegistrationAllowed: false } });
    expect(r.modes.automatic.available).toBe(false);
    expect(r.modes.guided.available).toBe(false);
    expect(check(r, 'self-service').status).toBe('fail');
  });
  it('recommends automatic when only the TAP policy is off, and says why guided is unavailable', () => {
    const r = evaluateReadiness({ ...base(), tapPolicy: { ...base().tapPolicy!, state: 'disabled' } });
    expect(r.modes.guided).toEqual({
      available: false,
      reason: expect.stringMatching(/Temporary Access Pass method is disabled/),
    });
    expect(r.recommended).toBe('automatic');
  });
  it('evaluates group targets, and exclusion wins', () => {
    const fido2 = { ...base().fido2!, includeTargets: [{ id: 'pilot' }], excludeTargets: [{ id: 'contractors' }] };
    expect(evaluateReadiness({ ...base(), fido2, memberOf: new Set(['pilot']) }).modes.automatic.available).toBe(true);
    expect(evaluateReadiness({ ...base(), fido2, memberOf: new Set() }).modes.automatic.available).toBe(false);
    expect(
      evaluateReadiness({ ...base(), fido2, memberOf: new Set(['pilot', 'contractors']) }).modes.automatic.available,
    ).toBe(false);
    expect(check(evaluateReadiness({ ...base(), fido2, memberOf: null }), 'fido2-enabled').status).toBe('unknown');
  });
  it('treats unreadable policies as unknown, not as failures', () => {
    const r = evaluateReadiness({ ...base(), fido2: null, tapPolicy: null });
    expect(check(r, 'fido2-enabled').status).toBe('unknown');
    expect(check(r, 'tap').status).toBe('unknown');
    expect(r.recommended).toBe('automatic');
  });
  it('warns at 9 passkeys and about an outstanding TAP', () => {
    const r = evaluateReadiness({
      ...base(),
      passkeys: Array.from({ length: 9 }, (_, i) => ({ id: String(i), displayName: 'k' })),
      tap: { id: 't' },
    });
    expect(check(r, 'limit').status).toBe('warn');
    expect(check(r, 'existing-tap').status).toBe('warn');
  });
});

describe('policy helpers', () => {
  it('targets and scope', () => {
    expect(
      targetGroupIds({ includeTargets: [{ id: 'all_users' }, { id: 'g1' }] }, { excludeTargets: [{ id: 'g2' }] }, null),
    ).toEqual(['g1', 'g2']);
    expect(inScope({ includeTargets: [{ id: 'all_users' }] }, new Set(), 'u')).toBe(true);
    expect(inScope({ includeTargets: [] }, new Set(), 'u')).toBe(false);
  });
  it('TAP lifetime: the policy minimum, never under 10 minutes', () => {
    expect(shortestTapLifetime({ minimumLifetimeInMinutes: 60 })).toBe(60);
    expect(shortestTapLifetime({ minimumLifetimeInMinutes: 5 })).toBe(10);
    expect(shortestTapLifetime(null)).toBe(10);
  });
});

describe('readiness: the admin’s role', () => {
  it('turns Graph’s 403 on the user’s methods into a blocking check with what to do', () => {
    const r = evaluateReadiness({ ...base(), methodsForbidden: true });
    const role = check(r, 'role');
    expect(role.status).toBe('fail');
    expect(role.detail).toContain(
      'Your role cannot manage this user\u2019s sign-in methods (missing, not activated in PIM, or outside your administrative unit)',
    );
    expect(check(r, 'limit').status).toBe('unknown');
    expect(r.modes.automatic.available).toBe(false);
    expect(r.modes.guided.available).toBe(false);
  });
  it('has no role check when Graph listed the methods', () => {
    expect(evaluateReadiness(base()).checks.some((c) => c.id === 'role')).toBe(false);
  });
});

describe('readiness in the admin’s language', () => {
  afterEach(() => useLocale('en'));
  const full = () => ({ passkeys: Array.from({ length: 10 }, (_, i) => ({ id: String(i), displayName: 'k' })) });

  it('English: a blocked mode names the check and its detail, as before', () => {
    const r = evaluateReadiness({ ...base(), ...full() });
    expect(r.modes.automatic).toEqual({
      available: false,
      reason:
        'Room for another passkey: The user already has 10 passkeys, Microsoft\u2019s limit is 10. Delete one first.',
    });
    expect(check(r, 'tap').detail).toBe('Enabled; lifetime 60\u2013480 minutes.');
  });

  it('German and Japanese: the count and the limit substituted', () => {
    useLocale('de');
    const de = evaluateReadiness({ ...base(), ...full() });
    expect(de.modes.guided.available || de.modes.guided.reason).toBe(
      'Platz für einen weiteren Passkey: Der Benutzer hat bereits 10 Passkeys, das Limit von Microsoft liegt bei 10. Löschen Sie zuerst einen.',
    );
    expect(check(evaluateReadiness(base()), 'limit').detail).toBe('0 von 10 Passkeys registriert.');
    useLocale('ja');
    expect(check(evaluateReadiness(base()), 'tap').detail).toBe('有効です。有効期間は 60～480 分です。');
  });
});
