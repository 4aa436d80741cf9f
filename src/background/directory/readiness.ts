/**
 * The per-user readiness check: which mode will work and why not. Pure: unit-tested.
 * A policy we could not read (403 for admins without policy-read rights) is "unknown", never a failure.
 */
import {
  describeRule,
  inScope,
  joinClauses,
  keyPolicyForUser,
  type Fido2Policy,
  type TapPolicy,
} from '../../shared/policy';
import { modelName } from '../provisioning/attestation';
import type { Mode, Passkey, Readiness, ReadinessCheck, TapInfo, UserSummary } from '../../shared/protocol';
import { t, tn } from '../../shared/i18n';

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

export const isGuest = (u: UserSummary) => u.userType === 'Guest' || u.userPrincipalName.includes('#EXT#');

export function evaluateReadiness(i: ReadinessInput): Readiness {
  const checks: ReadinessCheck[] = [];
  const both: Mode[] = ['automatic', 'guided'];
  const add = (c: ReadinessCheck) => checks.push(c);

  add(
    i.user.id === i.adminObjectId
      ? {
          id: 'self',
          label: t('readySelfLabel'),
          status: 'fail',
          detail: t('readySelfFail'),
          modes: both,
        }
      : {
          id: 'self',
          label: t('readySelfLabel'),
          status: 'ok',
          detail: t('readySelfOk'),
          modes: both,
        },
  );

  add(
    isGuest(i.user)
      ? {
          id: 'guest',
          label: t('readyGuestLabel'),
          status: 'fail',
          detail: t('readyGuestFail'),
          modes: both,
        }
      : { id: 'guest', label: t('readyGuestLabel'), status: 'ok', detail: t('readyGuestOk'), modes: both },
  );

  add(
    i.user.accountEnabled === false
      ? {
          id: 'enabled',
          label: t('readyEnabledLabel'),
          status: 'fail',
          detail: t('readyEnabledFail'),
          modes: both,
        }
      : {
          id: 'enabled',
          label: t('readyEnabledLabel'),
          status: i.user.accountEnabled ? 'ok' : 'unknown',
          detail: i.user.accountEnabled ? t('readyEnabledOk') : t('readyEnabledUnknown'),
          modes: both,
        },
  );

  if (i.methodsForbidden)
    add({
      id: 'role',
      label: t('readyRoleLabel'),
      status: 'fail',
      detail: t('readyRoleFail'),
      modes: both,
    });

  const count = i.passkeys.length;
  add(
    count >= PASSKEY_LIMIT
      ? {
          id: 'limit',
          label: t('readyLimitLabel'),
          status: 'fail',
          detail: tn('readyLimitFull', count, PASSKEY_LIMIT),
          modes: both,
        }
      : i.methodsForbidden
        ? {
            id: 'limit',
            label: t('readyLimitLabel'),
            status: 'unknown',
            detail: t('readyLimitUnknown'),
            modes: both,
          }
        : {
            id: 'limit',
            label: t('readyLimitLabel'),
            status: count >= PASSKEY_LIMIT - 1 ? 'warn' : 'ok',
            detail: t('readyLimitCount', count, PASSKEY_LIMIT),
            modes: both,
          },
  );

  const memberOf = i.memberOf ?? new Set<string>();
  if (!i.fido2) {
    add({
      id: 'fido2-enabled',
      label: t('readyFido2Label'),
      status: 'unknown',
      detail: t('readyFido2Unreadable'),
      modes: both,
    });
    add({
      id: 'self-service',
      label: t('readySelfServiceLabel'),
      status: 'unknown',
      detail: t('readySelfServiceUnreadable'),
      modes: both,
    });
  } else {
    const enabled = i.fido2.state === 'enabled';
    const scoped =
      i.memberOf === null && (i.fido2.includeTargets ?? []).some((x) => x.id !== 'all_users')
        ? null
        : inScope(i.fido2, memberOf, i.user.id);
    add(
      !enabled
        ? {
            id: 'fido2-enabled',
            label: t('readyFido2Label'),
            status: 'fail',
            detail: t('readyFido2Disabled'),
            modes: both,
          }
        : scoped === false
          ? {
              id: 'fido2-enabled',
              label: t('readyFido2Label'),
              status: 'fail',
              detail: t('readyFido2NotTargeted'),
              modes: both,
            }
          : {
              id: 'fido2-enabled',
              label: t('readyFido2Label'),
              status: scoped === null ? 'unknown' : 'ok',
              detail: scoped === null ? t('readyFido2MembershipUnknown') : t('readyFido2InScope'),
              modes: both,
            },
    );
    add(
      i.fido2.isSelfServiceRegistrationAllowed === false
        ? {
            id: 'self-service',
            label: t('readySelfServiceLabel'),
            status: 'fail',
            detail: t('readySelfServiceOff'),
            modes: both,
          }
        : {
            id: 'self-service',
            label: t('readySelfServiceLabel'),
            status: 'ok',
            detail: t('readySelfServiceOn'),
            modes: both,
          },
    );
    if (enabled && scoped !== false) add(keyRulesCheck(i.fido2, i.memberOf, i.user.id));
  }

  if (!i.tapPolicy) {
    add({
      id: 'tap',
      label: t('readyTapLabel'),
      status: 'unknown',
      detail: t('readyTapUnreadable'),
      modes: ['guided'],
    });
  } else if (i.tapPolicy.state !== 'enabled') {
    add({
      id: 'tap',
      label: t('readyTapLabel'),
      status: 'fail',
      detail: t('readyTapDisabled'),
      modes: ['guided'],
    });
  } else if (
    !inScope(i.tapPolicy, memberOf, i.user.id) &&
    !(i.memberOf === null && (i.tapPolicy.includeTargets ?? []).some((x) => x.id !== 'all_users'))
  ) {
    add({
      id: 'tap',
      label: t('readyTapLabel'),
      status: 'fail',
      detail: t('readyTapNotTargeted'),
      modes: ['guided'],
    });
  } else {
    add({
      id: 'tap',
      label: t('readyTapLabel'),
      status: 'ok',
      detail: t(
        i.tapPolicy.isUsableOnce ? 'readyTapEnabledOneTime' : 'readyTapEnabled',
        i.tapPolicy.minimumLifetimeInMinutes ?? 10,
        i.tapPolicy.maximumLifetimeInMinutes ?? 480,
      ),
      modes: ['guided'],
    });
  }
  if (i.tap)
    add({
      id: 'existing-tap',
      label: t('readyExistingTapLabel'),
      status: 'warn',
      detail: t('readyExistingTapWarn'),
      modes: ['guided'],
    });

  const modes = {} as Readiness['modes'];
  for (const mode of both) {
    const blocker = checks.find((c) => c.status === 'fail' && c.modes.includes(mode));
    modes[mode] = blocker
      ? { available: false, reason: t('readyModeBlocked', blocker.label, blocker.detail) }
      : { available: true };
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
  const label = profiles ? t('readyRestrictionsProfileLabel') : t('readyRestrictionsPolicyLabel');
  const described = joinClauses(kp.rules.map((r) => describeRule(r, modelName)));
  const unsure = kp.uncertain ? t('readyRestrictionsUncertain') : '';
  const usable = kp.rules.filter((r) => r.deviceBound);
  if (!usable.length)
    return {
      id: 'restrictions',
      label,
      status: kp.uncertain ? 'unknown' : 'fail',
      detail: kp.rules.length
        ? sentences(t('readyRestrictionsNoDeviceBound', described), unsure)
        : t('readyRestrictionsNoProfile'),
      modes: both,
    };
  const strict = usable.every((r) => r.keyRestrictions?.isEnforced || r.attestationEnforced);
  const attestation = usable.some((r) => r.attestationEnforced) ? t('readyRestrictionsAttestationHint') : '';
  return {
    id: 'restrictions',
    label,
    status: kp.uncertain ? 'unknown' : strict ? 'warn' : 'ok',
    detail: sentences(t('readyRestrictionsRules', described), attestation, unsure),
    modes: both,
  };
}

/** Sentences one after another, the empty ones left out ("A. B." in English, no space in Japanese). */
function sentences(...list: string[]): string {
  const [first = '', ...rest] = list.filter(Boolean);
  return rest.reduce((a, b) => t('readySentences', a, b), first);
}
