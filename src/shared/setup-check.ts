/**
 * "Check setup": from the facts one run gathers (an authorize probe, the last sign-in's outcome, the token's claims,
 * the two method policies, the browser's incognito setting) to one verdict per item, each with what to change and
 * the Entra admin center page where to change it. Pure: unit-tested; src/background/setup/check.ts gathers the facts.
 */
import { GRAPH_PERMISSIONS } from './clouds';
import { describeRule, keyPolicyForUser, type Fido2Policy, type TapPolicy } from './policy';

export type Verdict = 'passed' | 'failed' | 'unknown';

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

/** Directory role template ids that can manage other users' authentication methods. */
export const METHOD_ROLES: Record<string, string> = {
  'c4e39bd9-1100-46d3-8c65-fb160da0071f': 'Authentication Administrator',
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13': 'Privileged Authentication Administrator',
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
};

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
    authentication: { href: `${app}/Authentication/appId/${clientId}`, text: 'App registration \u203a Authentication' },
    overview: { href: `${app}/Overview/appId/${clientId}`, text: 'App registration \u203a Overview' },
    permissions: { href: `${app}/CallAnAPI/appId/${clientId}`, text: 'App registration \u203a API permissions' },
    methods: {
      href: `${adminCenter}/#view/Microsoft_AAD_IAM/AuthenticationMethodsMenuBlade/~/AdminAuthMethods`,
      text: 'Authentication methods \u203a Policies',
    },
    roles: {
      href: `${adminCenter}/#view/Microsoft_Azure_PIMCommon/ActivationMenuBlade/~/aadmigratedroles`,
      text: 'Privileged Identity Management \u203a My roles',
    },
  };
};

const APP_FIXES: Record<string, { what: string; fix: (f: SetupFacts) => string; page: 'authentication' | 'overview' }> =
  {
    '50011': {
      what: 'The redirect URI is not registered for this app',
      fix: (f) =>
        `Add ${f.redirectUri} as a redirect URI under the "Single-page application" platform, then sign in again.`,
      page: 'authentication',
    },
    '700016': {
      what: 'Entra does not know this application (client) ID in the tenant',
      fix: (f) =>
        `Copy the Application (client) ID from the app registration's Overview into the settings (now ${f.clientId}), and check the tenant (${f.tenant}).`,
      page: 'overview',
    },
    '90002': {
      what: 'Entra does not know this tenant',
      fix: (f) => `Enter your tenant ID or a verified domain in the settings (now ${f.tenant}).`,
      page: 'overview',
    },
    '900023': {
      what: 'The tenant is not a valid tenant ID or domain',
      fix: (f) => `Enter your tenant ID or a verified domain in the settings (now ${f.tenant}).`,
      page: 'overview',
    },
    '9002326': {
      what: 'The app registration is not a single-page application',
      fix: (f) =>
        `Move ${f.redirectUri} to the "Single-page application" platform (not "Web" or "Mobile and desktop applications").`,
      page: 'authentication',
    },
    '9002327': {
      what: 'The app registration is not a single-page application',
      fix: (f) =>
        `Move ${f.redirectUri} to the "Single-page application" platform (not "Web" or "Mobile and desktop applications").`,
      page: 'authentication',
    },
    '65001': {
      what: 'The app has no admin consent',
      fix: () =>
        'On API permissions, click "Grant admin consent" for the Microsoft Graph permissions, then sign in again.',
      page: 'authentication',
    },
  };

function appRegistration(f: SetupFacts): SetupItem {
  const links = adminLinks(f.adminCenter, f.clientId);
  const label = 'App registration: tenant, client ID and redirect URI';
  if (!f.authorize)
    return {
      id: 'app-registration',
      label,
      verdict: 'unknown',
      detail: 'Microsoft\u2019s sign-in endpoint could not be reached.',
      fix: 'Check the network and the cloud chosen in the settings, then run the check again.',
      link: links.authentication,
    };
  if (f.authorize.accepted)
    return {
      id: 'app-registration',
      label,
      verdict: 'passed',
      detail: `Entra accepts client ID ${f.clientId} in tenant ${f.tenant} with the redirect URI ${f.redirectUri}.`,
    };
  const known = APP_FIXES[f.authorize.aadsts];
  return {
    id: 'app-registration',
    label,
    verdict: 'failed',
    detail: `${known?.what ?? 'Entra refused the sign-in request'} (AADSTS${f.authorize.aadsts}: ${f.authorize.message}).`,
    fix: known?.fix(f) ?? 'Check the tenant, client ID and redirect URI in the settings against the app registration.',
    link: known?.page === 'overview' ? links.overview : links.authentication,
  };
}

function signIn(f: SetupFacts): SetupItem {
  const links = adminLinks(f.adminCenter, f.clientId);
  const label = 'Sign-in (single-page application platform, consent)';
  if (f.signIn.signedIn)
    return {
      id: 'sign-in',
      label,
      verdict: 'passed',
      detail: `Signed in as ${f.signIn.upn}: the platform and consent work.`,
    };
  const aadsts = /AADSTS(\d+)/.exec(f.signIn.errorCode ?? '')?.[1];
  const known = aadsts ? APP_FIXES[aadsts] : undefined;
  if (aadsts)
    return {
      id: 'sign-in',
      label,
      verdict: 'failed',
      detail: `The last sign-in failed: ${known?.what ?? f.signIn.message ?? 'Entra refused it'} (AADSTS${aadsts}).`,
      fix: known?.fix(f) ?? f.signIn.message ?? 'Fix what the error says and sign in again.',
      link: aadsts === '65001' ? links.permissions : links.authentication,
    };
  return {
    id: 'sign-in',
    label,
    verdict: 'unknown',
    detail: f.signIn.message ? `Not signed in (${f.signIn.message}).` : 'Not signed in.',
    fix: 'Sign in from the extension\u2019s popup, then run the check again: the platform, permissions, policies and role are checked with your sign-in.',
  };
}

function permissions(f: SetupFacts): SetupItem {
  const links = adminLinks(f.adminCenter, f.clientId);
  const label = 'Delegated Microsoft Graph permissions';
  if (!f.scopes)
    return { id: 'permissions', label, verdict: 'unknown', detail: 'No token to read.', fix: 'Sign in first.' };
  const have = new Set(f.scopes.map((s) => s.toLowerCase()));
  const missing = GRAPH_PERMISSIONS.filter(
    (p) => ![p.scope, ...(COVERED_BY[p.scope] ?? [])].some((s) => have.has(s.toLowerCase())),
  );
  if (!missing.length)
    return {
      id: 'permissions',
      label,
      verdict: 'passed',
      detail: `All ${GRAPH_PERMISSIONS.length} permissions are in your token.`,
    };
  return {
    id: 'permissions',
    label,
    verdict: 'failed',
    detail: `Missing from your token: ${missing.map((p) => `${p.scope} (without it the extension cannot ${p.why})`).join('; ')}.`,
    fix: `Add ${missing.map((p) => p.scope).join(', ')} as delegated Microsoft Graph permissions, click "Grant admin consent", then sign out and in again.`,
    link: links.permissions,
  };
}

function unreadable(status: number, what: string): string {
  return status === 403
    ? `Your role or token cannot read the ${what} (403). Reading it needs Policy.Read.AuthenticationMethod and a role that may read authentication method policies (for example Authentication Policy Administrator or Global Reader). Provisioning may still work; readiness shows these checks as unknown.`
    : `Graph answered ${status} when reading the ${what}.`;
}

function passkeyPolicy(f: SetupFacts): SetupItem {
  const link = adminLinks(f.adminCenter, f.clientId).methods;
  const label = 'Passkey (FIDO2) policy';
  if (!f.fido2) return { id: 'passkey-policy', label, verdict: 'unknown', detail: 'Not read.', fix: 'Sign in first.' };
  if (!f.fido2.ok)
    return {
      id: 'passkey-policy',
      label,
      verdict: 'unknown',
      detail: unreadable(f.fido2.status, 'Passkey (FIDO2) policy'),
      fix: 'Open the policy in the admin center to check it by hand.',
      link,
    };
  const p = f.fido2.value;
  const problems: string[] = [];
  if (p.state !== 'enabled') problems.push('Enable the Passkey (FIDO2) method and target the users to provision.');
  if (p.isSelfServiceRegistrationAllowed === false)
    problems.push(
      'Turn on "Allow self-service set up" (Configure tab): Graph provisioning and My Sign-ins both need it.',
    );
  const profiles = p.passkeyProfiles ?? [];
  // Everything a target names, as if the user were in every group: what the tenant allows at most.
  const all = keyPolicyForUser(p, null, '').rules;
  if (profiles.length && all.length && !all.some((r) => r.deviceBound))
    problems.push('Allow device-bound passkeys (security keys) in at least one passkey profile that targets users.');
  const described = profiles.length
    ? `${profiles.length} passkey profile${profiles.length > 1 ? 's' : ''}: ${all.map((r) => describeRule(r)).join('; ')}.`
    : 'No passkey profiles (the policy\u2019s own key restrictions apply).';
  const state = `${p.state === 'enabled' ? 'Enabled' : 'Disabled'}; self-service set up ${p.isSelfServiceRegistrationAllowed === false ? 'off' : 'on'}.`;
  return problems.length
    ? { id: 'passkey-policy', label, verdict: 'failed', detail: `${state} ${described}`, fix: problems.join(' '), link }
    : { id: 'passkey-policy', label, verdict: 'passed', detail: `${state} ${described}` };
}

function tapPolicy(f: SetupFacts): SetupItem {
  const link = adminLinks(f.adminCenter, f.clientId).methods;
  const label = 'Temporary Access Pass policy (Guided mode)';
  if (!f.tapPolicy) return { id: 'tap-policy', label, verdict: 'unknown', detail: 'Not read.', fix: 'Sign in first.' };
  if (!f.tapPolicy.ok)
    return {
      id: 'tap-policy',
      label,
      verdict: 'unknown',
      detail: unreadable(f.tapPolicy.status, 'Temporary Access Pass policy'),
      fix: 'Open the policy in the admin center to check it by hand.',
      link,
    };
  const p = f.tapPolicy.value;
  const min = p.minimumLifetimeInMinutes ?? 60;
  const max = p.maximumLifetimeInMinutes ?? 480;
  const detail = `${p.state === 'enabled' ? 'Enabled' : 'Disabled'}; lifetime ${min}\u2013${max} minutes; ${p.isUsableOnce ? 'every pass is one-time' : 'one-time passes allowed'}.`;
  if (p.state !== 'enabled')
    return {
      id: 'tap-policy',
      label,
      verdict: 'failed',
      detail,
      fix: 'Enable the Temporary Access Pass method for the users to provision (Guided mode needs it; Automatic mode does not).',
      link,
    };
  if (min > 120)
    return {
      id: 'tap-policy',
      label,
      verdict: 'passed',
      detail: `${detail} A pass lives at least ${min} minutes; the extension deletes it as soon as the key is registered.`,
    };
  return { id: 'tap-policy', label, verdict: 'passed', detail };
}

function role(f: SetupFacts): SetupItem {
  const link = adminLinks(f.adminCenter, f.clientId).roles;
  const label = 'Your role can manage users\u2019 sign-in methods';
  const held = (f.roles ?? []).map((r) => METHOD_ROLES[r]).filter(Boolean);
  if (held.length)
    return { id: 'role', label, verdict: 'passed', detail: `Your token shows the ${held.join(' and ')} role.` };
  // No false alarm: roles scoped to an administrative unit, and PIM-eligible roles, never appear in the token.
  return {
    id: 'role',
    label,
    verdict: 'unknown',
    detail:
      'Your token shows no tenant-wide Authentication Administrator, Privileged Authentication Administrator or Global Administrator role. Roles scoped to an administrative unit and roles eligible in Privileged Identity Management do not appear there.',
    fix: 'Check My roles (activate an eligible role, then sign in again); or open a user in the popup: its readiness check says whether your role can manage them.',
    link,
  };
}

function incognito(f: SetupFacts): SetupItem {
  const label = 'Allowed in InPrivate / Incognito windows';
  if (f.incognito === null)
    return { id: 'incognito', label, verdict: 'unknown', detail: 'The browser did not say.', fix: 'See below.' };
  return f.incognito
    ? {
        id: 'incognito',
        label,
        verdict: 'passed',
        detail: 'Guided mode signs users in a private window, apart from your own session.',
      }
    : {
        id: 'incognito',
        label,
        verdict: 'failed',
        detail:
          'Guided mode then signs the user in a normal window of your profile, next to your own Microsoft session.',
        fix: 'Open edge://extensions (or chrome://extensions) \u203a Passkey Provisioner \u203a Details and turn on "Allow in InPrivate" ("Allow in Incognito").',
      };
}

function attestation(f: SetupFacts): SetupItem {
  const label = 'Browser policy SecurityKeyPermitAttestation (advice)';
  const p = f.fido2?.ok ? f.fido2.value : null;
  const enforced = p ? keyPolicyForUser(p, null, '').rules.some((r) => r.deviceBound && r.attestationEnforced) : null;
  if (enforced === null)
    return {
      id: 'attestation-policy',
      label,
      verdict: 'unknown',
      advice: true,
      detail: 'Whether attestation is enforced is not known (passkey policy not read).',
    };
  if (!enforced)
    return {
      id: 'attestation-policy',
      label,
      verdict: 'passed',
      advice: true,
      detail: 'Attestation is not enforced: the browser may withhold it.',
    };
  return {
    id: 'attestation-policy',
    label,
    verdict: 'unknown',
    advice: true,
    detail:
      'Attestation is enforced: each registration asks the admin to allow "extended information about your security key", and a refusal makes Entra reject the key.',
    fix: 'To skip that prompt, set the browser policy SecurityKeyPermitAttestation to the URL https://login.microsoft.com (Edge and Chrome, by Group Policy or Intune).',
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
  return `${failed.length} check${failed.length > 1 ? 's' : ''} failed: ${failed.map((i) => i.label).join('; ')}.`;
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
