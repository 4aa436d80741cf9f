/**
 * The control endpoint: `https://fake-control.local/__control/…` (also answered on Host `localhost` and
 * `127.0.0.1`), so a demo or bench process can flip faults, latency, config and policies of a running
 * fake. JSON in, JSON out. `GET /__control` lists the routes.
 */
import { bodyJson, json, type FakeRequest, type FakeResponse } from './http.ts';
import { applyPolicyOverrides } from './policies.ts';
import type { Faults, RequestLog, SerializedFaultRule } from './faults.ts';
import type { Authority } from './authority.ts';
import type { FakeTenant, FakeUser } from './tenant.ts';

export const CONTROL_HOSTS = ['fake-control.local', 'localhost', '127.0.0.1'];

const ROUTES = {
  'GET /__control/state': 'summary: tenant, config, policies, latency, faults, fixed users',
  'PATCH /__control/config': 'merge JSON into the runtime config (FakeCloudConfig)',
  'PATCH /__control/policies/fido2': 'merge into the Passkey (FIDO2) policy (keyRestrictions merged one level deeper)',
  'PATCH /__control/policies/temporaryAccessPass': 'merge into the TAP policy',
  'POST /__control/passkey-profiles': '{scenario: "auto-enabled" | "three-profiles"}: switch passkey profiles on',
  'GET /__control/faults': 'list active fault rules',
  'POST /__control/faults':
    'add a rule or an array of rules: {path | pathRegex, host?, method?, status?, times?, skip?, retryAfter?, body?, latencyMs?, inBatch?, dropConnection?, hold?}',
  'DELETE /__control/faults': 'remove all rules',
  'DELETE /__control/faults/{id}': 'remove one rule',
  'POST /__control/faults/{id}/release': 'let a request held by a hold rule ({hold: "request" | "response"}) go on',
  'PUT /__control/latency': '{ms}: global latency for every request on the fake Microsoft hosts',
  'GET /__control/requests': 'request log; query: host, method, path (substring), since (seq), inBatch (true|false)',
  'DELETE /__control/requests': 'clear the request log',
  'GET /__control/users/{upn|id|key}': 'one user with methods and TAP (secrets included)',
  'POST /__control/users/{upn|id|key}/tap':
    'set a TAP directly: {secret?, lifetimeInMinutes?, isUsableOnce?, startDateTime?}',
  'POST /__control/tap/validate': '{upn, secret, consume?}: check a TAP as the sign-in page would',
  'POST /__control/time/advance': '{ms}: move the fake clock forward',
  'POST /__control/sessions/clear': 'forget all sign-in sessions (login cookies)',
  'POST /__control/reset': 'regenerate the tenant, clear faults, latency, log, sessions',
};

export interface ControlDeps {
  tenant: FakeTenant;
  faults: Faults;
  requests: RequestLog;
  authority: Authority;
  info: () => Record<string, unknown>;
}

export function userSnapshot(tenant: FakeTenant, u: FakeUser): Record<string, unknown> {
  const { _tokens: _t, groupIds, ...rest } = u;
  return {
    ...rest,
    groupIds: [...groupIds],
    tap: u.tap ? { ...u.tap, ...tenant.tapUsability(u, u.tap) } : null,
    fido2Targeted: tenant.fido2Targeted(u),
    tapTargeted: tenant.tapTargeted(u),
  };
}

export async function handleControl(req: FakeRequest, d: ControlDeps): Promise<FakeResponse> {
  const segs = req.path
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  const [, a, b, c] = segs; // segs[0] === '__control'
  const m = req.method;
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
    'access-control-allow-headers': 'content-type',
  };
  const out = (status: number, body: unknown) => json(status, body, cors);
  if (m === 'OPTIONS') return { status: 204, headers: cors };
  let body: Record<string, unknown>;
  try {
    body = (bodyJson(req) ?? {}) as Record<string, unknown>;
  } catch {
    return out(400, { error: 'invalid JSON body' });
  }
  const t = d.tenant;
  try {
    if (!a) return out(200, { routes: ROUTES });
    if (a === 'state' && m === 'GET') return out(200, d.info());
    if (a === 'config' && (m === 'PATCH' || m === 'POST' || m === 'PUT')) {
      Object.assign(t.config, body);
      return out(200, t.config);
    }
    if (a === 'config' && m === 'GET') return out(200, t.config);
    if (a === 'passkey-profiles' && m === 'POST') {
      const scenario = (body as { scenario?: string }).scenario;
      if (scenario !== 'auto-enabled' && scenario !== 'three-profiles')
        return out(400, { error: 'scenario must be "auto-enabled" or "three-profiles"' });
      t.usePasskeyProfiles(scenario);
      return out(200, t.policies);
    }
    if (a === 'policies') {
      if (m === 'GET') return out(200, t.policies);
      const key = (b ?? '').toLowerCase();
      if (key === 'fido2') applyPolicyOverrides(t.policies, { fido2: body });
      else if (key === 'temporaryaccesspass' || key === 'tap')
        applyPolicyOverrides(t.policies, { temporaryAccessPass: body });
      else return out(404, { error: `unknown policy '${b ?? ''}'` });
      return out(200, t.policies);
    }
    if (a === 'faults') {
      if (m === 'GET') return out(200, d.faults.listJson());
      if (m === 'POST') {
        const rules = (Array.isArray(body) ? body : [body]) as SerializedFaultRule[];
        return out(201, { ids: rules.map((r) => d.faults.addSerialized(r)) });
      }
      if (m === 'POST' && b && c === 'release') return out(d.faults.release(b) ? 200 : 404, { released: b });
      if (m === 'DELETE' && b) return out(d.faults.remove(b) ? 200 : 404, { removed: b });
      if (m === 'DELETE') {
        d.faults.clear();
        return out(200, { cleared: true });
      }
    }
    if (a === 'latency' && (m === 'PUT' || m === 'POST')) {
      d.faults.latencyMs = Number(body.ms ?? 0);
      return out(200, { latencyMs: d.faults.latencyMs });
    }
    if (a === 'requests') {
      if (m === 'DELETE') {
        d.requests.clear();
        return out(200, { cleared: true });
      }
      const q = req.query;
      const since = Number(q.get('since') ?? 0);
      const inBatch = q.get('inBatch');
      const entries = d.requests
        .filter({
          host: q.get('host') ?? undefined,
          method: q.get('method') ?? undefined,
          path: q.get('path') ?? undefined,
          inBatch: inBatch === null ? undefined : inBatch === 'true',
        })
        .filter((e) => e.seq > since);
      return out(200, { count: entries.length, entries });
    }
    if (a === 'users' && b) {
      const u = t.fixed[b] ?? t.findUser(b) ?? t.findUser(`${b}@${t.domain}`);
      if (!u) return out(404, { error: `no user ${b}` });
      if (!c && m === 'GET') return out(200, userSnapshot(t, u));
      if (c === 'tap' && m === 'POST') {
        const tap = t.setTap(u, {
          secret: typeof body.secret === 'string' ? body.secret : undefined,
          lifetimeInMinutes: typeof body.lifetimeInMinutes === 'number' ? body.lifetimeInMinutes : undefined,
          isUsableOnce: typeof body.isUsableOnce === 'boolean' ? body.isUsableOnce : undefined,
          startMs: typeof body.startDateTime === 'string' ? Date.parse(body.startDateTime) : undefined,
        });
        return out(201, tap);
      }
      if (c === 'tap' && m === 'DELETE') {
        u.tap = null;
        return out(200, { deleted: true });
      }
    }
    if (a === 'tap' && b === 'validate' && m === 'POST') {
      const r = t.validateTap(String(body.upn ?? ''), String(body.secret ?? ''), { consume: body.consume !== false });
      return out(200, { result: r.result, userId: r.user?.id, tap: r.tap ?? null });
    }
    if (a === 'time' && b === 'advance' && m === 'POST') {
      t.advanceTime(Number(body.ms ?? 0));
      return out(200, { clockOffsetMs: t.clockOffsetMs });
    }
    if (a === 'sessions' && b === 'clear' && m === 'POST') {
      d.authority.clearSessions();
      return out(200, { cleared: true });
    }
    if (a === 'reset' && m === 'POST') {
      t.reset();
      d.faults.clear();
      d.faults.latencyMs = 0;
      d.requests.clear();
      d.authority.clearSessions();
      return out(200, { reset: true });
    }
  } catch (e) {
    return out(400, { error: (e as Error).message });
  }
  return out(404, { error: `unknown control route ${m} ${req.path}`, routes: ROUTES });
}
