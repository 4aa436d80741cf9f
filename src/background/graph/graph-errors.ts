/** Maps Graph failures to what happened, why and what to do. Pure: unit-tested. */
import type { AppErrorData } from '../../shared/errors';

export interface GraphFailure {
  status: number;
  code?: string | null;
  message?: string | null;
  requestId?: string | null;
  /** What we were doing, e.g. "create a Temporary Access Pass for Adele Vance" */
  operation: string;
}

export function mapGraphError(f: GraphFailure): AppErrorData {
  const graphMessage = (f.message ?? '').trim();
  const common = {
    status: f.status,
    requestId: f.requestId ?? undefined,
    code: `graph:${f.status}:${f.code ?? 'unknown'}`,
  };
  const reason = graphMessage
    ? `Microsoft Graph said: "${graphMessage}"${f.code ? ` (${f.code})` : ''}`
    : (f.code ?? undefined);
  const what = `Could not ${f.operation}.`;

  if (f.status === 0 || f.code === 'network')
    return {
      ...common,
      message: `${what} Microsoft Graph could not be reached.`,
      reason: graphMessage || undefined,
      action: 'Check your network connection and try again.',
    };
  if (f.status === 401)
    return {
      ...common,
      message: `${what} Your sign-in is no longer valid.`,
      reason,
      action: 'Sign out and sign in again.',
    };
  if (f.status === 403) {
    if (/UserCredentialPolicy|policy/i.test(graphMessage) && !/privilege/i.test(graphMessage))
      return {
        ...common,
        message: `${what} A tenant policy does not allow it.`,
        reason,
        action:
          'Check the Authentication methods policy in the Entra admin center (the method must be enabled for this user).',
      };
    return {
      ...common,
      message: `${what} You do not have permission.`,
      reason,
      action:
        'You need the Authentication Administrator role (Privileged Authentication Administrator for users who are admins themselves), and the app registration needs admin consent for the Graph permissions listed in the settings. If your role is eligible in PIM, activate it and sign in again.',
    };
  }
  if (f.status === 404)
    return {
      ...common,
      message: `${what} Microsoft Graph could not find it.`,
      reason,
      action:
        'It may have been deleted meanwhile, or your role is scoped to an administrative unit that does not include this user. Refresh and try again.',
    };
  if (f.status === 405)
    return {
      ...common,
      message: `${what} Microsoft Graph refused the operation for this user.`,
      reason,
      action:
        'Microsoft does not let an admin provision a passkey for their own account: use the Guided mode from another admin, or register it yourself at My Sign-ins. If this is not your own account, Microsoft may have changed the API: retry later and report the request ID.',
    };
  if (f.status === 409)
    return {
      ...common,
      message: `${what} It conflicts with the current state.`,
      reason,
      action: 'Refresh the user and try again.',
    };
  if (f.status === 429)
    return {
      ...common,
      message: `${what} Microsoft Graph is throttling requests.`,
      reason,
      action: 'Wait a minute and try again; the extension already retried as Graph asked.',
    };
  if (f.status >= 500)
    return {
      ...common,
      message: `${what} Microsoft Graph had a temporary problem.`,
      reason,
      action:
        'Try again in a moment. If it persists, check the Microsoft 365 service health page and quote the request ID.',
    };
  if (/LifetimeInMinutes/i.test(graphMessage))
    return {
      ...common,
      message: `${what} The pass lifetime does not fit the tenant\u2019s Temporary Access Pass policy.`,
      reason,
      action:
        'Adjust the TAP policy\u2019s minimum and maximum lifetime, or ask an Authentication Policy Administrator.',
    };
  if (/external guest|guest/i.test(graphMessage))
    return {
      ...common,
      message: `${what} Microsoft does not support this for guest accounts.`,
      reason,
      action: 'Guests register passkeys in their home tenant.',
    };
  if (/UserCredentialPolicy/i.test(graphMessage))
    return {
      ...common,
      message: `${what} A tenant policy does not allow it.`,
      reason,
      action:
        'In the Entra admin center, enable the method in the Authentication methods policy and include this user (or a group they belong to).',
    };
  if (/challenge/i.test(graphMessage) && /expire/i.test(graphMessage))
    return {
      ...common,
      code: 'challenge-expired',
      message: `${what} The registration challenge expired before the key answered.`,
      reason,
      action: 'Try again and touch the key within five minutes.',
    };
  return {
    ...common,
    message: `${what} Microsoft Graph rejected the request.`,
    reason,
    action: 'Check the details, correct what they point at, and try again.',
  };
}
