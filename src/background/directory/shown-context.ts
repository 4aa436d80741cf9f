/**
 * What the detail view last showed, per user, for a provisioning started from it moments later: the readiness the
 * admin just saw is not fetched again. Worker memory only (gone when the worker stops), each entry used once.
 */
import type { Fido2Policy, TapPolicy, UserKeyPolicy } from '../../shared/policy';
import type { UserDetail } from '../../shared/protocol';

export type UserContext = {
  detail: UserDetail;
  fido2: Fido2Policy | null;
  tapPolicy: TapPolicy | null;
  /** The passkey profiles (or policy) that apply to this user: what the pre-POST key check needs. */
  keyPolicy: UserKeyPolicy | null;
};

export const SHOWN_CONTEXT_MAX_AGE_MS = 60_000;
const shown = new Map<string, { at: number; context: UserContext }>();

export function rememberShown(id: string, context: UserContext, now = Date.now()) {
  shown.set(id, { at: now, context });
  // Only the latest few matter (the admin provisions the user on screen); keep memory flat.
  for (const key of shown.keys()) if (shown.size > 20) shown.delete(key);
}

export function takeShownContext(id: string, now = Date.now()): UserContext | null {
  const hit = shown.get(id);
  shown.delete(id);
  return hit && now - hit.at >= 0 && now - hit.at <= SHOWN_CONTEXT_MAX_AGE_MS ? hit.context : null;
}
