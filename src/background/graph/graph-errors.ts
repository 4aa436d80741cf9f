/** Maps Graph failures to what happened, why and what to do. Pure: unit-tested. */
import type { AppErrorData } from '../../shared/errors';
import { t } from '../../shared/i18n';

export interface GraphFailure {
  status: number;
  code?: string | null;
  message?: string | null;
  requestId?: string | null;
  /**
   * What we were doing, already in the admin's language in the form docs/i18n.md sets for operation phrases
   * (en "create a Temporary Access Pass for Adele Vance", de "Erstellen eines befristeten Zugriffspasses für …").
   */
  operation: string;
}

export function mapGraphError(f: GraphFailure): AppErrorData {
  const graphMessage = (f.message ?? '').trim();
  const op = f.operation;
  const common = {
    status: f.status,
    requestId: f.requestId ?? undefined,
    code: `graph:${f.status}:${f.code ?? 'unknown'}`,
  };
  const reason = graphMessage
    ? f.code
      ? t('errGraphSaidWithCode', graphMessage, f.code)
      : t('errGraphSaid', graphMessage)
    : (f.code ?? undefined);

  if (f.status === 0 || f.code === 'network')
    return {
      ...common,
      message: t('errGraphUnreachable', op),
      reason: graphMessage || undefined,
      action: t('errGraphUnreachableAction'),
    };
  if (f.status === 401)
    return {
      ...common,
      message: t('errGraphSignInInvalid', op),
      reason,
      action: t('errGraphSignInInvalidAction'),
    };
  if (f.status === 403) {
    if (/UserCredentialPolicy|policy/i.test(graphMessage) && !/privilege/i.test(graphMessage))
      return {
        ...common,
        message: t('errGraphPolicy', op),
        reason,
        action: t('errGraphPolicyCheckAction'),
      };
    return {
      ...common,
      message: t('errGraphForbidden', op),
      reason,
      action: t('errGraphForbiddenAction'),
    };
  }
  if (f.status === 404)
    return {
      ...common,
      message: t('errGraphNotFound', op),
      reason,
      action: t('errGraphNotFoundAction'),
    };
  if (f.status === 405)
    return {
      ...common,
      message: t('errGraphMethodNotAllowed', op),
      reason,
      action: t('errGraphMethodNotAllowedAction'),
    };
  if (f.status === 409)
    return {
      ...common,
      message: t('errGraphConflict', op),
      reason,
      action: t('errGraphConflictAction'),
    };
  if (f.status === 429)
    return {
      ...common,
      message: t('errGraphThrottled', op),
      reason,
      action: t('errGraphThrottledAction'),
    };
  if (f.status >= 500)
    return {
      ...common,
      message: t('errGraphServer', op),
      reason,
      action: t('errGraphServerAction'),
    };
  if (/LifetimeInMinutes/i.test(graphMessage))
    return {
      ...common,
      message: t('errGraphTapLifetime', op),
      reason,
      action: t('errGraphTapLifetimeAction'),
    };
  if (/external guest|guest/i.test(graphMessage))
    return {
      ...common,
      message: t('errGraphGuest', op),
      reason,
      action: t('errGraphGuestAction'),
    };
  if (/UserCredentialPolicy/i.test(graphMessage))
    return {
      ...common,
      message: t('errGraphPolicy', op),
      reason,
      action: t('errGraphPolicyEnableAction'),
    };
  if (/challenge/i.test(graphMessage) && /expire/i.test(graphMessage))
    return {
      ...common,
      code: 'challenge-expired',
      message: t('errGraphChallengeExpired', op),
      reason,
      action: t('errGraphChallengeExpiredAction'),
    };
  return {
    ...common,
    message: t('errGraphRejected', op),
    reason,
    action: t('errGraphRejectedAction'),
  };
}
