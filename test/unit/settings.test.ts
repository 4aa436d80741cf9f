import { describe, expect, it } from 'vitest';
import { mergeManaged, validateSettings } from '../../src/shared/settings';

const good = {
  tenant: 'contoso.onmicrosoft.com',
  clientId: '3c9a6f4e-2b1d-4e8a-9c7f-1a2b3c4d5e6f',
  cloud: 'global',
  passkeyNameTemplate: '{model} {date}',
};

describe('validateSettings', () => {
  it('accepts a domain or a GUID tenant and normalises case and spaces', () => {
    const r = validateSettings({
      ...good,
      tenant: '  Contoso.OnMicrosoft.com ',
      clientId: good.clientId.toUpperCase(),
    });
    expect(r).toEqual({
      ok: true,
      settings: { ...good, tenant: 'contoso.onmicrosoft.com', pagesInMyLanguage: false },
    });
    expect(validateSettings({ ...good, tenant: '7F3C9A4E-1D2B-4C5A-9E8F-0A1B2C3D4E5F' }).ok).toBe(true);
  });

  it.each([
    ['', /Enter your directory/],
    ['common', /not a tenant/],
    ['organizations', /not a tenant/],
    ['contoso', /neither a tenant ID/],
    ['7f3c9a4e-1d2b-4c5a-9e8f', /neither a tenant ID/],
    ['00000000-0000-0000-0000-000000000000', /all-zero/],
    ['https://login.microsoftonline.com/contoso.com', /neither/],
  ])('refuses tenant %j with a specific reason', (tenant, reason) => {
    const r = validateSettings({ ...good, tenant });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.tenant).toMatch(reason);
      expect(r.errors.clientId).toBeUndefined();
    }
  });

  it('refuses a client id that is not a GUID, and an unknown cloud', () => {
    const r = validateSettings({ ...good, clientId: 'my-app', cloud: 'mars' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.clientId).toMatch(/GUID/);
      expect(r.errors.cloud).toMatch(/Unknown cloud "mars"/);
    }
  });

  it('refuses unknown name placeholders', () => {
    const r = validateSettings({ ...good, passkeyNameTemplate: '{serial}' });
    expect(r.ok).toBe(false);
  });
});

describe('mergeManaged', () => {
  it('lets policy values win and reports them as locked', () => {
    const r = mergeManaged({ tenant: 'a.example.com', clientId: 'x' }, {
      tenant: 'policy.example.com',
      cloud: 'usgov',
      ignored: 'x',
    } as never);
    expect(r.settings.tenant).toBe('policy.example.com');
    expect(r.settings.cloud).toBe('usgov');
    expect(r.settings.clientId).toBe('x');
    expect(r.locked.sort()).toEqual(['cloud', 'tenant']);
  });
  it('ignores an invalid managed cloud instead of locking garbage', () => {
    expect(mergeManaged({}, { cloud: 'nowhere' }).locked).toEqual([]);
  });
});
