/** Passkey profiles: which profiles apply to a user, and whether a security key passes them (one table). */
import { afterEach, describe, expect, it } from 'vitest';
import {
  describeModels,
  evaluateKeyForUser,
  keyPolicyForUser,
  targetGroupIds,
  type Fido2Policy,
  type PasskeyProfile,
} from '../../src/shared/policy';
import { keyRulesCheck } from '../../src/background/directory/readiness';
import { modelName } from '../../src/background/provisioning/attestation';
import { useLocale } from './support/i18n';

const YUBI5 = 'fa2b99dc-9e39-4257-8f92-4a30d23c4118'; // YubiKey 5 Series with NFC
const YUBI5_LIGHTNING = 'c5ef55ff-ad9a-4b9f-b580-adebafe026d0'; // YubiKey 5 Series with Lightning
const VIRTUAL = '01020304-0506-0708-0102-030405060708';
const ZERO = '00000000-0000-0000-0000-000000000000';

const DEFAULT: PasskeyProfile = {
  id: '00000000-0000-0000-0000-000000000001',
  name: 'Default passkey profile',
  passkeyTypes: 'deviceBound,synced',
  attestationEnforcement: 'disabled',
  keyRestrictions: { isEnforced: false, enforcementType: 'allow', aaGuids: [] },
};
const FRONTLINE: PasskeyProfile = {
  id: 'p-frontline',
  name: 'Frontline keys',
  passkeyTypes: 'deviceBound',
  attestationEnforcement: 'registrationOnly',
  keyRestrictions: { isEnforced: true, enforcementType: 'allow', aaGuids: [YUBI5, YUBI5_LIGHTNING] },
};
const SYNCED: PasskeyProfile = { id: 'p-synced', name: 'Phones only', passkeyTypes: 'synced' };
const BLOCK_VIRTUAL: PasskeyProfile = {
  id: 'p-block',
  name: 'No test keys',
  passkeyTypes: 'deviceBound',
  attestationEnforcement: 'disabled',
  keyRestrictions: { isEnforced: true, enforcementType: 'block', aaGuids: [VIRTUAL] },
};

/** A tenant with three profiles targeted at different groups, and an excluded group. */
const threeProfiles: Fido2Policy = {
  state: 'enabled',
  isSelfServiceRegistrationAllowed: true,
  isAttestationEnforced: false,
  keyRestrictions: { isEnforced: false, enforcementType: 'block', aaGuids: [] },
  passkeyProfiles: [DEFAULT, FRONTLINE, SYNCED],
  defaultPasskeyProfile: DEFAULT.id,
  includeTargets: [
    { id: 'g-frontline', allowedPasskeyProfiles: [FRONTLINE.id] },
    { id: 'g-office', allowedPasskeyProfiles: [SYNCED.id] },
    { id: 'g-it', allowedPasskeyProfiles: [DEFAULT.id] },
  ],
  excludeTargets: [{ id: 'g-excluded' }],
};

/** Auto-enabled tenant: only the default profile, all users, no allowedPasskeyProfiles on the target. */
const autoEnabled: Fido2Policy = {
  state: 'enabled',
  isSelfServiceRegistrationAllowed: true,
  passkeyProfiles: [DEFAULT],
  includeTargets: [{ id: 'all_users' }],
  excludeTargets: [],
};

/** Today's tenants without profiles: top-level settings. */
const legacy = (p: Partial<Fido2Policy>): Fido2Policy => ({
  state: 'enabled',
  isSelfServiceRegistrationAllowed: true,
  includeTargets: [{ id: 'all_users' }],
  ...p,
});

type Row = [
  label: string,
  policy: Fido2Policy,
  groups: string[] | null,
  aaguid: string,
  fmt: string,
  allowed: boolean,
  profile?: string,
  refusal?: string,
];
const TABLE: Row[] = [
  ['no profiles, no restrictions', legacy({}), [], VIRTUAL, 'packed', true],
  [
    'no profiles, allow list without the key',
    legacy({ keyRestrictions: { isEnforced: true, enforcementType: 'allow', aaGuids: [YUBI5] } }),
    [],
    VIRTUAL,
    'packed',
    false,
    undefined,
    'key-model',
  ],
  [
    'no profiles, block list without the key',
    legacy({ keyRestrictions: { isEnforced: true, enforcementType: 'block', aaGuids: [YUBI5] } }),
    [],
    VIRTUAL,
    'packed',
    true,
  ],
  [
    'no profiles, attestation enforced, none',
    legacy({ isAttestationEnforced: true }),
    [],
    VIRTUAL,
    'none',
    false,
    undefined,
    'attestation',
  ],
  [
    'no profiles, attestation enforced, model withheld',
    legacy({ isAttestationEnforced: true }),
    [],
    ZERO,
    'packed',
    false,
    undefined,
    'attestation',
  ],
  ['auto-enabled default profile', autoEnabled, [], VIRTUAL, 'none', true, 'Default passkey profile'],
  ['frontline: a YubiKey 5, attested', threeProfiles, ['g-frontline'], YUBI5, 'packed', true, 'Frontline keys'],
  ['frontline: another model', threeProfiles, ['g-frontline'], VIRTUAL, 'packed', false, 'Frontline keys', 'key-model'],
  [
    'frontline: a YubiKey 5, attestation withheld',
    threeProfiles,
    ['g-frontline'],
    YUBI5,
    'none',
    false,
    'Frontline keys',
    'attestation',
  ],
  ['office: synced only', threeProfiles, ['g-office'], YUBI5, 'packed', false, 'Phones only', 'passkey-type'],
  ['it: default profile', threeProfiles, ['g-it'], VIRTUAL, 'none', true, 'Default passkey profile'],
  ['in two profiles: the second allows it', threeProfiles, ['g-frontline', 'g-it'], VIRTUAL, 'packed', true],
  ['in two profiles: neither allows it', threeProfiles, ['g-frontline', 'g-office'], VIRTUAL, 'packed', false],
  [
    'excluded wins over included',
    threeProfiles,
    ['g-it', 'g-excluded'],
    VIRTUAL,
    'packed',
    false,
    undefined,
    'not-targeted',
  ],
  ['in no target group', threeProfiles, ['g-other'], VIRTUAL, 'packed', false, undefined, 'not-targeted'],
  ['membership unknown: any named profile may apply', threeProfiles, null, VIRTUAL, 'packed', true],
  [
    'block-list profile',
    { ...autoEnabled, passkeyProfiles: [BLOCK_VIRTUAL] },
    [],
    VIRTUAL,
    'packed',
    false,
    'No test keys',
    'key-model',
  ],
];

describe('passkey profiles: the evaluation table', () => {
  it.each(TABLE)('%s', (_label, policy, groups, aaguid, fmt, allowed, profile, refusal) => {
    const kp = keyPolicyForUser(policy, groups === null ? null : new Set(groups), 'u1');
    const v = evaluateKeyForUser(kp, aaguid, fmt, modelName);
    expect(v.allowed).toBe(allowed);
    if (profile) expect(v.profileName).toBe(profile);
    if (refusal) expect(v.refusal).toBe(refusal);
    if (!allowed) expect(v.why).toBeTruthy();
  });
  it(`has ${TABLE.length} rows`, () => expect(TABLE.length).toBeGreaterThan(10));

  it('names the deciding profile with the models from the aaguids list', () => {
    const kp = keyPolicyForUser(threeProfiles, new Set(['g-frontline']), 'u1');
    const v = evaluateKeyForUser(kp, VIRTUAL, 'packed', modelName);
    expect(v.why).toBe('Profile \u2018Frontline keys\u2019 allows only YubiKey 5 Series models');
  });
  it('targets the user directly, and an unreadable policy lets Entra decide', () => {
    const direct = { ...threeProfiles, includeTargets: [{ id: 'u1', allowedPasskeyProfiles: [FRONTLINE.id] }] };
    expect(keyPolicyForUser(direct, new Set(), 'u1').rules.map((r) => r.profile)).toEqual(['Frontline keys']);
    expect(evaluateKeyForUser(null, VIRTUAL, 'none').allowed).toBe(true);
  });
  it('asks Graph about groups only, not users targeted directly', () => {
    const p = { includeTargets: [{ id: 'g1' }, { id: 'u9', targetType: 'user' }, { id: 'all_users' }] };
    expect(targetGroupIds(p)).toEqual(['g1']);
  });
  it('summarises model lists', () => {
    expect(describeModels([YUBI5], modelName)).toBe('YubiKey 5 Series with NFC');
    expect(describeModels([YUBI5, VIRTUAL], modelName)).toBe('YubiKey 5 Series with NFC, Virtual authenticator');
    expect(describeModels([])).toBe('no key models');
  });
});

describe('passkey profiles in the readiness check', () => {
  it('names the profile and its rule', () => {
    const c = keyRulesCheck(threeProfiles, new Set(['g-frontline']), 'u1');
    expect(c.status).toBe('warn');
    expect(c.detail).toContain(
      'Profile \u2018Frontline keys\u2019 allows only YubiKey 5 Series models and enforces attestation',
    );
  });
  it('fails when the only profile allows synced passkeys', () => {
    const c = keyRulesCheck(threeProfiles, new Set(['g-office']), 'u1');
    expect(c.status).toBe('fail');
    expect(c.detail).toContain('Phones only');
  });
  it('is ok on an auto-enabled tenant, unknown when membership is unknown', () => {
    expect(keyRulesCheck(autoEnabled, new Set(), 'u1').status).toBe('ok');
    expect(keyRulesCheck(threeProfiles, null, 'u1').status).toBe('unknown');
  });
});

describe('passkey profiles in the admin’s language', () => {
  afterEach(() => useLocale('en'));
  const frontline = () => keyPolicyForUser(threeProfiles, new Set(['g-frontline']), 'u1');
  const blockOnly: Fido2Policy = {
    ...threeProfiles,
    passkeyProfiles: [BLOCK_VIRTUAL],
    includeTargets: [{ id: 'all_users', allowedPasskeyProfiles: [BLOCK_VIRTUAL.id] }],
    excludeTargets: [],
  };
  const blocked = () => evaluateKeyForUser(keyPolicyForUser(blockOnly, new Set(), 'u1'), VIRTUAL, 'packed', modelName);

  it('English stays word for word what it was', () => {
    expect(keyRulesCheck(threeProfiles, null, 'u1').detail).toBe(
      'Profile \u2018Default passkey profile\u2019 allows any key model and does not enforce attestation; ' +
        'Profile \u2018Frontline keys\u2019 allows only YubiKey 5 Series models and enforces attestation; ' +
        'Profile \u2018Phones only\u2019 allows only synced passkeys, no security keys. ' +
        'Where attestation is enforced, allow the browser\u2019s "extended information" prompt and use a key listed in the FIDO metadata service. ' +
        'Group membership could not be checked: every profile a target names is listed.',
    );
    expect(blocked().why).toBe('Profile \u2018No test keys\u2019 blocks Virtual authenticator');
  });

  it('German: the deciding profile and its models in a whole sentence', () => {
    useLocale('de');
    const c = keyRulesCheck(threeProfiles, new Set(['g-frontline']), 'u1');
    expect(c.label).toBe('Passkeyprofil lässt Sicherheitsschlüssel zu');
    expect(c.detail).toBe(
      'Das Profil \u201eFrontline keys\u201c lässt nur Modelle vom Typ YubiKey 5 Series zu und erzwingt den Nachweis. ' +
        'Wo der Nachweis erzwungen wird, lassen Sie die Browserabfrage nach \u201eerweiterten Informationen\u201c zu, ' +
        'und verwenden Sie einen Schlüssel, der im FIDO Metadata Service aufgeführt ist.',
    );
    expect(evaluateKeyForUser(frontline(), VIRTUAL, 'packed', modelName).why).toBe(
      'Das Profil \u201eFrontline keys\u201c lässt nur Modelle vom Typ YubiKey 5 Series zu',
    );
    expect(blocked().why).toBe('Das Profil \u201eNo test keys\u201c sperrt Virtual authenticator');
  });

  it('Spanish: the deciding profile and its models in a whole sentence', () => {
    useLocale('es');
    expect(keyRulesCheck(threeProfiles, new Set(['g-office']), 'u1').detail).toBe(
      'El perfil \u00abPhones only\u00bb solo permite claves de acceso sincronizadas, no claves de seguridad. ' +
        'Permita las claves de acceso vinculadas al dispositivo en un perfil dirigido a este usuario ' +
        '(Centro de administración Entra \u203a Métodos de autenticación \u203a Clave de acceso (FIDO2)).',
    );
    expect(evaluateKeyForUser(frontline(), VIRTUAL, 'packed', modelName).why).toBe(
      'El perfil \u00abFrontline keys\u00bb solo permite los modelos YubiKey 5 Series',
    );
    expect(blocked().why).toBe('El perfil \u00abNo test keys\u00bb bloquea Virtual authenticator');
  });

  it('a long model list counts the rest with the plural form', () => {
    const four = ['a', 'b', 'c', 'd'];
    expect(describeModels(four)).toBe('AAGUID a, AAGUID b, AAGUID c and 1 more');
    expect(describeModels([...four, 'e'])).toBe('AAGUID a, AAGUID b, AAGUID c and 2 more');
    useLocale('de');
    expect(describeModels(four)).toBe('AAGUID a, AAGUID b, AAGUID c und 1 weiteres');
    expect(describeModels([...four, 'e'])).toBe('AAGUID a, AAGUID b, AAGUID c und 2 weitere');
  });
});
