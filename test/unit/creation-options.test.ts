import { describe, expect, it } from 'vitest';
import {
  toCreationOptionsJSON,
  toPostBody,
  unwrapCreationOptions,
  DEFAULT_TIMEOUT_MS,
} from '../../src/background/provisioning/creation-options';

const graphOptions = () => ({
  '@odata.context': 'https://graph.microsoft.com/beta/$metadata#microsoft.graph.webauthnCredentialCreationOptions',
  challengeTimeoutDateTime: '2026-11-26T11:26:35Z',
  publicKey: {
    rp: { id: 'login.microsoft.com', name: 'Microsoft' },
    user: {
      id: Buffer.from('OF:' + 'x'.repeat(48)).toString('base64url'),
      name: 'adelev@contoso.onmicrosoft.com',
      displayName: 'Adele Vance',
    },
    challenge: Buffer.from('challenge-bytes-0123456789abcdef').toString('base64url'),
    pubKeyCredParams: [
      { type: 'public-key', alg: -7 },
      { type: 'public-key', alg: -257 },
    ],
    timeout: 0,
    excludeCredentials: [
      { type: 'public-key', id: 'TZ2KrDEawbrIGQsnheGZ/BG9Nfnb7blSGwQYMGyJIhM=', transports: ['usb', 'nfc'] },
    ],
    authenticatorSelection: {
      authenticatorAttachment: 'cross-platform',
      requireResidentKey: true,
      userVerification: 'required',
    },
    attestation: 'direct',
    extensions: {
      hmacCreateSecret: true,
      enforceCredentialProtectionPolicy: true,
      credentialProtectionPolicy: 'userVerificationOptional',
      somethingNew: 1,
    },
  },
});

describe('creation options mapping', () => {
  it('accepts the top-level object and the { value } wrapper alike', () => {
    const o = graphOptions();
    expect(unwrapCreationOptions(o).publicKey.rp.id).toBe('login.microsoft.com');
    expect(unwrapCreationOptions({ value: o }).publicKey.rp.id).toBe('login.microsoft.com');
    expect(() => unwrapCreationOptions({ value: {} })).toThrow(/without rp/);
  });

  it('maps Graph options to what Chromium accepts', () => {
    const j = toCreationOptionsJSON(graphOptions());
    expect(j.rp).toEqual({ id: 'login.microsoft.com', name: 'Microsoft' });
    expect(j.timeout).toBe(DEFAULT_TIMEOUT_MS); // 0 would fail at once
    expect(j.authenticatorSelection).toEqual({
      authenticatorAttachment: 'cross-platform',
      requireResidentKey: true,
      residentKey: 'required',
      userVerification: 'required',
    });
    // enforce + level 1 makes create() throw NotSupportedError; unknown extensions are dropped
    expect(j.extensions).toEqual({ hmacCreateSecret: true, credentialProtectionPolicy: 'userVerificationOptional' });
    expect(j.attestation).toBe('direct');
    expect(j.excludeCredentials[0]).toEqual({
      id: 'TZ2KrDEawbrIGQsnheGZ_BG9Nfnb7blSGwQYMGyJIhM',
      type: 'public-key',
      transports: ['usb', 'nfc'],
    });
  });

  it('keeps a stricter credProtect enforcement', () => {
    const o = graphOptions();
    o.publicKey.extensions.credentialProtectionPolicy = 'userVerificationRequired';
    expect(toCreationOptionsJSON(o).extensions.enforceCredentialProtectionPolicy).toBe(true);
  });

  it('adds credential ids from earlier in a run to excludeCredentials, without duplicates', () => {
    const j = toCreationOptionsJSON(graphOptions(), ['AAAA', 'TZ2KrDEawbrIGQsnheGZ_BG9Nfnb7blSGwQYMGyJIhM']);
    expect(j.excludeCredentials.map((e) => e.id)).toEqual(['TZ2KrDEawbrIGQsnheGZ_BG9Nfnb7blSGwQYMGyJIhM', 'AAAA']);
  });

  it('never hard-codes the rp id', () => {
    const o = graphOptions();
    o.publicKey.rp.id = 'login.microsoftonline.com';
    expect(toCreationOptionsJSON(o).rp.id).toBe('login.microsoftonline.com');
  });
});

describe('POST body', () => {
  it('keeps only the schema fields, in base64url without padding', () => {
    const body = toPostBody('YubiKey 5 2026-11-26', {
      id: 'abc_-w',
      rawId: 'abc_-w',
      type: 'public-key',
      authenticatorAttachment: 'cross-platform',
      response: {
        clientDataJSON: 'eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0=',
        attestationObject: 'o2NmbXRkbm9uZQ==',
        transports: ['usb'],
      },
      clientExtensionResults: { hmacCreateSecret: true },
    });
    expect(body).toEqual({
      displayName: 'YubiKey 5 2026-11-26',
      publicKeyCredential: {
        id: 'abc_-w',
        response: { clientDataJSON: 'eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0', attestationObject: 'o2NmbXRkbm9uZQ' },
        clientExtensionResults: { hmacCreateSecret: true },
      },
    });
    expect(JSON.stringify(body)).not.toMatch(/rawId|"type"|transports|authenticatorAttachment|@odata/);
  });
});
