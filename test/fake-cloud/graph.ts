/**
 * Microsoft Graph on graph.microsoft.com (v1.0 and beta): bearer validation, users (search, filter,
 * paging), groups, memberOf/checkMemberGroups, authentication methods (see authmethods.ts), the
 * authentication methods policy, and JSON $batch. Responses carry Graph's headers and error envelope.
 */
import { header, nameGuid, sleep, type FakeRequest, type FakeResponse } from './http.ts';
import {
  contextUrl,
  gerr,
  graphError,
  GRAPH_BASE,
  GRAPH_HOST,
  GROUP_SCHEMA,
  INSUFFICIENT,
  needScope,
  newIds,
  ok,
  projectGroup,
  projectUser,
  SCOPES,
  USER_SCHEMA,
  userFilterView,
  type Caller,
  type GraphCtx,
} from './graph-common.ts';
import {
  analyzeFilter,
  compileFilter,
  compileSearch,
  decodeSkipToken,
  encodeSkipToken,
  ODataError,
  parseFilter,
  parseSearch,
  parseSelect,
  parseTop,
  type EntitySchema,
} from './odata.ts';
import {
  createTap,
  creationOptions,
  deleteFido2,
  deleteTap,
  getFido2,
  getMethod,
  getTap,
  listFido2,
  listMethods,
  listPasswordMethods,
  listTap,
  registerFido2,
} from './authmethods.ts';
import { fido2PolicyResource, tapPolicyResource } from './policies.ts';
import { ROLE_NAMES, type FakeGroup, type FakeTenant, type FakeUser } from './tenant.ts';
import type { ActiveFault, Faults, RequestLog } from './faults.ts';

const AGS_DIAGNOSTIC = JSON.stringify({
  ServerInfo: {
    DataCenter: 'West Europe',
    Slice: 'E',
    Ring: '5',
    ScaleUnit: '003',
    RoleInstance: 'AM2PEPF0001C4D2',
    ADSiteName: 'AMS',
  },
});

const EXPOSED = [
  'request-id',
  'client-request-id',
  'x-ms-ags-diagnostic',
  'Retry-After',
  'Location',
  'x-ms-resource-unit',
  'x-ms-throttle-information',
  'x-ms-throttle-scope',
  'Date',
];

const DEFAULT_FAULT: Record<number, [string, string]> = {
  400: ['BadRequest', 'Bad request.'],
  401: ['InvalidAuthenticationToken', 'Access token has expired or is not yet valid.'],
  403: ['Authorization_RequestDenied', INSUFFICIENT],
  404: ['Request_ResourceNotFound', 'Resource not found.'],
  409: ['conflict', 'Conflict.'],
  429: ['TooManyRequests', 'Too many requests.'],
  500: ['generalException', 'General exception while processing.'],
  502: ['BadGateway', 'Bad gateway.'],
  503: ['serviceNotAvailable', 'Service Unavailable'],
  504: ['GatewayTimeout', 'Gateway Timeout'],
};

/** The response an injected fault produces on the Graph host (Graph error envelope unless the rule has a body). */
export function graphFaultResponse(
  tenant: FakeTenant,
  ids: { requestId: string; clientRequestId: string },
  fault: ActiveFault,
): FakeResponse {
  const status = fault.status ?? 504;
  const headers: Record<string, string> = { ...(fault.headers ?? {}) };
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  if (status === 429) {
    headers['x-ms-throttle-scope'] ??= `Tenant_Application/ReadWrite/${tenant.config.clientId}/${tenant.tenantId}`;
    headers['x-ms-throttle-information'] ??= 'ResourceUnitLimitExceeded';
  }
  if (fault.body !== undefined)
    return {
      status,
      headers: { 'content-type': typeof fault.body === 'string' ? 'text/plain' : 'application/json', ...headers },
      body: fault.body,
    };
  const [code, message] = DEFAULT_FAULT[status] ?? ['UnknownError', `Injected fault ${status}.`];
  return graphError(tenant, ids, status, code, message, headers);
}

function isVersion(v: string | undefined): v is 'v1.0' | 'beta' {
  return v === 'v1.0' || v === 'beta';
}

function decodeSeg(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function methodNotAllowed(ctx: GraphCtx): FakeResponse {
  return gerr(ctx, 405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
}

export class Graph {
  constructor(
    readonly tenant: FakeTenant,
    readonly faults: Faults,
    readonly log: RequestLog,
  ) {}

  // --- entry points ----------------------------------------------------------------------------

  /** Top-level request on graph.microsoft.com (faults and latency were applied by the server). */
  async handle(req: FakeRequest): Promise<FakeResponse> {
    const ids = newIds(req);
    if (req.method === 'OPTIONS')
      return { status: 200, headers: this.decorate(req, ids, { 'access-control-max-age': '3600' }), body: '' };
    const res = await this.dispatch(req, ids, undefined);
    res.headers = { ...this.decorate(req, ids), ...(res.headers ?? {}) };
    return res;
  }

  /** Headers every top-level Graph response carries, CORS included. */
  decorate(
    req: FakeRequest,
    ids: { requestId: string; clientRequestId: string },
    extra: Record<string, string> = {},
  ): Record<string, string> {
    const origin = header(req, 'origin');
    return {
      'request-id': ids.requestId,
      'client-request-id': ids.clientRequestId,
      'x-ms-ags-diagnostic': AGS_DIAGNOSTIC,
      'x-ms-resource-unit': '1',
      'strict-transport-security': 'max-age=31536000',
      'cache-control': 'no-cache',
      'odata-version': '4.0',
      'access-control-allow-origin': origin ?? '*',
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers':
        header(req, 'access-control-request-headers') ??
        'authorization, content-type, consistencylevel, client-request-id, prefer',
      'access-control-expose-headers': EXPOSED.join(', '),
      ...(origin ? { vary: 'Origin' } : {}),
      ...extra,
    };
  }

  private authenticate(req: FakeRequest, ids: { requestId: string; clientRequestId: string }): Caller | FakeResponse {
    const auth = header(req, 'authorization') ?? '';
    const wwwAuth = {
      'www-authenticate': `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
    };
    const m = /^Bearer\s+(.*)$/i.exec(auth.trim());
    const token = m?.[1]?.trim() ?? '';
    if (!token)
      return graphError(this.tenant, ids, 401, 'InvalidAuthenticationToken', 'Access token is empty.', wwwAuth);
    const rec = this.tenant.accessTokens.get(token);
    if (!rec) {
      const msg =
        token.split('.').length === 3 || token.split('.').length === 5
          ? 'Access token validation failure. Invalid audience.'
          : "IDX14100: JWT is not well formed, there are no dots (.).\nThe token needs to be in JWS or JWE Compact Serialization Format. (JWS): 'EncodedHeader.EndcodedPayload.EncodedSignature'. (JWE): 'EncodedProtectedHeader.EncodedEncryptedKey.EncodedInitializationVector.EncodedCiphertext.EncodedAuthenticationTag'.";
      return graphError(this.tenant, ids, 401, 'InvalidAuthenticationToken', msg, wwwAuth);
    }
    const now = this.tenant.now();
    if (now >= rec.expiresMs || now < rec.issuedMs - 5 * 60_000)
      return graphError(
        this.tenant,
        ids,
        401,
        'InvalidAuthenticationToken',
        'Access token has expired or is not yet valid.',
        wwwAuth,
      );
    const user = this.tenant.findUser(rec.userId);
    if (!user)
      return graphError(
        this.tenant,
        ids,
        401,
        'InvalidAuthenticationToken',
        'Access token validation failure.',
        wwwAuth,
      );
    return { user, token: rec, scopes: new Set(rec.scopes.map((s) => s.toLowerCase())) };
  }

  /** Version check, authentication and routing; returns the bare response (no common headers). */
  async dispatch(
    req: FakeRequest,
    ids: { requestId: string; clientRequestId: string },
    batchParent: number | undefined,
  ): Promise<FakeResponse> {
    const rawSegs = req.path.split('/').filter(Boolean);
    const version = rawSegs[0];
    if (!isVersion(version))
      return graphError(this.tenant, ids, 400, 'BadRequest', `Invalid version: ${version ?? ''}`);
    const caller = this.authenticate(req, ids);
    if ('status' in caller) return caller;
    const segs = rawSegs.slice(1).map(decodeSeg);
    const ctx: GraphCtx = {
      req,
      tenant: this.tenant,
      version,
      requestId: ids.requestId,
      clientRequestId: ids.clientRequestId,
      caller,
      segs,
    };
    try {
      return await this.route(ctx, batchParent);
    } catch (e) {
      if (e instanceof ODataError) return gerr(ctx, e.status, e.code, e.message);
      return gerr(ctx, 500, 'generalException', `Unexpected error in the fake: ${(e as Error).message}`);
    }
  }

  // --- router ------------------------------------------------------------------------------

  private async route(ctx: GraphCtx, batchParent: number | undefined): Promise<FakeResponse> {
    const { segs } = ctx;
    const method = ctx.req.method;
    const first = segs[0] ?? '';
    const keyForm = /^(users|groups)\('([^']*)'\)$/.exec(first);
    const s0 = keyForm ? keyForm[1]! : first;
    const rest = keyForm ? [keyForm[2]!, ...segs.slice(1)] : segs.slice(1);

    if (s0 === '$batch') {
      if (method !== 'POST') return methodNotAllowed(ctx);
      return this.batch(ctx, batchParent);
    }
    if (s0 === 'me') return this.userRoutes(ctx, ctx.caller.user, rest, true);
    if (s0 === 'users') {
      if (!rest.length) {
        if (method !== 'GET') return methodNotAllowed(ctx);
        return needScope(ctx, SCOPES.readUsers) ?? this.listUsers(ctx);
      }
      const target = this.tenant.findUser(rest[0]!);
      if (!target) {
        const denied = needScope(ctx, [
          ...SCOPES.readUsers,
          ...SCOPES.readMethods,
          ...SCOPES.writePasskeys,
          ...SCOPES.writeTap,
        ]);
        if (denied) return denied;
        return gerr(
          ctx,
          404,
          'Request_ResourceNotFound',
          `Resource '${rest[0]}' does not exist or one of its queried reference-property objects are not present.`,
        );
      }
      return this.userRoutes(ctx, target, rest.slice(1), false);
    }
    if (s0 === 'groups') return this.groupRoutes(ctx, rest);
    if (s0 === 'policies') return this.policyRoutes(ctx, rest);
    if (s0 === 'organization' && !rest.length && method === 'GET') return this.organization(ctx);
    if (
      s0 === 'roleManagement' &&
      rest[0] === 'directory' &&
      (rest[1] === 'roleAssignments' || rest[1] === 'transitiveRoleAssignments') &&
      rest.length === 2
    )
      return this.roleAssignments(ctx);
    return gerr(ctx, 400, 'BadRequest', `Resource not found for the segment '${first}'.`);
  }

  private async userRoutes(ctx: GraphCtx, target: FakeUser, tail: string[], viaMe: boolean): Promise<FakeResponse> {
    const m = ctx.req.method;
    const [a, b, c, d] = tail;
    if (!a) {
      if (m !== 'GET') return methodNotAllowed(ctx);
      const denied = needScope(ctx, viaMe ? SCOPES.readMe : SCOPES.readUsers);
      if (denied) return denied;
      const select = parseSelect(ctx.req.query.get('$select'), USER_SCHEMA);
      return ok({
        '@odata.context': contextUrl(ctx.version, 'users', select, true),
        ...projectUser(target, select, ctx.version, this.tenant),
      });
    }
    if (a === 'authentication') {
      if (b === 'methods') {
        if (m !== 'GET') return methodNotAllowed(ctx);
        if (d) return gerr(ctx, 400, 'BadRequest', `Resource not found for the segment '${d}'.`);
        return c ? getMethod(ctx, target, c) : listMethods(ctx, target);
      }
      if (b === 'passwordMethods' && !c) return m === 'GET' ? listPasswordMethods(ctx, target) : methodNotAllowed(ctx);
      if (b === 'fido2Methods') {
        if (!c) {
          if (m === 'GET') return listFido2(ctx, target);
          if (m === 'POST') return registerFido2(ctx, target);
          return methodNotAllowed(ctx);
        }
        const fn = /^creationOptions(?:\((.*)\))?$/.exec(c);
        if (fn && !d) {
          if (m !== 'GET') return methodNotAllowed(ctx);
          const qs = ctx.req.query.get('challengeTimeoutInMinutes');
          if (fn[1] !== undefined) {
            const arg = /^\s*challengeTimeoutInMinutes\s*=\s*(-?\d+)\s*$/.exec(fn[1]);
            if (ctx.version !== 'beta')
              return gerr(ctx, 400, 'BadRequest', "The parameter 'challengeTimeoutInMinutes' is not in scope.");
            if (!arg) return gerr(ctx, 400, 'BadRequest', `Bad Request - Error in query syntax: '${c}'.`);
            return creationOptions(ctx, target, Number(arg[1]), false);
          }
          if (qs !== null && ctx.version === 'beta') return creationOptions(ctx, target, Number(qs), true);
          return creationOptions(ctx, target, undefined, false);
        }
        if (d) return gerr(ctx, 400, 'BadRequest', `Resource not found for the segment '${d}'.`);
        if (m === 'GET') return getFido2(ctx, target, c);
        if (m === 'DELETE') return deleteFido2(ctx, target, c);
        return methodNotAllowed(ctx);
      }
      if (b === 'temporaryAccessPassMethods') {
        if (!c) {
          if (m === 'GET') return listTap(ctx, target);
          if (m === 'POST') return createTap(ctx, target);
          return methodNotAllowed(ctx);
        }
        if (d) return gerr(ctx, 400, 'BadRequest', `Resource not found for the segment '${d}'.`);
        if (m === 'GET') return getTap(ctx, target, c);
        if (m === 'DELETE') return deleteTap(ctx, target, c);
        return methodNotAllowed(ctx);
      }
      return gerr(ctx, 400, 'BadRequest', `Resource not found for the segment '${b ?? 'authentication'}'.`);
    }
    if (a === 'memberOf' || a === 'transitiveMemberOf') {
      if (m !== 'GET') return methodNotAllowed(ctx);
      const denied = needScope(ctx, viaMe ? [...SCOPES.memberOf, 'User.Read'] : SCOPES.memberOf);
      if (denied) return denied;
      return this.memberOf(ctx, target, b);
    }
    if (a === 'checkMemberGroups' || a === 'getMemberGroups') {
      if (m !== 'POST') return methodNotAllowed(ctx);
      const denied = needScope(ctx, viaMe ? [...SCOPES.memberOf, 'User.Read'] : SCOPES.memberOf);
      if (denied) return denied;
      return this.checkMemberGroups(ctx, target, a === 'getMemberGroups');
    }
    return gerr(ctx, 400, 'BadRequest', `Resource not found for the segment '${a}'.`);
  }

  // --- users ------------------------------------------------------------------------------------

  private listUsers(ctx: GraphCtx): FakeResponse {
    return this.listCollection(ctx, {
      items: this.tenant.users,
      schema: USER_SCHEMA,
      view: userFilterView,
      tokens: (u, p) => this.tenant.searchTokens(u, p),
      project: (u, sel) => projectUser(u, sel, ctx.version, this.tenant),
      contextSet: 'users',
      sortKey: (u, p) => String((u as unknown as Record<string, unknown>)[p] ?? ''),
    });
  }

  /** Shared $filter/$search/$orderby/$top/$count/$select/$skiptoken handling for directory collections. */
  listCollection<T>(
    ctx: GraphCtx,
    spec: {
      items: T[];
      schema: EntitySchema;
      view: (t: T) => Record<string, unknown>;
      tokens: (t: T, prop: string) => string[];
      project: (t: T, select: string[] | undefined) => Record<string, unknown>;
      contextSet: string;
      sortKey: (t: T, prop: string) => string;
      /** Member collections: any $filter is an advanced query. */
      filterNeedsAdvanced?: boolean;
      /** Prepend @odata.type to each item. */
      odataType?: (t: T) => string | undefined;
    },
  ): FakeResponse {
    const q = ctx.req.query;
    if (q.has('$skip')) return gerr(ctx, 400, 'Request_BadRequest', "'$skip' is not supported by the service.");
    const eventual = (header(ctx.req, 'consistencylevel') ?? '').toLowerCase() === 'eventual';
    const count = (q.get('$count') ?? '').toLowerCase() === 'true';
    const advancedOk = eventual && count;
    if (count && !eventual) return gerr(ctx, 400, 'Request_BadRequest', '$count is not currently supported.');
    let pred: ((t: T) => boolean) | undefined;
    const search = q.get('$search');
    if (search !== null) {
      if (!eventual)
        return gerr(
          ctx,
          400,
          'Request_UnsupportedQuery',
          "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
        );
      const s = compileSearch(parseSearch(search, spec.schema), spec.tokens);
      pred = s;
    }
    const filter = q.get('$filter');
    if (filter !== null && filter.trim()) {
      const node = parseFilter(filter);
      const { advanced, firstProp } = analyzeFilter(node, spec.schema);
      if ((advanced || spec.filterNeedsAdvanced) && !advancedOk)
        return gerr(
          ctx,
          400,
          'Request_UnsupportedQuery',
          `Unsupported or invalid query filter clause specified for property '${firstProp}' of resource '${spec.schema.name}'.`,
        );
      const f = compileFilter(node, spec.schema);
      const prev = pred;
      pred = prev ? (t) => prev(t) && f(spec.view(t)) : (t) => f(spec.view(t));
    }
    let order: { prop: string; desc: boolean } | undefined;
    const orderby = q.get('$orderby');
    if (orderby !== null && orderby.trim()) {
      const mo = /^\s*([A-Za-z]+)(?:\s+(asc|desc))?\s*$/i.exec(orderby);
      const prop = mo ? [...spec.schema.orderable].find((p) => p.toLowerCase() === mo[1]!.toLowerCase()) : undefined;
      if (!mo || !prop)
        return gerr(ctx, 400, 'Request_UnsupportedQuery', `Order by '${orderby.trim()}' not supported.`);
      if ((filter || search !== null) && !advancedOk)
        return gerr(ctx, 400, 'Request_UnsupportedQuery', 'Sorting not supported for current query.');
      order = { prop, desc: (mo[2] ?? '').toLowerCase() === 'desc' };
    }
    const top = parseTop(q.get('$top'), this.tenant.config.defaultPageSize);
    const select = parseSelect(q.get('$select'), spec.schema);
    const token = q.get('$skiptoken');
    const offset = token ? decodeSkipToken(token) : 0;

    let results = pred ? spec.items.filter(pred) : spec.items;
    if (order) {
      const o = order;
      const keyed = results.map((t) => ({ t, k: spec.sortKey(t, o.prop).toLowerCase() }));
      keyed.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0) * (o.desc ? -1 : 1));
      results = keyed.map((x) => x.t);
    }
    const page = results.slice(offset, offset + top);
    const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx.version, spec.contextSet, select) };
    if (count) body['@odata.count'] = results.length;
    if (offset + top < results.length) body['@odata.nextLink'] = this.nextLink(ctx, encodeSkipToken(offset + top));
    body.value = page.map((t) => {
      const type = spec.odataType?.(t);
      return type ? { '@odata.type': type, ...spec.project(t, select) } : spec.project(t, select);
    });
    return ok(body);
  }

  private nextLink(ctx: GraphCtx, token: string): string {
    const parts = ctx.req.url.search
      .replace(/^\?/, '')
      .split('&')
      .filter((p) => p && decodeSeg(p.split('=')[0]!) !== '$skiptoken');
    parts.push(`$skiptoken=${token}`);
    return `${GRAPH_BASE}${ctx.req.url.pathname}?${parts.join('&')}`;
  }

  // --- groups -----------------------------------------------------------------------------------

  private groupRoutes(ctx: GraphCtx, rest: string[]): FakeResponse {
    if (ctx.req.method !== 'GET') return methodNotAllowed(ctx);
    const denied = needScope(ctx, SCOPES.readGroups);
    if (denied) return denied;
    if (!rest.length)
      return this.listCollection(ctx, {
        items: this.tenant.groups,
        schema: GROUP_SCHEMA,
        view: (g) => g as unknown as Record<string, unknown>,
        tokens: (g, p) => this.tenant.searchTokens(g, p),
        project: (g, sel) => projectGroup(g, sel),
        contextSet: 'groups',
        sortKey: (g, p) => String((g as unknown as Record<string, unknown>)[p] ?? ''),
      });
    const group = this.tenant.findGroup(rest[0]!);
    if (!group)
      return gerr(
        ctx,
        404,
        'Request_ResourceNotFound',
        `Resource '${rest[0]}' does not exist or one of its queried reference-property objects are not present.`,
      );
    if (rest.length === 1) {
      const select = parseSelect(ctx.req.query.get('$select'), GROUP_SCHEMA);
      return ok({ '@odata.context': contextUrl(ctx.version, 'groups', select, true), ...projectGroup(group, select) });
    }
    const sub = rest[1];
    if (
      (sub === 'members' || sub === 'transitiveMembers') &&
      (rest.length === 2 || (rest.length === 3 && rest[2] === 'microsoft.graph.user'))
    )
      return this.groupMembers(ctx, group, rest.length === 3);
    return gerr(ctx, 400, 'BadRequest', `Resource not found for the segment '${rest.slice(1).join('/')}'.`);
  }

  private groupMembers(ctx: GraphCtx, group: FakeGroup, cast: boolean): FakeResponse {
    const members = group.members.map((id) => this.tenant.findUser(id)).filter((u): u is FakeUser => !!u);
    return this.listCollection(ctx, {
      items: members,
      schema: USER_SCHEMA,
      view: userFilterView,
      tokens: (u, p) => this.tenant.searchTokens(u, p),
      project: (u, sel) => projectUser(u, sel, ctx.version, this.tenant),
      contextSet: cast ? `users` : 'directoryObjects',
      sortKey: (u, p) => String((u as unknown as Record<string, unknown>)[p] ?? ''),
      filterNeedsAdvanced: true,
      odataType: cast ? undefined : () => '#microsoft.graph.user',
    });
  }

  private memberOf(ctx: GraphCtx, user: FakeUser, cast: string | undefined): FakeResponse {
    type Entry = { kind: 'group'; g: FakeGroup } | { kind: 'role'; id: string };
    const entries: Entry[] = [];
    if (cast === undefined || cast === 'microsoft.graph.group')
      for (const g of this.tenant.groups) if (user.groupIds.has(g.id)) entries.push({ kind: 'group', g });
    if (cast === undefined || cast === 'microsoft.graph.directoryRole')
      for (const r of user.roles) entries.push({ kind: 'role', id: r });
    if (cast !== undefined && cast !== 'microsoft.graph.group' && cast !== 'microsoft.graph.directoryRole')
      return gerr(ctx, 400, 'BadRequest', `Resource not found for the segment '${cast}'.`);
    const q = ctx.req.query;
    const top = parseTop(q.get('$top'), this.tenant.config.defaultPageSize);
    const token = q.get('$skiptoken');
    const offset = token ? decodeSkipToken(token) : 0;
    const select = q
      .get('$select')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const page = entries.slice(offset, offset + top);
    const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx.version, 'directoryObjects', select) };
    if (offset + top < entries.length) body['@odata.nextLink'] = this.nextLink(ctx, encodeSkipToken(offset + top));
    body.value = page.map((e) => {
      if (e.kind === 'group') {
        const all = projectGroup(e.g, undefined);
        const picked = select ? Object.fromEntries(select.map((k) => [k, all[k] ?? null])) : all;
        return { '@odata.type': '#microsoft.graph.group', ...picked };
      }
      const all: Record<string, unknown> = {
        id: nameGuid(this.tenant.tenantId, 'directoryRole', e.id),
        deletedDateTime: null,
        description: `${ROLE_NAMES[e.id] ?? 'Directory role'}.`,
        displayName: ROLE_NAMES[e.id] ?? e.id,
        roleTemplateId: e.id,
      };
      const picked = select ? Object.fromEntries(select.map((k) => [k, all[k] ?? null])) : all;
      return { '@odata.type': '#microsoft.graph.directoryRole', ...picked };
    });
    return ok(body);
  }

  private checkMemberGroups(ctx: GraphCtx, user: FakeUser, all: boolean): FakeResponse {
    let body: { groupIds?: unknown; securityEnabledOnly?: unknown } | undefined;
    try {
      body = JSON.parse(ctx.req.body.toString('utf8') || '{}') as typeof body;
    } catch {
      return gerr(
        ctx,
        400,
        'BadRequest',
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
      );
    }
    if (all) {
      const secOnly = body?.securityEnabledOnly === true;
      const value = this.tenant.groups
        .filter((g) => user.groupIds.has(g.id) && (!secOnly || g.securityEnabled))
        .map((g) => g.id);
      return ok({ '@odata.context': `${GRAPH_BASE}/${ctx.version}/$metadata#Collection(Edm.String)`, value });
    }
    const ids = body?.groupIds;
    if (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string'))
      return gerr(
        ctx,
        400,
        'Request_BadRequest',
        "Invalid value specified for property 'groupIds' of resource 'User'.",
      );
    if (ids.length > 20) return gerr(ctx, 400, 'Request_BadRequest', 'The number of group ids must not exceed 20.');
    const value = (ids as string[]).filter((id) => user.groupIds.has(id.toLowerCase()));
    return ok({ '@odata.context': `${GRAPH_BASE}/${ctx.version}/$metadata#Collection(Edm.String)`, value });
  }

  // --- policies, organization, roles -------------------------------------------------------

  private policyRoutes(ctx: GraphCtx, rest: string[]): FakeResponse {
    if (rest[0] !== 'authenticationMethodsPolicy')
      return gerr(ctx, 400, 'BadRequest', `Resource not found for the segment '${rest[0] ?? 'policies'}'.`);
    if (ctx.req.method !== 'GET') return methodNotAllowed(ctx);
    const denied = needScope(ctx, SCOPES.readPolicy);
    if (denied) return denied;
    if (this.tenant.config.policyReadForbidden) return gerr(ctx, 403, 'accessDenied', 'Request Authorization failed');
    const p = this.tenant.policies;
    const configs = () => [
      fido2PolicyResource(p.fido2, ctx.version, false),
      tapPolicyResource(p.temporaryAccessPass, ctx.version, false),
    ];
    if (rest.length === 1)
      return ok({
        '@odata.context': `${GRAPH_BASE}/${ctx.version}/$metadata#policies/authenticationMethodsPolicy/$entity`,
        id: 'authenticationMethodsPolicy',
        displayName: 'Authentication Methods Policy',
        description:
          'The tenant-wide policy that controls which authentication methods are allowed in the tenant, authentication method registration requirements, and self-service password reset settings',
        lastModifiedDateTime: '2025-01-15T10:00:00Z',
        policyVersion: '1.5',
        policyMigrationState: 'migrationComplete',
        registrationEnforcement: {
          authenticationMethodsRegistrationCampaign: {
            snoozeDurationInDays: 1,
            state: 'default',
            excludeTargets: [],
            includeTargets: [],
          },
        },
        authenticationMethodConfigurations: configs(),
      });
    if (rest[1] !== 'authenticationMethodConfigurations')
      return gerr(ctx, 400, 'BadRequest', `Resource not found for the segment '${rest[1]}'.`);
    if (rest.length === 2)
      return ok({
        '@odata.context': `${GRAPH_BASE}/${ctx.version}/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations`,
        value: configs(),
      });
    const id = (rest[2] ?? '').toLowerCase();
    if (rest.length === 3 && id === 'fido2') return ok(fido2PolicyResource(p.fido2, ctx.version));
    if (rest.length === 3 && id === 'temporaryaccesspass')
      return ok(tapPolicyResource(p.temporaryAccessPass, ctx.version));
    const others: Record<string, string> = {
      microsoftauthenticator: 'MicrosoftAuthenticator',
      sms: 'Sms',
      email: 'Email',
      softwareoath: 'SoftwareOath',
      voice: 'Voice',
      x509certificate: 'X509Certificate',
    };
    const known = others[id];
    if (rest.length === 3 && known)
      return ok({
        '@odata.context': `${GRAPH_BASE}/${ctx.version}/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity`,
        '@odata.type': `#microsoft.graph.${known[0]!.toLowerCase()}${known.slice(1)}AuthenticationMethodConfiguration`,
        id: known,
        state: known === 'MicrosoftAuthenticator' ? 'enabled' : 'disabled',
        excludeTargets: [],
        includeTargets: [{ targetType: 'group', id: 'all_users', isRegistrationRequired: false }],
      });
    return gerr(ctx, 404, 'itemNotFound', `Authentication method configuration '${rest[2] ?? ''}' was not found.`);
  }

  private organization(ctx: GraphCtx): FakeResponse {
    const denied = needScope(ctx, SCOPES.readOrg);
    if (denied) return denied;
    return ok({
      '@odata.context': `${GRAPH_BASE}/${ctx.version}/$metadata#organization`,
      value: [
        {
          id: this.tenant.tenantId,
          displayName: this.tenant.organizationName,
          tenantType: 'AAD',
          countryLetterCode: 'US',
          verifiedDomains: [
            {
              capabilities: 'Email, OfficeCommunicationsOnline',
              isDefault: true,
              isInitial: true,
              name: this.tenant.domain,
              type: 'Managed',
            },
          ],
        },
      ],
    });
  }

  private roleAssignments(ctx: GraphCtx): FakeResponse {
    if (ctx.req.method !== 'GET') return methodNotAllowed(ctx);
    const denied = needScope(ctx, SCOPES.readRoles);
    if (denied) return denied;
    const f = ctx.req.query.get('$filter') ?? '';
    const m = /principalId\s+eq\s+'([^']+)'/i.exec(f);
    const users = m
      ? [this.tenant.findUser(m[1]!)].filter((u): u is FakeUser => !!u)
      : this.tenant.users.filter((u) => u.roles.length);
    const value = users.flatMap((u) =>
      u.roles.map((r) => ({ id: nameGuid(u.id, r), principalId: u.id, roleDefinitionId: r, directoryScopeId: '/' })),
    );
    return ok({
      '@odata.context': `${GRAPH_BASE}/${ctx.version}/$metadata#roleManagement/directory/roleAssignments`,
      value,
    });
  }

  // --- $batch ---------------------------------------------------------------------------------

  private async batch(ctx: GraphCtx, parentSeq: number | undefined): Promise<FakeResponse> {
    if (ctx.req.inBatch) return gerr(ctx, 400, 'BadRequest', 'Nested batch requests are not supported.');
    let body: { requests?: unknown };
    try {
      body = JSON.parse(ctx.req.body.toString('utf8')) as { requests?: unknown };
    } catch {
      return gerr(ctx, 400, 'BadRequest', 'Invalid batch payload format.');
    }
    const requests = body?.requests;
    if (!Array.isArray(requests) || !requests.length)
      return gerr(ctx, 400, 'BadRequest', 'Invalid batch payload format.');
    const max = this.tenant.config.maxBatchRequests;
    if (requests.length > max)
      return gerr(ctx, 400, 'BadRequest', `The number of requests in the batch exceeds the limit of ${max}.`);
    interface Inner {
      id: string;
      method: string;
      url: string;
      headers?: Record<string, string>;
      body?: unknown;
      dependsOn?: string[];
    }
    const inner: Inner[] = [];
    const seen = new Set<string>();
    for (const r of requests as Record<string, unknown>[]) {
      if (!r || typeof r.id !== 'string' || typeof r.method !== 'string' || typeof r.url !== 'string')
        return gerr(
          ctx,
          400,
          'BadRequest',
          "Invalid batch payload format: every request needs 'id', 'method' and 'url'.",
        );
      if (seen.has(r.id)) return gerr(ctx, 400, 'BadRequest', `Batch request contains duplicate id '${r.id}'.`);
      seen.add(r.id);
      inner.push(r as unknown as Inner);
    }
    for (const r of inner)
      for (const dep of r.dependsOn ?? [])
        if (!seen.has(dep))
          return gerr(ctx, 400, 'BadRequest', `Request '${r.id}' depends on unknown request '${dep}'.`);

    const results = new Map<string, { id: string; status: number; headers: Record<string, string>; body?: unknown }>();
    const run = async (r: Inner) => {
      const failedDep = (r.dependsOn ?? []).find((d) => (results.get(d)?.status ?? 0) >= 400);
      if (failedDep) {
        results.set(r.id, {
          id: r.id,
          status: 424,
          headers: { 'Content-Type': 'application/json' },
          body: { error: { code: 'FailedDependency', message: `The dependent request '${failedDep}' failed.` } },
        });
        return;
      }
      results.set(r.id, await this.runInner(ctx, r, parentSeq));
    };
    if (inner.some((r) => r.dependsOn?.length)) {
      const pending = [...inner];
      while (pending.length) {
        const idx = pending.findIndex((r) => (r.dependsOn ?? []).every((d) => results.has(d)));
        if (idx < 0) return gerr(ctx, 400, 'BadRequest', 'Batch request dependencies form a cycle.');
        await run(pending.splice(idx, 1)[0]!);
      }
    } else {
      await Promise.all(inner.map(run));
    }
    let responses = inner.map((r) => results.get(r.id)!);
    if (this.tenant.config.shuffleBatchResponses) responses = responses.reverse();
    return ok({ responses });
  }

  private async runInner(
    ctx: GraphCtx,
    r: { id: string; method: string; url: string; headers?: Record<string, string>; body?: unknown },
    parentSeq: number | undefined,
  ): Promise<{ id: string; status: number; headers: Record<string, string>; body?: unknown }> {
    const started = Date.now();
    const method = r.method.toUpperCase();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
    if (ctx.req.headers.authorization) headers.authorization = ctx.req.headers.authorization;
    if (ctx.req.headers.origin) headers.origin = ctx.req.headers.origin;
    let bodyBuf = Buffer.alloc(0);
    if (r.body !== undefined && r.body !== null) {
      bodyBuf = Buffer.from(typeof r.body === 'string' ? r.body : JSON.stringify(r.body), 'utf8');
      headers['content-type'] ??= 'application/json';
    }
    const ids = { requestId: ctx.requestId, clientRequestId: ctx.clientRequestId };
    let res: FakeResponse;
    let faultId: string | undefined;
    if (/^https?:/i.test(r.url)) {
      res = gerr(ctx, 400, 'BadRequest', 'Invalid request URL: batch requests must use relative URLs.');
    } else {
      const rel = r.url.startsWith('/') ? r.url : `/${r.url}`;
      const url = new URL(`${GRAPH_BASE}/${ctx.version}${rel}`);
      const req: FakeRequest = {
        method,
        host: GRAPH_HOST,
        url,
        path: url.pathname,
        query: url.searchParams,
        headers,
        body: bodyBuf,
        cookies: {},
        inBatch: { batchRequestId: r.id, parentLogId: parentSeq ?? 0 },
      };
      const decision = this.faults.decide({
        host: GRAPH_HOST,
        method,
        path: url.pathname,
        search: url.search,
        inBatch: true,
        headers,
      });
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      if (decision.fault) {
        faultId = decision.fault.id;
        res = decision.fault.dropConnection
          ? graphError(this.tenant, ids, 504, 'GatewayTimeout', 'Gateway Timeout')
          : graphFaultResponse(this.tenant, ids, decision.fault);
      } else {
        res = await this.dispatch(req, ids, parentSeq);
      }
    }
    const outHeaders: Record<string, string> = { 'Cache-Control': 'no-cache', 'x-ms-resource-unit': '1' };
    for (const [k, v] of Object.entries(res.headers ?? {})) {
      const lk = k.toLowerCase();
      const val = Array.isArray(v) ? v.join(', ') : v;
      if (lk === 'content-type') outHeaders['Content-Type'] = val;
      else if (lk === 'retry-after') outHeaders['Retry-After'] = val;
      else if (lk === 'location') outHeaders['Location'] = val;
      else if (lk.startsWith('x-ms-')) outHeaders[lk] = val;
    }
    if (res.body !== undefined && res.body !== '') outHeaders['OData-Version'] = '4.0';
    this.log.push({
      seq: this.log.nextSeq(),
      time: started,
      host: GRAPH_HOST,
      method,
      path: `/${ctx.version}${r.url.startsWith('/') ? r.url : `/${r.url}`}`,
      status: res.status,
      durationMs: Date.now() - started,
      batch: { parentSeq: parentSeq ?? 0, id: r.id },
      ...(faultId ? { fault: faultId } : {}),
    });
    const out: { id: string; status: number; headers: Record<string, string>; body?: unknown } = {
      id: r.id,
      status: res.status,
      headers: outHeaders,
    };
    if (res.status !== 204 && res.body !== undefined && res.body !== '') {
      out.body = Buffer.isBuffer(res.body)
        ? res.body.toString('base64')
        : typeof res.body === 'string'
          ? safeJson(res.body)
          : res.body;
    }
    return out;
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}
