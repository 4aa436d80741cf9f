/**
 * One local HTTPS server impersonating Microsoft's hosts, routed by the Host header:
 *   login.microsoftonline.com, login.microsoft.com → the Entra authority (authority.ts)
 *   graph.microsoft.com                             → Microsoft Graph (graph.ts)
 *   mysignins.microsoft.com                         → the fake My Sign-ins (pages/), fido/create on login.microsoft.com
 *   fake-control.local (and localhost/127.0.0.1)    → the control endpoint under /__control
 * Chromium reaches it with `--host-resolver-rules=<fake.resolverRules>` and `--ignore-certificate-errors`.
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { generate as generateCertificate } from 'selfsigned';
import { Authority, createSigningKey, LOGIN_HOSTS } from './authority.ts';
import { CONTROL_HOSTS, handleControl } from './control.ts';
import { Faults, RequestLog, type ActiveFault } from './faults.ts';
import { Graph, graphFaultResponse } from './graph.ts';
import { GRAPH_HOST, newIds } from './graph-common.ts';
import {
  encodeBody,
  HANDLED,
  html,
  json,
  parseCookies,
  randomGuid,
  sleep,
  type FakeHandler,
  type FakeRequest,
  type FakeResponse,
} from './http.ts';
import { fakeFetch, type FakeFetchInit, type FakeFetchResponse } from './client.ts';
import {
  DEFAULT_EXTENSION_ID,
  FakeTenant,
  type FakeCloudConfig,
  type FakeCloudConfigInit,
  type TenantOptions,
} from './tenant.ts';
import { installPages, type FakePages, type PagesConfigPatch } from './pages/index.ts';

export const FAKE_HOSTS = [
  'login.microsoftonline.com',
  'login.microsoft.com',
  'graph.microsoft.com',
  'mysignins.microsoft.com',
];
export const CONTROL_HOST = 'fake-control.local';

export interface FakeCloudOptions extends TenantOptions {
  /** 0 (default) = a random free port. */
  port?: number;
  /** Listen address, default 127.0.0.1. */
  listenHost?: string;
  /** App registration client id (default 3c9a6f4e-2b1d-4e8a-9c7f-1a2b3c4d5e6f). */
  clientId?: string;
  /** Extension id; the allowed redirect URI becomes https://<id>.chromiumapp.org/ (default kdiehgkbondhaclbppmifhjboclgficg). */
  extensionId?: string;
  /** Allowed redirect URI(s); overrides extensionId's. */
  redirectUri?: string | string[];
  tokenLifetimeSeconds?: number;
  rpId?: string;
  /** Global latency (ms) for every request on the Microsoft hosts. */
  latencyMs?: number;
  /** Extra host names for the resolver rules and the certificate (served only through fake.use handlers). */
  extraHosts?: string[];
  /** Reuse a certificate (PEM) instead of generating one. */
  certificate?: { key: string; cert: string };
  /** Log every request to the console. */
  verbose?: boolean;
  /** Fake Microsoft pages: variant, locale, KMSI, TAP input attributes, … (merged into config.pages). */
  pages?: PagesConfigPatch;
  maxLogEntries?: number;
}

export interface FakeCloud {
  port: number;
  /** `MAP login.microsoftonline.com 127.0.0.1:PORT, MAP …` for --host-resolver-rules */
  resolverRules: string;
  /** Chromium flags: the resolver rules and --ignore-certificate-errors. */
  chromiumArgs: string[];
  /** The impersonated Microsoft hosts (and extraHosts). */
  hosts: string[];
  /** The live state: users, groups, methods, TAPs, policies, config. */
  tenant: FakeTenant;
  /** Shortcut for tenant.config. */
  readonly config: FakeCloudConfig;
  faults: Faults;
  /** Every request (host, method, path, status, time), inner batch requests included. */
  requests: RequestLog;
  authority: Authority;
  graph: Graph;
  /** The fake Microsoft pages (My Sign-ins, fido/create, TAP view): config and sessions. */
  pages: FakePages;
  certificatePem: string;
  /** Registers a handler for a host ('*' = any), tried before the built-in routes; return undefined to pass. */
  use(host: string | string[], handler: FakeHandler): void;
  /** https://127.0.0.1:<port> */
  origin: string;
  /** HTTPS request from Node to a fake host, e.g. fake.fetch('https://graph.microsoft.com/v1.0/me', { headers }). */
  fetch(url: string, init?: FakeFetchInit): Promise<FakeFetchResponse>;
  close(): Promise<void>;
}

interface Route {
  hosts: Set<string> | '*';
  handler: FakeHandler;
}

let cachedCert: { hosts: string; promise: Promise<{ key: string; cert: string }> } | undefined;
let cachedSigningKey: ReturnType<typeof createSigningKey> | undefined;

async function makeCertificate(hosts: string[]): Promise<{ key: string; cert: string }> {
  const key = hosts.join(',');
  if (cachedCert?.hosts === key) return cachedCert.promise;
  const promise = (async () => {
    const now = new Date(Date.now() - 24 * 3600_000);
    const pems = await generateCertificate([{ name: 'commonName', value: hosts[0]! }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: now,
      notAfterDate: new Date(now.getTime() + 365 * 24 * 3600_000),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyAgreement: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [...hosts.map((h) => ({ type: 2 as const, value: h })), { type: 7 as const, ip: '127.0.0.1' }],
        },
      ],
    });
    return { key: pems.private, cert: pems.cert };
  })();
  cachedCert = { hosts: key, promise };
  return promise;
}

function hostOf(req: IncomingMessage): string {
  const raw = (req.headers.host ?? '').toLowerCase();
  if (raw.startsWith('[')) return raw.slice(0, raw.indexOf(']') + 1);
  return raw.split(':')[0] ?? '';
}

function readBody(req: IncomingMessage, limit = 20 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function loginFaultResponse(req: FakeRequest, f: ActiveFault): FakeResponse {
  const status = f.status ?? 504;
  const headers: Record<string, string> = {
    'access-control-allow-origin': req.headers.origin ?? '*',
    ...(f.headers ?? {}),
  };
  if (f.retryAfter !== undefined) headers['retry-after'] = String(f.retryAfter);
  if (f.body !== undefined) return { status, headers, body: f.body };
  const trace = randomGuid();
  const ts = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
  const [error, code, msg] =
    status === 429
      ? ['temporarily_unavailable', 90014, 'The request was throttled. Please try again later.']
      : status >= 500
        ? ['temporarily_unavailable', 50168, 'The service is temporarily unavailable. Please try again later.']
        : ['invalid_request', 90014, `Injected fault ${status}.`];
  return json(
    status,
    {
      error,
      error_description: `AADSTS${code}: ${msg} Trace ID: ${trace} Correlation ID: ${randomGuid()} Timestamp: ${ts}`,
      error_codes: [code],
      timestamp: ts,
      trace_id: trace,
      correlation_id: randomGuid(),
    },
    headers,
  );
}

/** Starts the fake cloud. Certificate and signing key are generated once per process and reused. */
export async function startFakeCloud(options: FakeCloudOptions = {}): Promise<FakeCloud> {
  const hosts = [...FAKE_HOSTS, ...(options.extraHosts ?? [])];
  const certHosts = [...hosts, CONTROL_HOST, 'localhost'];
  cachedSigningKey ??= createSigningKey();
  const [cert, signingKey] = await Promise.all([options.certificate ?? makeCertificate(certHosts), cachedSigningKey]);

  const extensionId = options.extensionId ?? DEFAULT_EXTENSION_ID;
  const configOverrides: FakeCloudConfigInit = { ...(options.config ?? {}) };
  if (options.clientId) configOverrides.clientId = options.clientId;
  if (options.redirectUri)
    configOverrides.redirectUris = Array.isArray(options.redirectUri) ? options.redirectUri : [options.redirectUri];
  if (options.tokenLifetimeSeconds !== undefined) configOverrides.tokenLifetimeSeconds = options.tokenLifetimeSeconds;
  if (options.rpId) configOverrides.rpId = options.rpId;
  if (options.pages) configOverrides.pages = { ...(configOverrides.pages ?? {}), ...options.pages };
  const tenant = new FakeTenant({ ...options, extensionId, config: configOverrides });
  const faults = new Faults();
  faults.latencyMs = options.latencyMs ?? 0;
  const requests = new RequestLog(options.maxLogEntries);
  const authority = new Authority(tenant, signingKey);
  const graph = new Graph(tenant, faults, requests);
  const pages = installPages({ tenant, authority, initial: configOverrides.pages });
  const routes: Route[] = [];
  const loginHosts = new Set(LOGIN_HOSTS);
  const sockets = new Set<Socket>();
  let port = 0;

  const info = () => ({
    port,
    hosts,
    resolverRules: resolverRules(),
    tenantId: tenant.tenantId,
    domain: tenant.domain,
    userCount: tenant.users.length,
    groupCount: tenant.groups.length,
    fixedUsers: Object.fromEntries(Object.entries(tenant.fixed).map(([k, u]) => [k, u.userPrincipalName])),
    fixedGroups: Object.fromEntries(Object.entries(tenant.fixedGroups).map(([k, g]) => [k, g.id])),
    config: tenant.config,
    policies: tenant.policies,
    latencyMs: faults.latencyMs,
    faults: faults.listJson(),
    requestCount: requests.entries.length,
    clockOffsetMs: tenant.clockOffsetMs,
  });
  const resolverRules = () => hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ');

  /**
   * Control routes of the pages: `GET|PATCH /__control/pages` (config), `GET /__control/pages/sessions`,
   * `DELETE /__control/pages/sessions`; `PATCH /__control/config` merges a `pages` key deeply; `sessions/clear`
   * and `reset` also clear the My Sign-ins sessions.
   */
  async function pagesControl(req: FakeRequest, next: () => Promise<FakeResponse>): Promise<FakeResponse> {
    const cors = { 'access-control-allow-origin': '*' };
    const p = req.path.replace(/\/+$/, '');
    let body: Record<string, unknown>;
    try {
      const text = req.body.toString('utf8').trim();
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      if (p.startsWith('/__control/pages')) return json(400, { error: 'invalid JSON body' }, cors);
      return next();
    }
    if (p === '/__control/pages') {
      if (req.method === 'GET') return json(200, pages.config, cors);
      if (['PATCH', 'POST', 'PUT'].includes(req.method))
        return json(200, pages.configure(body as PagesConfigPatch), cors);
      if (req.method === 'DELETE') return json(200, pages.resetConfig(), cors);
    }
    if (p === '/__control/pages/sessions') {
      if (req.method === 'GET')
        return json(200, { sessions: pages.sessions, registrations: pages.registrations }, cors);
      if (req.method === 'DELETE') return json(200, { ended: pages.endSessions() }, cors);
    }
    if (
      p === '/__control/config' &&
      ['PATCH', 'POST', 'PUT'].includes(req.method) &&
      body.pages &&
      typeof body.pages === 'object'
    ) {
      const { pages: patch, ...rest } = body;
      pages.configure(patch as PagesConfigPatch);
      req.body = Buffer.from(JSON.stringify(rest));
    }
    const res = await next();
    if (res.status < 300 && req.method === 'POST' && (p === '/__control/sessions/clear' || p === '/__control/reset')) {
      pages.reset(); // (reset also rebuilt config.pages from the start options via tenant.reset())
    }
    return res;
  }

  async function onRequest(rawReq: IncomingMessage, rawRes: ServerResponse): Promise<void> {
    const started = Date.now();
    const host = hostOf(rawReq);
    let body: Buffer;
    try {
      body = await readBody(rawReq);
    } catch {
      rawRes.writeHead(413).end();
      return;
    }
    const url = new URL(rawReq.url ?? '/', `https://${host || 'localhost'}`);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(rawReq.headers))
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    const req: FakeRequest = {
      method: (rawReq.method ?? 'GET').toUpperCase(),
      host,
      url,
      path: url.pathname,
      query: url.searchParams,
      headers,
      body,
      cookies: parseCookies(headers.cookie),
      raw: { req: rawReq, res: rawRes },
    };

    const send = (res: FakeResponse) => {
      const { headers: h, payload } = encodeBody(res);
      if (payload) h['content-length'] = String(payload.length);
      rawRes.writeHead(res.status, h);
      rawRes.end(req.method === 'HEAD' ? undefined : payload);
    };

    if (CONTROL_HOSTS.includes(host) && (url.pathname === '/__control' || url.pathname.startsWith('/__control/'))) {
      send(await pagesControl(req, () => handleControl(req, { tenant, faults, requests, authority, info })));
      return;
    }

    const seq = requests.nextSeq();
    const logIt = (status: number, extra: { fault?: string; dropped?: boolean } = {}) => {
      requests.push({
        seq,
        time: started,
        host,
        method: req.method,
        path: url.pathname + url.search,
        status,
        durationMs: Date.now() - started,
        ...extra,
      });
      if (options.verbose)
        console.log(
          `[fake-cloud] ${status} ${req.method} https://${host}${url.pathname}${url.search}${extra.fault ? ` (${extra.fault})` : ''}`,
        );
    };

    try {
      const isPreflight = req.method === 'OPTIONS';
      const decision = isPreflight
        ? { latencyMs: faults.latencyMs }
        : faults.decide({ host, method: req.method, path: url.pathname, search: url.search, inBatch: false, headers });
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      const held = 'holdRequest' in decision ? decision : undefined;
      if (held?.holdRequest) await held.holdRequest;
      const fault = 'fault' in decision ? decision.fault : undefined;
      if (fault) {
        if (fault.dropConnection) {
          logIt(0, { fault: fault.id, dropped: true });
          rawReq.socket.destroy();
          return;
        }
        let res: FakeResponse;
        if (host === GRAPH_HOST) {
          const ids = newIds(req);
          res = graphFaultResponse(tenant, ids, fault);
          res.headers = { ...graph.decorate(req, ids), ...(res.headers ?? {}) };
        } else if (loginHosts.has(host)) res = loginFaultResponse(req, fault);
        else {
          res =
            fault.body !== undefined
              ? { status: fault.status ?? 500, body: fault.body }
              : html(fault.status ?? 500, `<h1>${fault.status ?? 500}</h1>`);
          if (fault.retryAfter !== undefined)
            res.headers = { ...(res.headers ?? {}), 'retry-after': String(fault.retryAfter) };
        }
        send(res);
        logIt(res.status, { fault: fault.id });
        return;
      }

      let res: FakeResponse | undefined;
      for (const r of routes) {
        if (r.hosts !== '*' && !r.hosts.has(host)) continue;
        const out = await r.handler(req);
        if (out === HANDLED) {
          rawRes.once('finish', () => logIt(rawRes.statusCode));
          return;
        }
        if (out) {
          res = out;
          break;
        }
      }
      if (!res) {
        if (host === GRAPH_HOST) res = await graph.handle(req);
        else if (loginHosts.has(host)) res = (await pages.handle(req)) ?? (await authority.handle(req));
        else if (host === 'mysignins.microsoft.com') res = await pages.handle(req);
      }
      res ??= html(
        404,
        `<!DOCTYPE html><title>404</title><h1>Not found</h1><p>fake-cloud has no route for ${req.method} https://${host}${url.pathname}</p>`,
      );
      if (held?.holdResponse) await held.holdResponse; // the request's effect has landed; only its answer waits
      send(res);
      logIt(res.status);
    } catch (e) {
      console.error('[fake-cloud] handler error', e);
      if (!rawRes.headersSent) send(json(500, { error: 'fake_cloud_internal_error', message: (e as Error).message }));
      else rawRes.end();
      logIt(500);
    }
  }

  const server = https.createServer({ key: cert.key, cert: cert.cert }, (q, s) => {
    void onRequest(q, s);
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.listenHost ?? '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });

  const fake: FakeCloud = {
    port,
    resolverRules: resolverRules(),
    chromiumArgs: [`--host-resolver-rules=${resolverRules()}`, '--ignore-certificate-errors'],
    hosts,
    tenant,
    get config() {
      return tenant.config;
    },
    faults,
    requests,
    authority,
    graph,
    pages,
    certificatePem: cert.cert,
    origin: `https://127.0.0.1:${port}`,
    fetch: (url, init) => fakeFetch(port, url, init, agent),
    use(host, handler) {
      const list = Array.isArray(host) ? host : [host];
      routes.push({ hosts: list.includes('*') ? '*' : new Set(list.map((h) => h.toLowerCase())), handler });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
        agent.destroy();
      }),
  };
  return fake;
}
