/** Turns MSAL / Entra sign-in failures into what the admin should fix. Pure: unit-tested. */
import type { AppErrorData } from '../../shared/errors';

const ADMIN_ROLE_IDS = {
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
};
export const PROVISIONING_ROLE_IDS = Object.values(ADMIN_ROLE_IDS);

/** The AADSTS code in an Entra error description, if any. */
export function aadstsCode(text: string): string | undefined {
  return /AADSTS(\d{5,})/.exec(text)?.[1];
}

export function mapSignInError(errorCode: string, message: string, redirectUri: string): AppErrorData {
  const code = aadstsCode(message);
  const base = { code: `sign-in:${code ? `AADSTS${code}` : errorCode}` };
  const detail = message.split(/\r?\n|Trace ID:/)[0]?.trim();
  switch (code) {
    case '65001':
    case '65004':
    case '90094':
      return {
        ...base,
        message: 'Sign-in needs admin consent for this app.',
        reason: detail,
        action:
          'In Entra admin center → App registrations → your app → API permissions, grant admin consent for the listed Microsoft Graph permissions, then sign in again.',
      };
    case '50011':
      return {
        ...base,
        message: 'The redirect URI is not registered for this app.',
        reason: detail,
        action: `Add ${redirectUri} as a Single-page application redirect URI in the app registration (Authentication page), then sign in again.`,
      };
    case '700016':
      return {
        ...base,
        message: 'Entra does not know this application ID in your tenant.',
        reason: detail,
        action: 'Check the Application (client) ID and the tenant in the extension\u2019s settings.',
      };
    case '90002':
    case '900023':
      return {
        ...base,
        message: 'Entra does not know this tenant.',
        reason: detail,
        action: 'Check the tenant ID or domain in the extension\u2019s settings.',
      };
    case '9002326':
    case '9002327':
      return {
        ...base,
        message: 'The app registration is not a single-page application.',
        reason: detail,
        action: `Register ${redirectUri} under the "Single-page application" platform (not "Web" or "Mobile and desktop").`,
      };
    case '50105':
      return {
        ...base,
        message: 'Your account is not assigned to this app.',
        reason: detail,
        action: 'Ask an administrator to assign you to the enterprise application, or turn off "Assignment required".',
      };
    case '53003':
      return {
        ...base,
        message: 'Conditional Access blocked the sign-in.',
        reason: detail,
        action:
          'Sign in from a device and location your organisation allows, or ask your Conditional Access administrator.',
      };
  }
  switch (errorCode) {
    case 'user_cancelled':
    case 'window_closed':
      return {
        ...base,
        message: 'Sign-in was cancelled: the Microsoft window was closed before it finished.',
        action: `Click "Sign in" again. If the window showed an AADSTS error, fix what it says (for AADSTS50011 register ${redirectUri} as a single-page application redirect URI).`,
      };
    case 'auth_flow_failed':
      return {
        ...base,
        message: 'The Microsoft sign-in page could not be loaded.',
        reason: detail,
        action: 'Check your network connection and the cloud chosen in the settings, then try again.',
      };
    case 'interaction_required':
    case 'login_required':
    case 'consent_required':
    case 'no_account_in_silent_request':
    case 'no_tokens_found':
    case 'invalid_grant':
      return { ...base, message: 'Your Microsoft sign-in has expired.', reason: detail, action: 'Sign in again.' };
    case 'access_denied':
      return {
        ...base,
        message: 'Sign-in was refused.',
        reason: detail,
        action: 'Check that your account may use this app, then try again.',
      };
  }
  return {
    ...base,
    message: 'Microsoft sign-in failed.',
    reason: detail || errorCode,
    action: 'Try again. If it keeps failing, check the tenant, application ID and redirect URI in the settings.',
  };
}

/**
 * Whether the token's role claims (`wids`, tenant-wide roles only) show a provisioning role. Call it only when the
 * claim is present: an ID token carries it only with the app's groupMembershipClaims.
 */
export function roleWarning(roles: string[]): string | undefined {
  if (roles.some((r) => PROVISIONING_ROLE_IDS.includes(r))) return undefined;
  return 'Your sign-in shows no tenant-wide Authentication Administrator or Privileged Authentication Administrator role. If your role is scoped to an administrative unit, that is expected; otherwise ask for the role (or activate it in Privileged Identity Management) and sign in again. Each user\u2019s readiness check shows whether your role can manage them.';
}
