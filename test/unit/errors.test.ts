import { afterEach, describe, expect, it } from 'vitest';
import { aadstsCode, mapSignInError, roleWarning } from '../../src/background/auth/auth-errors';
import { mapWebAuthnError } from '../../src/background/provisioning/webauthn-errors';
import { AppError, describeError } from '../../src/shared/errors';
import { mapGraphError } from '../../src/background/graph/graph-errors';
import { useLocale } from './support/i18n';

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

describe('errors in the admin’s language', () => {
  afterEach(() => useLocale('en'));
  const failure = {
    status: 403,
    code: 'Authorization_RequestDenied',
    message: 'Insufficient privileges to complete the operation.',
    requestId: 'req-1',
  };
  // Graph's own text is quoted as Microsoft sent it; everything around it is ours and must be in one language.
  const ours = (line: string) => line.replace(failure.message, '').replace(failure.code, '');
  const english = /\b(Could not|You do not|Microsoft Graph said|Request ID|You need|sign in again)\b/;

  it('a Graph failure with its operation and request id reads as German sentences', () => {
    useLocale('de');
    const line = describeError(
      mapGraphError({ ...failure, operation: 'Erstellen eines befristeten Zugriffspasses für Adele Vance' }),
    );
    expect(line).toBe(
      'Fehler beim Erstellen eines befristeten Zugriffspasses für Adele Vance. Sie haben keine Berechtigung. ' +
        'Microsoft Graph meldete: „Insufficient privileges to complete the operation.“ (Authorization_RequestDenied) ' +
        'Sie benötigen die Rolle „Authentifizierungsadministrator“ („Privilegierter Authentifizierungsadministrator“ ' +
        'für Benutzer, die selbst Administratoren sind), und die App-Registrierung benötigt die ' +
        'Administratoreinwilligung für die in den Einstellungen aufgeführten Graph-Berechtigungen. Wenn Sie für Ihre ' +
        'Rolle in PIM berechtigt sind, aktivieren Sie sie, und melden Sie sich erneut an. Anforderungs-ID: req-1',
    );
    expect(ours(line)).not.toMatch(english);
  });

  it('a Graph failure with its operation and request id reads as Japanese sentences', () => {
    useLocale('ja');
    const e = mapGraphError({ ...failure, operation: 'Adele Vance の一時アクセス パスを作成する' });
    expect(e.message).toBe(
      'Adele Vance の一時アクセス パスを作成することができませんでした。アクセス許可がありません。',
    );
    expect(e.reason).toBe(
      'Microsoft Graph からのメッセージ: 「Insufficient privileges to complete the operation.」 (Authorization_RequestDenied)',
    );
    const line = describeError(e);
    expect(line.endsWith(' 要求 ID: req-1')).toBe(true);
    expect(ours(line)).not.toMatch(english);
    expect(ours(line)).not.toMatch(/[a-z]{4,} [a-z]{4,}/); // no English words run in our part
  });

  it('French keeps the operation phrase whole, whatever letter it starts with (no “de” to elide)', () => {
    useLocale('fr');
    expect(mapGraphError({ status: 429, operation: 'effectuer une recherche dans l’annuaire' }).message).toBe(
      'Échec de l’opération «\u00a0effectuer une recherche dans l’annuaire\u00a0». Microsoft Graph limite le nombre de requêtes.',
    );
  });

  it('a failure the auth host reports by code alone is worded by the service worker', () => {
    useLocale('de');
    expect(mapSignInError('no_result', '', redirect)).toMatchObject({
      message: 'Die Microsoft-Anmeldung ist fehlgeschlagen.',
      reason: 'Die Microsoft-Anmeldung hat kein Ergebnis zurückgegeben.',
    });
    useLocale('en');
    expect(mapSignInError('no_account_in_silent_request', '', redirect)).toMatchObject({
      message: 'Your Microsoft sign-in has expired.',
      reason: 'No cached account.',
    });
  });

  it('the key-reuse notice names both users in Spanish', () => {
    useLocale('es');
    expect(mapWebAuthnError('InvalidStateError', '', 'Megan Bowen', 'Adele Vance')).toMatchObject({
      message: 'Esta clave ya contiene la clave de acceso de Adele Vance: inserte una clave nueva.',
      action: 'Retire esa clave, inserte una clave nueva para Megan Bowen y, a continuación, haga clic en Reanudar.',
    });
  });
});
