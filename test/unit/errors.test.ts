import { describe, expect, it } from 'vitest';
import { aadstsCode, mapSignInError, roleWarning } from '../../src/background/auth/auth-errors';
import { mapWebAuthnError } from '../../src/background/provisioning/webauthn-errors';
import { AppError, describeError } from '../../src/shared/errors';

const redirect = 'https://kdiehgkbondhaclbppmifhjboclgficg.chromiumapp.org/';

describe('sign-in errors', () => {
  it('finds the AADSTS code', () => {
    expect(aadstsCode('AADSTS65001: The user or administrator has not consented')).toBe('65001');
    expect(aadstsCode('nothing')).toBeUndefined();
  });
  it.each([
    [
      'consent_required',
      'AADSTS65001: The user or administrator has not consented to use the application.',
      /admin consent/,
    ],
    [
      'invalid_request',
      "AADSTS50011: The redirect URI 'x' specified in the request does not match",
      /redirect URI is not registered/,
    ],
    [
      'unauthorized_client',
      'AADSTS700016: Application with identifier was not found in the directory',
      /application ID/,
    ],
    [
      'invalid_request',
      'AADSTS9002327: Tokens issued for the Single-Page Application client-type may only be redeemed via cross-origin requests.',
      /single-page application/,
    ],
    ['user_cancelled', 'The user did not approve access.', /cancelled/],
  ])('%s %s', (code, message, expected) => {
    const e = mapSignInError(code, message, redirect);
    expect(e.message).toMatch(expected);
    expect(e.action).toBeTruthy();
  });
  it('tells which redirect URI to register', () => {
    expect(mapSignInError('invalid_request', 'AADSTS50011: mismatch', redirect).action).toContain(redirect);
  });
  it('warns when the token carries no provisioning role', () => {
    expect(roleWarning([])).toMatch(/Authentication Administrator/);
    expect(roleWarning(['c4e39bd9-1100-46d3-8c65-fb160da0071f'])).toBeUndefined();
  });
});

describe('WebAuthn errors', () => {
  it('maps the ceremony outcomes', () => {
    expect(mapWebAuthnError('NotAllowedError', 'timed out', 'Adele').message).toMatch(/cancelled or timed out/);
    expect(mapWebAuthnError('InvalidStateError', '', 'Adele').message).toBe(
      'This key already holds a passkey for Adele.',
    );
    expect(mapWebAuthnError('Weird', 'x', 'Adele').reason).toBe('Weird: x');
    // the key-reuse guard in a queue names the previous owner
    const reused = mapWebAuthnError('InvalidStateError', '', 'Megan Bowen', 'Adele Vance');
    expect(reused.code).toBe('key-reused');
    expect(reused.message).toBe('This key already holds the passkey of Adele Vance — insert a new key.');
  });
});

describe('AppError', () => {
  it('crosses contexts as data and back', () => {
    const e = new AppError({ code: 'c', message: 'm', reason: 'r', action: 'a', requestId: 'id' });
    const back = AppError.from(JSON.parse(JSON.stringify(e)));
    expect(back).toBeInstanceOf(AppError);
    expect(back.toJSON()).toEqual({
      code: 'c',
      message: 'm',
      reason: 'r',
      action: 'a',
      requestId: 'id',
      status: undefined,
    });
    expect(describeError(back)).toBe('m r a Request ID: id');
  });
});
