/** Turns MSAL / Entra sign-in failures into what the admin should fix. Pure: unit-tested. */
import type { AppErrorData } from '../../shared/errors';
import { t, type MessageKey } from '../../shared/i18n';

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

/**
 * Failures the auth host reports by code alone, with an empty message: it is an offscreen document, where
 * chrome.i18n is not available, so the words are the service worker's.
 */
const AUTH_HOST_REASONS: Partial<Record<string, MessageKey>> = {
  no_result: 'errSignInNoResult',
  no_account_in_silent_request: 'errSignInNoCachedAccount',
};

export function mapSignInError(errorCode: string, message: string, redirectUri: string): AppErrorData {
  const code = aadstsCode(message);
  const base = { code: `sign-in:${code ? `AADSTS${code}` : errorCode}` };
  const hostReason = AUTH_HOST_REASONS[errorCode];
  const detail = message.split(/\r?\n|Trace ID:/)[0]?.trim() || (hostReason ? t(hostReason) : '');
  switch (code) {
    case '65001':
    case '65004':
    case '90094':
      return {
        ...base,
        message: t('errSignInConsent'),
        reason: detail,
        action: t('errSignInConsentAction'),
      };
    case '50011':
      return {
        ...base,
        message: t('errSignInRedirectUri'),
        reason: detail,
        action: t('errSignInRedirectUriAction', redirectUri),
      };
    case '700016':
      return {
        ...base,
        message: t('errSignInUnknownApp'),
        reason: detail,
        action: t('errSignInUnknownAppAction'),
      };
    case '90002':
    case '900023':
      return {
        ...base,
        message: t('errSignInUnknownTenant'),
        reason: detail,
        action: t('errSignInUnknownTenantAction'),
      };
    case '9002326':
    case '9002327':
      return {
        ...base,
        message: t('errSignInNotSpa'),
        reason: detail,
        action: t('errSignInNotSpaAction', redirectUri),
      };
    case '50105':
      return {
        ...base,
        message: t('errSignInNotAssigned'),
        reason: detail,
        action: t('errSignInNotAssignedAction'),
      };
    case '53003':
      return {
        ...base,
        message: t('errSignInConditionalAccess'),
        reason: detail,
        action: t('errSignInConditionalAccessAction'),
      };
  }
  switch (errorCode) {
    case 'user_cancelled':
    case 'window_closed':
      return {
        ...base,
        message: t('errSignInCancelled'),
        action: t('errSignInCancelledAction', redirectUri),
      };
    case 'auth_flow_failed':
      return {
        ...base,
        message: t('errSignInPageNotLoaded'),
        reason: detail,
        action: t('errSignInPageNotLoadedAction'),
      };
    case 'interaction_required':
    case 'login_required':
    case 'consent_required':
    case 'no_account_in_silent_request':
    case 'no_tokens_found':
    case 'invalid_grant':
      return { ...base, message: t('errSignInExpired'), reason: detail, action: t('errSignInExpiredAction') };
    case 'access_denied':
      return {
        ...base,
        message: t('errSignInRefused'),
        reason: detail,
        action: t('errSignInRefusedAction'),
      };
  }
  return {
    ...base,
    message: t('errSignInFailed'),
    reason: detail || errorCode,
    action: t('errSignInFailedAction'),
  };
}

/**
 * Whether the token's role claims (`wids`, tenant-wide roles only) show a provisioning role. Call it only when the
 * claim is present: an ID token carries it only with the app's groupMembershipClaims.
 */
export function roleWarning(roles: string[]): string | undefined {
  if (roles.some((r) => PROVISIONING_ROLE_IDS.includes(r))) return undefined;
  return t('errSignInRoleWarning');
}
