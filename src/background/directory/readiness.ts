/**
 * The per-user readiness check: which mode will work and why not. Pure: unit-tested.
 * A policy we could not read (403 for admins without policy-read rights) is "unknown", never a failure.
 */
import { describeRule, inScope, keyPolicyForUser, type Fido2Policy, type TapPolicy } from '../../shared/policy';
import { modelName } from '../provisioning/attestation';
import type { Mode, Passkey, Readiness, ReadinessCheck, TapInfo, UserSummary } from '../../shared/protocol';

export const PASSKEY_LIMIT = 10;

export interface ReadinessInput {
  user: UserSummary;
  adminObjectId: string;
  passkeys: Passkey[];
  tap: TapInfo | null;
  fido2: Fido2Policy | null;
  tapPolicy: TapPolicy | null;
  /** Groups the user belongs to among those the policies target; null if unknown. */
  memberOf: Set<string> | null;
  /** Graph answered 403 on the user's authentication methods: the admin's role does not reach this user. */
  methodsForbidden?: boolean;
}

export const ROLE_CANNOT_MANAGE =
  'Your role cannot manage this user\u2019s sign-in methods (missing, not activated in PIM, or outside your administrative unit)';

export const isGuest = (u: UserSummary) => u.userType === 'Guest' || u.userPrincipalName.includes('#EXT#');

export function evaluateReadiness(i: ReadinessInput): Readiness {
  const checks: ReadinessCheck[] = [];
  const both: Mode[] = ['automatic', 'guided'];
  const add = (c: ReadinessCheck) => checks.push(c);

  add(
    i.user.id === i.adminObjectId
      ? {
          id: 'self',
          label: 'Not your own account',
          status: 'fail',
          detail:
            'Microsoft does not let an admin provision their own passkey or create their own Temporary Access Pass. Register your own key at My Sign-ins.',
          modes: both,
        }
      : {
          id: 'self',
          label: 'Not your own account',
          status: 'ok',
          detail: 'The user is not the signed-in admin.',
          modes: both,
        },
  );

  add(
    isGuest(i.user)
      ? {
          id: 'guest',
          label: 'Member account',
          status: 'fail',
          detail:
            'This is a guest account: Microsoft does not support passkey registration for guests. They register in their home tenant.',
          modes: both,
        }
      : { id: 'guest', label: 'Member account', status: 'ok', detail: 'Member account.', modes: both },
  );

  add(
    i.user.accountEnabled === false
      ? {
          id: 'enabled',
          label: 'Account enabled',
          status: 'fail',
          detail: 'The account is disabled (sign-in blocked). Enable it first.',
          modes: both,
        }
      : {
          id: 'enabled',
          label: 'Account enabled',
          status: i.user.accountEnabled ? 'ok' : 'unknown',
          detail: i.user.accountEnabled ? 'Sign-in is allowed.' : 'Could not read whether the account is enabled.',
          modes: both,
        },
  );

  if (i.methodsForbidden)
    add({
      id: 'role',
      label: 'Your role can manage this user',
      status: 'fail',
      detail: `${ROLE_CANNOT_MANAGE}. Microsoft Graph refused to list them (403). Authentication Administrators manage non-admin users; Privileged Authentication Administrators manage everyone. Activate the role in Privileged Identity Management, or ask for one that covers this user, then sign in again.`,
      modes: both,
    });

  const count = i.passkeys.length;
  add(
    count >= PASSKEY_LIMIT
      ? {
          id: 'limit',
          label: 'Room for another passkey',
          status: 'fail',
          detail: `The user already has ${count} passkeys, Microsoft\u2019s limit is ${PASSKEY_LIMIT}. Delete one first.`,
          modes: both,
        }
      : i.methodsForbidden
        ? {
            id: 'limit',
            label: 'Room for another passkey',
            status: 'unknown',
            detail: 'The user\u2019s passkeys could not be listed.',
            modes: both,
          }
        : {
            id: 'limit',
            label: 'Room for another passkey',
            status: count >= PASSKEY_LIMIT - 1 ? 'warn' : 'ok',
            detail: `${count} of ${PASSKEY_LIMIT} passkeys registered.`,
            modes: both,
          },
  );

  const memberOf = i.memberOf ?? new Set<string>();
  if (!i.fido2) {
    add({
      id: 'fido2-enabled',
      label: 'Passkey (FIDO2) method enabled for the user',
      status: 'unknown',
      detail: 'Could not read the passkey policy (your role may not include policy read). Provisioning may still work.',
      modes: both,
    });
    add({
      id: 'self-service',
      label: '"Allow self-service setup" on',
      status: 'unknown',
      detail: 'Could not read the passkey policy.',
      modes: both,
    });
  } else {
    const enabled = i.fido2.state === 'enabled';
    const scoped =
      i.memberOf === null && (i.fido2.includeTargets ?? []).some((t) => t.id !== 'all_users')
        ? null
        : inScope(i.fido2, memberOf, i.user.id);
    add(
      !enabled
        ? {
            id: 'fido2-enabled',
            label: 'Passkey (FIDO2) method enabled for the user',
            status: 'fail',
            detail: 'The Passkey (FIDO2) method is disabled in the Authentication methods policy.',
            modes: both,
          }
        : scoped === false
          ? {
              id: 'fido2-enabled',
              label: 'Passkey (FIDO2) method enabled for the user',
              status: 'fail',
              detail: 'The user is not in the Passkey (FIDO2) policy\u2019s target groups (or is excluded).',
              modes: both,
            }
          : {
              id: 'fido2-enabled',
              label: 'Passkey (FIDO2) method enabled for the user',
              status: scoped === null ? 'unknown' : 'ok',
              detail:
                scoped === null
                  ? 'Enabled; group membership could not be checked.'
                  : 'Enabled, and the user is in scope.',
              modes: both,
            },
    );
    add(
      i.fido2.isSelfServiceRegistrationAllowed === false
        ? {
            id: 'self-service',
            label: '"Allow self-service setup" on',
            status: 'fail',
            detail:
              'Both Graph provisioning and registration at My Sign-ins need "Allow self-service setup" in the Passkey (FIDO2) policy. Turn it on.',
            modes: both,
          }
        : { id: 'self-service', label: '"Allow self-service setup" on', status: 'ok', detail: 'On.', modes: both },
    );
    if (enabled && scoped !== false) add(keyRulesCheck(i.fido2, i.memberOf, i.user.id));
  }

  if (!i.tapPolicy) {
    add({
      id: 'tap',
      label: 'Temporary Access Pass allowed',
      status: 'unknown',
      detail: 'Could not read the Temporary Access Pass policy.',
      modes: ['guided'],
    });
  } else if (i.tapPolicy.state !== 'enabled') {
    add({
      id: 'tap',
      label: 'Temporary Access Pass allowed',
      status: 'fail',
      detail: 'The Temporary Access Pass method is disabled in the Authentication methods policy.',
      modes: ['guided'],
    });
  } else if (
    !inScope(i.tapPolicy, memberOf, i.user.id) &&
    !(i.memberOf === null && (i.tapPolicy.includeTargets ?? []).some((t) => t.id !== 'all_users'))
  ) {
    add({
      id: 'tap',
      label: 'Temporary Access Pass allowed',
      status: 'fail',
      detail: 'The user is not in the Temporary Access Pass policy\u2019s target groups (or is excluded).',
      modes: ['guided'],
    });
  } else {
    add({
      id: 'tap',
      label: 'Temporary Access Pass allowed',
      status: 'ok',
      detail: `Enabled; lifetime ${i.tapPolicy.minimumLifetimeInMinutes ?? 10}\u2013${i.tapPolicy.maximumLifetimeInMinutes ?? 480} minutes${i.tapPolicy.isUsableOnce ? ', one-time only' : ''}.`,
      modes: ['guided'],
    });
  }
  if (i.tap)
    add({
      id: 'existing-tap',
      label: 'No Temporary Access Pass outstanding',
      status: 'warn',
      detail: 'The user already has a Temporary Access Pass; Guided mode replaces it and deletes it afterwards.',
      modes: ['guided'],
    });

  const modes = {} as Readiness['modes'];
  for (const mode of both) {
    const blocker = checks.find((c) => c.status === 'fail' && c.modes.includes(mode));
    modes[mode] = blocker ? { available: false, reason: `${blocker.label}: ${blocker.detail}` } : { available: true };
  }
  const recommended: Mode | null = modes.automatic.available ? 'automatic' : modes.guided.available ? 'guided' : null;
  return { checks, modes, recommended };
}

/**
 * What the user's passkey profiles (or, without profiles, the policy itself) let a security key do, naming the
 * profile that decides. Fails only when no applicable profile allows device-bound passkeys at all.
 */
export function keyRulesCheck(fido2: Fido2Policy, memberOf: Set<string> | null, userId: string): ReadinessCheck {
  const kp = keyPolicyForUser(fido2, memberOf, userId);
  const both: Mode[] = ['automatic', 'guided'];
  const profiles = !!fido2.passkeyProfiles?.length;
  const label = profiles ? 'Passkey profile allows security keys' : 'Attestation and key restrictions';
  const described = kp.rules.map((r) => describeRule(r, modelName)).join('; ');
  const unsure = kp.uncertain ? ' Group membership could not be checked: every profile a target names is listed.' : '';
  const usable = kp.rules.filter((r) => r.deviceBound);
  if (!usable.length)
    return {
      id: 'restrictions',
      label,
      status: kp.uncertain ? 'unknown' : 'fail',
      detail: kp.rules.length
        ? `${described}. Allow device-bound passkeys in a profile that targets this user (Entra admin center \u203a Authentication methods \u203a Passkey (FIDO2)).${unsure}`
        : 'No passkey profile applies to this user.',
      modes: both,
    };
  const strict = usable.every((r) => r.keyRestrictions?.isEnforced || r.attestationEnforced);
  const attestation = usable.some((r) => r.attestationEnforced)
    ? ' Where attestation is enforced, allow the browser\u2019s "extended information" prompt and use a key listed in the FIDO metadata service.'
    : '';
  return {
    id: 'restrictions',
    label,
    status: kp.uncertain ? 'unknown' : strict ? 'warn' : 'ok',
    detail: `${described}.${attestation}${unsure}`,
    modes: both,
  };
}
