/** Shapes of the authentication methods policies the readiness check reads (Graph resources, trimmed). */
import { t, tn } from './i18n';

export interface PolicyTarget {
  targetType?: string;
  id: string;
  /** Include targets only, once passkey profiles are on: the profiles that apply to this target's users. */
  allowedPasskeyProfiles?: string[];
}

export interface KeyRestrictions {
  isEnforced?: boolean;
  enforcementType?: 'allow' | 'block' | string;
  aaGuids?: string[];
}

export interface Fido2Policy {
  state?: 'enabled' | 'disabled' | string;
  isSelfServiceRegistrationAllowed?: boolean;
  isAttestationEnforced?: boolean;
  keyRestrictions?: KeyRestrictions;
  includeTargets?: PolicyTarget[];
  excludeTargets?: PolicyTarget[];
  /** Since 2026 (GA March, auto-enabled April–June): up to three profiles, chosen per include target. */
  passkeyProfiles?: PasskeyProfile[];
  /** The profile an include target without `allowedPasskeyProfiles` gets (Graph: the default profile's id). */
  defaultPasskeyProfile?: string;
}

export interface PasskeyProfile {
  id: string;
  name?: string;
  /** Comma-separated: "deviceBound", "synced" or "deviceBound,synced". */
  passkeyTypes?: string;
  attestationEnforcement?: 'disabled' | 'registrationOnly' | string;
  keyRestrictions?: KeyRestrictions;
}

export interface TapPolicy {
  state?: 'enabled' | 'disabled' | string;
  defaultLifetimeInMinutes?: number;
  minimumLifetimeInMinutes?: number;
  maximumLifetimeInMinutes?: number;
  isUsableOnce?: boolean;
  includeTargets?: PolicyTarget[];
  excludeTargets?: PolicyTarget[];
}

/** Group ids a policy's targets mention (not all_users, not a user targeted directly), for one checkMemberGroups call. */
export function targetGroupIds(
  ...policies: ({ includeTargets?: PolicyTarget[]; excludeTargets?: PolicyTarget[] } | null | undefined)[]
): string[] {
  const ids = new Set<string>();
  for (const p of policies)
    for (const t of [...(p?.includeTargets ?? []), ...(p?.excludeTargets ?? [])])
      if (t.id !== 'all_users' && t.targetType !== 'user') ids.add(t.id);
  return [...ids];
}

/** In scope: included (all_users or a group the user is in) and not excluded. Exclusion wins. */
export function inScope(
  p: { includeTargets?: PolicyTarget[]; excludeTargets?: PolicyTarget[] },
  memberOf: Set<string>,
  userId: string,
): boolean {
  const hit = (t: PolicyTarget) => t.id === 'all_users' || t.id === userId || memberOf.has(t.id);
  if ((p.excludeTargets ?? []).some(hit)) return false;
  return (p.includeTargets ?? []).some(hit);
}

/** Whether a key restriction lets this AAGUID register: null when nothing is enforced. */
export function keyAllowed(r: KeyRestrictions | undefined, aaguid: string): { allowed: boolean; why?: string } | null {
  if (!r?.isEnforced) return null;
  const listed = (r.aaGuids ?? []).some((g) => g.toLowerCase() === aaguid.toLowerCase());
  if (r.enforcementType === 'block')
    return listed ? { allowed: false, why: t('readyKeyBlockListed') } : { allowed: true };
  return listed ? { allowed: true } : { allowed: false, why: t('readyKeyNotAllowListed') };
}

/**
 * One set of rules a security key must pass: a passkey profile, or the policy's top-level settings on a tenant
 * without profiles (then `profile` is null and today's behaviour holds).
 */
export interface KeyRule {
  profile: string | null;
  /** Security keys are device-bound passkeys: a profile allowing only synced passkeys refuses them. */
  deviceBound: boolean;
  attestationEnforced: boolean;
  keyRestrictions?: KeyRestrictions;
}

/** The rules that apply to one user. `uncertain`: group membership was unknown, so every profile a target names. */
export interface UserKeyPolicy {
  rules: KeyRule[];
  uncertain?: boolean;
}

const profileRule = (p: PasskeyProfile): KeyRule => ({
  profile: p.name || p.id,
  deviceBound: p.passkeyTypes === undefined || /deviceBound/i.test(p.passkeyTypes),
  attestationEnforced: p.attestationEnforcement === 'registrationOnly',
  keyRestrictions: p.keyRestrictions,
});

/**
 * The profiles that apply to a user: those named by the include targets that match the user (all users, a group
 * the user is in, the user), none when an exclude target matches (exclusion wins). A target naming no profile gets
 * the default one. With membership unknown (null), group targets count as matching and `uncertain` is set, so a
 * key Entra would take is never refused on a guess.
 */
export function keyPolicyForUser(p: Fido2Policy, memberOf: Set<string> | null, userId: string): UserKeyPolicy {
  const profiles = p.passkeyProfiles ?? [];
  if (!profiles.length)
    return {
      rules: [
        {
          profile: null,
          deviceBound: true,
          attestationEnforced: !!p.isAttestationEnforced,
          keyRestrictions: p.keyRestrictions,
        },
      ],
    };
  const certain = (t: PolicyTarget) => t.id === 'all_users' || t.id === userId || !!memberOf?.has(t.id);
  if ((p.excludeTargets ?? []).some(certain)) return { rules: [] };
  const hit = (t: PolicyTarget) => certain(t) || memberOf === null;
  const fallback = p.defaultPasskeyProfile ?? profiles[0]!.id;
  const ids = new Set<string>();
  for (const t of (p.includeTargets ?? []).filter(hit))
    for (const id of t.allowedPasskeyProfiles?.length ? t.allowedPasskeyProfiles : [fallback]) ids.add(id);
  const rules = profiles.filter((x) => ids.has(x.id)).map(profileRule);
  const groupTargets = (p.includeTargets ?? []).some((t) => t.id !== 'all_users' && t.id !== userId);
  return memberOf === null && groupTargets ? { rules, uncertain: true } : { rules };
}

export type KeyRefusal = 'passkey-type' | 'key-model' | 'attestation' | 'not-targeted';

export interface KeyVerdict {
  allowed: boolean;
  /** The profile that lets the key in, or (refused) the one whose rule decides. */
  profileName?: string;
  /** Refused: what to fix first (an attestation refusal is the one the admin can fix at the browser prompt). */
  refusal?: KeyRefusal;
  why?: string;
}

type Namer = (aaguid: string) => string | null;
const ZERO = '00000000-0000-0000-0000-000000000000';

/** Statements about rules in one sentence: "A; B" (no final full stop). */
export function joinClauses(list: string[]): string {
  const [first = '', ...rest] = list;
  return rest.reduce((a, b) => t('readyClauses', a, b), first);
}

/** Model names for a list of AAGUIDs, shortened to a family when they share one ("YubiKey 5 models"). */
export function describeModels(aaGuids: string[], name: Namer = () => null): string {
  const names = [...new Set(aaGuids.map((g) => name(g.toLowerCase()) ?? `AAGUID ${g.toLowerCase()}`))];
  if (names.length === 0) return t('readyModelsNone');
  if (names.length === 1) return names[0]!;
  // The words every name starts with, less a dangling connector: "YubiKey 5 Series with NFC/Lightning" -> "YubiKey 5 Series".
  const words = names.map((n) => n.split(' '));
  let common = words[0]!.findIndex((w, i) => words.some((ws) => ws[i] !== w));
  if (common < 0) common = words[0]!.length;
  const prefix = words[0]!
    .slice(0, common)
    .join(' ')
    .replace(/(\s+(with|for|and|-|–))+$/i, '');
  if (prefix.length >= 7 && !prefix.startsWith('AAGUID')) return t('readyModelsFamily', prefix);
  const [a, b, c] = names as [string, string, string];
  if (names.length === 2) return t('readyModelsTwo', a, b);
  return names.length === 3 ? t('readyModelsThree', a, b, c) : tn('readyModelsMore', names.length - 3, a, b, c);
}

/**
 * What one rule allows, for the readiness check: "Profile 'Frontline keys' allows only YubiKey 5 models and does not
 * enforce attestation" (a clause without final full stop). One whole sentence per case, profile or policy.
 */
export function describeRule(r: KeyRule, name?: Namer): string {
  const p = r.profile;
  if (!r.deviceBound) return p === null ? t('readyRulePolicySyncedOnly') : t('readyRuleProfileSyncedOnly', p);
  const a = r.attestationEnforced;
  const k = r.keyRestrictions;
  if (!k?.isEnforced) {
    if (p === null) return a ? t('readyRulePolicyAnyAttested') : t('readyRulePolicyAny');
    return a ? t('readyRuleProfileAnyAttested', p) : t('readyRuleProfileAny', p);
  }
  const models = describeModels(k.aaGuids ?? [], name);
  if (k.enforcementType === 'block') {
    if (p === null) return a ? t('readyRulePolicyBlocksAttested', models) : t('readyRulePolicyBlocks', models);
    return a ? t('readyRuleProfileBlocksAttested', p, models) : t('readyRuleProfileBlocks', p, models);
  }
  if (p === null) return a ? t('readyRulePolicyAllowsOnlyAttested', models) : t('readyRulePolicyAllowsOnly', models);
  return a ? t('readyRuleProfileAllowsOnlyAttested', p, models) : t('readyRuleProfileAllowsOnly', p, models);
}

/** A profile names itself; a tenant without profiles keeps today's wording (its block or allow list). */
function modelWhy(r: KeyRule, aaguid: string, name?: Namer): string {
  const model = describeModels([aaguid], name);
  const list = describeModels(r.keyRestrictions?.aaGuids ?? [], name);
  const block = r.keyRestrictions?.enforcementType === 'block';
  if (r.profile !== null)
    return block ? t('readyWhyProfileBlocks', r.profile, model) : t('readyWhyProfileAllowsOnly', r.profile, list);
  return block ? t('readyWhyPolicyBlocks', model) : t('readyWhyPolicyNotAllowed', model, list);
}

function ruleRefuses(
  r: KeyRule,
  aaguid: string,
  fmt: string,
  name?: Namer,
): { refusal: KeyRefusal; why: string } | null {
  if (!r.deviceBound)
    return {
      refusal: 'passkey-type',
      why: r.profile === null ? t('readyWhyPolicySyncedOnly') : t('readyWhyProfileSyncedOnly', r.profile),
    };
  const model = keyAllowed(r.keyRestrictions, aaguid);
  if (model && !model.allowed)
    return {
      refusal: 'key-model',
      why: modelWhy(r, aaguid, name),
    };
  if (r.attestationEnforced && (fmt === 'none' || aaguid.toLowerCase() === ZERO))
    return {
      refusal: 'attestation',
      why: r.profile === null ? t('readyWhyPolicyAttestation') : t('readyWhyProfileAttestation', r.profile),
    };
  return null;
}

/**
 * Whether a user may register this security key: some applicable rule must allow device-bound passkeys, let the
 * model through its key restrictions, and have the attestation it enforces. The pre-POST check and the tests use
 * this one function. `policy` null (unreadable): allowed, Entra decides.
 */
export function evaluateKeyForUser(
  policy: UserKeyPolicy | null,
  aaguid: string,
  attestationFmt: string,
  name?: Namer,
): KeyVerdict {
  if (!policy?.rules) return { allowed: true };
  if (!policy.rules.length)
    return {
      allowed: false,
      refusal: 'not-targeted',
      why: t('readyWhyNotTargeted'),
    };
  const refusals = [];
  for (const r of policy.rules) {
    const no = ruleRefuses(r, aaguid, attestationFmt, name);
    if (!no) return { allowed: true, ...(r.profile !== null ? { profileName: r.profile } : {}) };
    refusals.push({ rule: r, ...no });
  }
  const order: KeyRefusal[] = ['attestation', 'key-model', 'passkey-type', 'not-targeted'];
  refusals.sort((a, b) => order.indexOf(a.refusal) - order.indexOf(b.refusal));
  const first = refusals[0]!;
  return {
    allowed: false,
    refusal: first.refusal,
    ...(first.rule.profile !== null ? { profileName: first.rule.profile } : {}),
    why: joinClauses(refusals.map((x) => x.why)),
  };
}

/** Shortest TAP lifetime the policy allows, never under Entra's floor of 10 minutes. */
export function shortestTapLifetime(p: TapPolicy | null | undefined): number {
  return Math.max(10, p?.minimumLifetimeInMinutes ?? 10);
}
