import { describe, expect, it } from 'vitest';
import { cbor } from '../fake-cloud/tenant.ts';
const encode = cbor.encode;
import { modelName, parseAttestation } from '../../src/background/provisioning/attestation';
import { passkeyName } from '../../src/shared/passkey-name';
import { keyAllowed } from '../../src/shared/policy';

function attestationObject(fmt: string, aaguid: string, flags = 0x45) {
  const authData = Buffer.concat([
    Buffer.alloc(32, 1), // rpIdHash
    Buffer.from([flags]),
    Buffer.from([0, 0, 0, 1]),
    Buffer.from(aaguid.replace(/-/g, ''), 'hex'),
    Buffer.from([0, 4]),
    Buffer.from([9, 9, 9, 9]),
    Buffer.from(encode(new Map<number, number>([[1, 2]]))),
  ]);
  return Buffer.from(encode({ fmt, attStmt: {}, authData })).toString('base64url');
}

describe('attestation', () => {
  it('reads format, AAGUID and the model name from the public list', () => {
    const info = parseAttestation(attestationObject('packed', 'cb69481e-8ff7-4039-93ec-0a2729a154a8'));
    expect(info).toMatchObject({ fmt: 'packed', aaguid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8', userVerified: true });
    expect(info.model).toMatch(/YubiKey 5/);
  });

  it('reports a withheld (zero) AAGUID as an unknown model', () => {
    const info = parseAttestation(attestationObject('none', '00000000-0000-0000-0000-000000000000'));
    expect(info.fmt).toBe('none');
    expect(info.model).toBeNull();
  });

  it('names the CDP virtual authenticator used by the demo and tests', () => {
    expect(modelName('01020304-0506-0708-0102-030405060708')).toBe('Virtual authenticator');
  });

  it('refuses garbage', () => {
    expect(() => parseAttestation(Buffer.from(encode({ fmt: 'none' })).toString('base64url'))).toThrow(
      /authenticator data|CBOR map/,
    );
  });
});

describe('key restrictions', () => {
  const yubi = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';
  it('allow list: listed passes, others are refused with the reason', () => {
    expect(keyAllowed({ isEnforced: true, enforcementType: 'allow', aaGuids: [yubi.toUpperCase()] }, yubi)).toEqual({
      allowed: true,
    });
    expect(
      keyAllowed(
        { isEnforced: true, enforcementType: 'allow', aaGuids: [yubi] },
        '01020304-0506-0708-0102-030405060708',
      )?.allowed,
    ).toBe(false);
  });
  it('block list: listed is refused', () => {
    expect(keyAllowed({ isEnforced: true, enforcementType: 'block', aaGuids: [yubi] }, yubi)).toEqual({
      allowed: false,
      why: expect.stringMatching(/block list/),
    });
  });
  it('not enforced: no verdict', () => {
    expect(keyAllowed({ isEnforced: false, enforcementType: 'allow', aaGuids: [] }, yubi)).toBeNull();
    expect(keyAllowed(undefined, yubi)).toBeNull();
  });
});

describe('passkey names', () => {
  const date = new Date('2026-11-26T10:00:00Z');
  it('fills the template', () => {
    expect(
      passkeyName('{model} {date}', { model: 'YubiKey 5 NFC', upn: 'adelev@contoso.com', name: 'Adele Vance', date }),
    ).toBe('YubiKey 5 NFC 2026-11-26');
    expect(passkeyName('{name} key', { upn: 'adelev@contoso.com', name: 'Adele Vance', date })).toBe('Adele Vance key');
    expect(passkeyName('{upn} {date}', { upn: 'adelev@contoso.com', name: 'Adele Vance', date })).toBe(
      'adelev 2026-11-26',
    );
  });
  it('stays within 30 characters, shortening the model before the date', () => {
    const n = passkeyName('{model} {date}', {
      model: 'YubiKey 5 Series with NFC KVZR57',
      upn: 'a@b.c',
      name: 'A',
      date,
    });
    expect(n.length).toBeLessThanOrEqual(30);
    expect(n.endsWith('2026-11-26')).toBe(true);
    expect(n).toBe('YubiKey 5 Series 2026-11-26'); // cut at a word, not mid-word
  });
  it('falls back to a generic model name', () => {
    expect(passkeyName('{model}', { model: null, upn: 'a@b.c', name: 'A', date })).toBe('Security key');
  });
});
