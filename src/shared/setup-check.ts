/**
 * "Check setup": from the facts one run gathers (an authorize probe, the last sign-in's outcome, the token's claims,
 * the two method policies, the browser's incognito setting) to one verdict per item, each with what to change and
 * the Entra admin center page where to change it. Pure: unit-tested; src/background/setup/check.ts gathers the facts.
 */
import { GRAPH_PERMISSIONS } from './clouds';
import { t, tn, uiLanguage } from './i18n';
import { describeRule, joinClauses, keyPolicyForUser, type Fido2Policy, type TapPolicy } from './policy';

export type Verdict = 'passed' | 'failed' | 'unknown';

/** The verdict as the admin reads it ("passed", "failed", "unknown" in English: the UI contract). */
export function verdictText(v: Verdict): string {
  return v === 'passed' ? t('setupVerdictPassed') : v === 'failed' ? t('setupVerdictFailed') : t('setupVerdictUnknown');
}

export interface SetupItem {
  id: SetupItemId;
  label: string;
  verdict: Verdict;
  /** What was found. */
  detail: string;
  /** Exactly what to change (failed or unknown items). */
  fix?: string;
  link?: { href: string; text: string };
  /** Advice, not a requirement: never counted as a failure. */
  advice?: boolean;
}

export const SETUP_ITEMS = [
  'app-registration',
  'sign-in',
  'permissions',
  'passkey-policy',
  'tap-policy',
  'role',
  'incognito',
  'attestation-policy',
] as const;
export type SetupItemId = (typeof SETUP_ITEMS)[number];

/** A policy as read: the resource, Graph's refusal status, or null when not tried (not signed in). */
export type PolicyRead<T> = { ok: true; value: T } | { ok: false; status: number } | null;

export interface SetupFacts {
  adminCenter: string;
  clientId: string;
  tenant: string;
  redirectUri: string;
  /** The authorize endpoint's answer to a prompt=none request: accepted (it redirected), an AADSTS code, or unknown. */
  authorize: { accepted: true } | { accepted: false; aadsts: string; message: string } | null;
  /** The current sign-in: signed in, or the last attempt's error code (e.g. "sign-in:AADSTS9002326"). */
  signIn: { signedIn: true; upn: string } | { signedIn: false; errorCode?: string; message?: string };
  /** The access token's `scp`, split; null when there is no token. */
  scopes: string[] | null;
  /** The access token's `wids` (tenant-wide roles only); null when absent. */
  roles: string[] | null;
  fido2: PolicyRead<Fido2Policy>;
  tapPolicy: PolicyRead<TapPolicy>;
  /** chrome.extension.isAllowedIncognitoAccess(); null when unknown. */
  incognito: boolean | null;
}

/** Directory role template ids that can manage other users' authentication methods, with the role's name. */
export const METHOD_ROLES: Record<string, () => string> = {
  'c4e39bd9-1100-46d3-8c65-fb160da0071f': () => t('setupRoleAuthenticationAdministrator'),
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13': () => t('setupRolePrivilegedAuthenticationAdministrator'),
  '62e90394-69f5-4237-9190-012177145e10': () => t('setupRoleGlobalAdministrator'),
};

/** Names joined as the admin's language joins them ("A and B"). */
const and = (names: string[]) => new Intl.ListFormat(uiLanguage(), { type: 'conjunction' }).format(names);
const num = (n: number) => n.toLocaleString(uiLanguage());
/** Sentences one after the other as the language writes them: a space between them, none in Japanese or Chinese. */
const sentences = (parts: string[]) => parts.join(/^(ja|zh)\b/i.test(uiLanguage()) ? '' : ' ');

/** Broader delegated permissions that include a needed one. */
const COVERED_BY: Record<string, string[]> = {
  'User.Read': ['User.ReadWrite', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'],
  'User.Read.All': ['User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  'GroupMember.Read.All': ['Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  'UserAuthenticationMethod.ReadWrite.All': [],
  'Policy.Read.AuthenticationMethod': ['Policy.ReadWrite.AuthenticationMethod', 'Policy.Read.All'],
};

export const adminLinks = (adminCenter: string, clientId: string) => {
  const app = `${adminCenter}/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~`;
  return {
    authentication: { href: `${app}/Authentication/appId/${clientId}`, text: t('setupPageAppAuthentication') },
    overview: { href: `${app}/Overview/appId/${clientId}`, text: t('setupPageAppOverview') },
    permissions: { href: `${app}/CallAnAPI/appId/${clientId}`, text: t('setupPageAppApiPermissions') },
    methods: {
      href: `${adminCenter}/#view/Microsoft_AAD_IAM/AuthenticationMethodsMenuBlade/~/AdminAuthMethods`,
      text: t('setupPageMethodsPolicies'),
    },
    roles: {
      href: `${adminCenter}/#view/Microsoft_Azure_PIMCommon/ActivationMenuBlade/~/aadmigratedroles`,
      text: t('setupPagePimMyRoles'),
    },
  };
};

/** Known AADSTS codes: what is wrong (a clause, shown before the code) and exactly what to change. */
const APP_FIXES: Record<
  string,
  { what: () => string; fix: (f: SetupFacts) => string; page: 'authentication' | 'overview' }
> = {
  '50011': {
    what: () => t('setupAppRedirectUnregistered'),
    fix: (f) => t('setupAppRedirectUnregisteredFix', f.redirectUri),
    page: 'authentication',
  },
  '700016': {
    what: () => t('setupAppClientUnknown'),
    fix: (f) => t('setupAppClientUnknownFix', f.clientId, f.tenant),
    page: 'overview',
  },
  '90002': {
    what: () => t('setupAppTenantUnknown'),
    fix: (f) => t('setupAppTenantFix', f.tenant),
    page: 'overview',
  },
  '900023': {
    what: () => t('setupAppTenantInvalid'),
    fix: (f) => t('setupAppTenantFix', f.tenant),
    page: 'overview',
  },
  '9002326': {
    what: () => t('setupAppNotSpa'),
    fix: (f) => t('setupAppNotSpaFix', f.redirectUri),
    page: 'authentication',
  },
  '9002327': {
    what: () => t('setupAppNotSpa'),
    fix: (f) => t('setupAppNotSpaFix', f.redirectUri),
    page: 'authentication',
  },
  '65001': {
    what: () => t('setupAppNoConsent'),
    fix: () => t('setupAppNoConsentFix'),
    page: 'authentication',
  },
};

function appRegistration(f: SetupFacts): SetupItem {
  const links = adminLinks(f.adminCenter, f.clientId);
  const label = t('setupLabelAppRegistration');
  if (!f.authorize)
    return {
      id: 'app-registration',
      label,
      verdict: 'unknown',
      detail: t('setupAppUnreachable'),
      fix: t('setupAppUnreachableFix'),
      link: links.authentication,
    };
  if (f.authorize.accepted)
    return {
      id: 'app-registration',
      label,
      verdict: 'passed',
      detail: t('setupAppAccepted', f.clientId, f.tenant, f.redirectUri),
    };
  const known = APP_FIXES[f.authorize.aadsts];
  return {
    id: 'app-registration',
    label,
    verdict: 'failed',
    detail: t('setupAppRefused', known?.what() ?? t('setupAppRefusedUnknown'), f.authorize.aadsts, f.authorize.message),
    fix: known?.fix(f) ?? t('setupAppRefusedFix'),
    link: known?.page === 'overview' ? links.overview : links.authentication,
  };
}

function signIn(f: SetupFacts): SetupItem {
  const links = adminLinks(f.adminCenter, f.clientId);
  const label = t('setupLabelSignIn');
  if (f.signIn.signedIn)
    return {
      id: 'sign-in',
      label,
      verdict: 'passed',
      detail: t('setupSignInPassed', f.signIn.upn),
    };
  const aadsts = /AADSTS(\d+)/.exec(f.signIn.errorCode ?? '')?.[1];
  const known = aadsts ? APP_FIXES[aadsts] : undefined;
  if (aadsts)
    return {
      id: 'sign-in',
      label,
      verdict: 'failed',
      detail: t('setupSignInFailed', known?.what() ?? f.signIn.message ?? t('setupSignInRefused'), aadsts),
      fix: known?.fix(f) ?? f.signIn.message ?? t('setupSignInFailedFix'),
      link: aadsts === '65001' ? links.permissions : links.authentication,
    };
  return {
    id: 'sign-in',
    label,
    verdict: 'unknown',
    detail: f.signIn.message ? t('setupSignedOutBecause', f.signIn.message) : t('setupSignedOut'),
    fix: t('setupSignedOutFix'),
  };
}

function permissions(f: SetupFacts): SetupItem {
  const links = adminLinks(f.adminCenter, f.clientId);
  const label = t('setupLabelPermissions');
  if (!f.scopes)
    return { id: 'permissions', label, verdict: 'unknown', detail: t('setupNoToken'), fix: t('setupSignInFirst') };
  const have = new Set(f.scopes.map((s) => s.toLowerCase()));
  const missing = GRAPH_PERMISSIONS.filter(
    (p) => ![p.scope, ...(COVERED_BY[p.scope] ?? [])].some((s) => have.has(s.toLowerCase())),
  );
  if (!missing.length)
    return {
      id: 'permissions',
      label,
      verdict: 'passed',
      detail: t('setupPermissionsPassed', num(GRAPH_PERMISSIONS.length)),
    };
  return {
    id: 'permissions',
    label,
    verdict: 'failed',
    detail: t('setupPermissionsMissing', missing.map((p) => p.missing).join('; ')),
    fix: t('setupPermissionsMissingFix', missing.map((p) => p.scope).join(', ')),
    link: links.permissions,
  };
}

function unreadable(status: number, policy: 'fido2' | 'tap'): string {
  if (policy === 'fido2')
    return status === 403 ? t('setupPasskeyPolicyForbidden') : t('setupPasskeyPolicyStatus', String(status));
  return status === 403 ? t('setupTapPolicyForbidden') : t('setupTapPolicyStatus', String(status));
}

function passkeyPolicy(f: SetupFacts): SetupItem {
  const link = adminLinks(f.adminCenter, f.clientId).methods;
  const label = t('setupLabelPasskeyPolicy');
  if (!f.fido2)
    return { id: 'passkey-policy', label, verdict: 'unknown', detail: t('setupNotRead'), fix: t('setupSignInFirst') };
  if (!f.fido2.ok)
    return {
      id: 'passkey-policy',
      label,
      verdict: 'unknown',
      detail: unreadable(f.fido2.status, 'fido2'),
      fix: t('setupPolicyCheckByHand'),
      link,
    };
  const p = f.fido2.value;
  const problems: string[] = [];
  if (p.state !== 'enabled') problems.push(t('setupPasskeyEnableFix'));
  if (p.isSelfServiceRegistrationAllowed === false) problems.push(t('setupPasskeySelfServiceFix'));
  const profiles = p.passkeyProfiles ?? [];
  // Everything a target names, as if the user were in every group: what the tenant allows at most.
  const all = keyPolicyForUser(p, null, '').rules;
  if (profiles.length && all.length && !all.some((r) => r.deviceBound)) problems.push(t('setupPasskeyDeviceBoundFix'));
  const described = profiles.length
    ? tn('setupPasskeyProfiles', profiles.length, joinClauses(all.map((r) => describeRule(r))))
    : t('setupPasskeyNoProfiles');
  const selfService = p.isSelfServiceRegistrationAllowed !== false;
  const state =
    p.state === 'enabled'
      ? selfService
        ? t('setupPasskeyEnabledSelfServiceOn')
        : t('setupPasskeyEnabledSelfServiceOff')
      : selfService
        ? t('setupPasskeyDisabledSelfServiceOn')
        : t('setupPasskeyDisabledSelfServiceOff');
  return problems.length
    ? {
        id: 'passkey-policy',
        label,
        verdict: 'failed',
        detail: sentences([state, described]),
        fix: sentences(problems),
        link,
      }
    : { id: 'passkey-policy', label, verdict: 'passed', detail: sentences([state, described]) };
}

function tapPolicy(f: SetupFacts): SetupItem {
  const link = adminLinks(f.adminCenter, f.clientId).methods;
  const label = t('setupLabelTapPolicy');
  if (!f.tapPolicy)
    return { id: 'tap-policy', label, verdict: 'unknown', detail: t('setupNotRead'), fix: t('setupSignInFirst') };
  if (!f.tapPolicy.ok)
    return {
      id: 'tap-policy',
      label,
      verdict: 'unknown',
      detail: unreadable(f.tapPolicy.status, 'tap'),
      fix: t('setupPolicyCheckByHand'),
      link,
    };
  const p = f.tapPolicy.value;
  const min = p.minimumLifetimeInMinutes ?? 60;
  const max = p.maximumLifetimeInMinutes ?? 480;
  const [lo, hi] = [num(min), num(max)];
  const detail =
    p.state === 'enabled'
      ? p.isUsableOnce
        ? t('setupTapEnabledOnce', lo, hi)
        : t('setupTapEnabledReusable', lo, hi)
      : p.isUsableOnce
        ? t('setupTapDisabledOnce', lo, hi)
        : t('setupTapDisabledReusable', lo, hi);
  if (p.state !== 'enabled')
    return {
      id: 'tap-policy',
      label,
      verdict: 'failed',
      detail,
      fix: t('setupTapEnableFix'),
      link,
    };
  if (min > 120)
    return {
      id: 'tap-policy',
      label,
      verdict: 'passed',
      detail: sentences([detail, t('setupTapLongLifetime', lo)]),
    };
  return { id: 'tap-policy', label, verdict: 'passed', detail };
}

function role(f: SetupFacts): SetupItem {
  const link = adminLinks(f.adminCenter, f.clientId).roles;
  const label = t('setupLabelRole');
  const held = (f.roles ?? []).flatMap((r) => METHOD_ROLES[r]?.() ?? []);
  if (held.length)
    return {
      id: 'role',
      label,
      verdict: 'passed',
      detail: held.length === 1 ? t('setupRoleHeldOne', and(held)) : t('setupRoleHeldMany', and(held)),
    };
  // No false alarm: roles scoped to an administrative unit, and PIM-eligible roles, never appear in the token.
  return {
    id: 'role',
    label,
    verdict: 'unknown',
    detail: t('setupRoleNotShown'),
    fix: t('setupRoleNotShownFix'),
    link,
  };
}

function incognito(f: SetupFacts): SetupItem {
  const label = t('setupLabelIncognito');
  if (f.incognito === null)
    return { id: 'incognito', label, verdict: 'unknown', detail: t('setupIncognitoUnknown'), fix: t('setupSeeBelow') };
  return f.incognito
    ? {
        id: 'incognito',
        label,
        verdict: 'passed',
        detail: t('setupIncognitoAllowed'),
      }
    : {
        id: 'incognito',
        label,
        verdict: 'failed',
        detail: t('setupIncognitoNotAllowed'),
        fix: t('setupIncognitoNotAllowedFix'),
      };
}

function attestation(f: SetupFacts): SetupItem {
  const label = t('setupLabelAttestation');
  const p = f.fido2?.ok ? f.fido2.value : null;
  const enforced = p ? keyPolicyForUser(p, null, '').rules.some((r) => r.deviceBound && r.attestationEnforced) : null;
  if (enforced === null)
    return {
      id: 'attestation-policy',
      label,
      verdict: 'unknown',
      advice: true,
      detail: t('setupAttestationUnknown'),
    };
  if (!enforced)
    return {
      id: 'attestation-policy',
      label,
      verdict: 'passed',
      advice: true,
      detail: t('setupAttestationNotEnforced'),
    };
  return {
    id: 'attestation-policy',
    label,
    verdict: 'unknown',
    advice: true,
    detail: t('setupAttestationEnforced'),
    fix: t('setupAttestationEnforcedFix', 'https://login.microsoft.com'),
  };
}

export function evaluateSetup(f: SetupFacts): SetupItem[] {
  return [
    appRegistration(f),
    signIn(f),
    permissions(f),
    passkeyPolicy(f),
    tapPolicy(f),
    role(f),
    incognito(f),
    attestation(f),
  ];
}

/** The summary for the role="alert" element: one line per failure, or null when nothing failed. */
export function failureSummary(items: SetupItem[]): string | null {
  const failed = items.filter((i) => i.verdict === 'failed' && !i.advice);
  if (!failed.length) return null;
  return tn('setupFailureSummary', failed.length, failed.map((i) => i.label).join('; '));
}

/** Claims of a JWT's payload (no verification: only to read our own token's scp/wids for diagnostics). */
export function jwtClaims(token: string): Record<string, unknown> | null {
  try {
    const part = token.split('.')[1];
    if (!part) return null;
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)))) as Record<
      string,
      unknown
    >;
  } catch {
    return null;
  }
}
