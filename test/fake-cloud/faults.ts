/**
 * Fault injection, latency and the request log.
 *
 * A rule matches on host, method and path; when it fires it either delays the request (`latencyMs`
 * alone), answers with an error (`status`, optional `body`, `retryAfter`, `headers`), or drops the
 * connection. Rules fire `times` times (default 1, -1 or Infinity = forever) after skipping the first
 * `skip` matches. The first matching rule with a status or dropConnection wins; latency of every
 * matching rule adds up.
 */

export interface FaultRule {
  /** Exact host (case-insensitive) or a RegExp; omitted = any host. */
  host?: string | RegExp;
  /** HTTP method (case-insensitive); omitted = any. */
  method?: string;
  /**
   * A string matches when the decoded request path (no query) contains it; a RegExp is tested against
   * path + query string (e.g. /creationOptions\?challengeTimeoutInMinutes/).
   */
  path: string | RegExp;
  /** Response status; omit for a latency-only rule. */
  status?: number;
  /** How many times the rule fires; default 1; -1 or Infinity = unlimited. */
  times?: number;
  /** Let this many matching requests through before firing. */
  skip?: number;
  /** Seconds, sent as the Retry-After header (inner headers for batch requests). */
  retryAfter?: number;
  /** Response body: an object is sent as JSON, a string as is. Default: the host's error envelope. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Delay before answering (or before the normal handler runs when there is no status). */
  latencyMs?: number;
  /**
   * Graph `$batch` inner requests: false/omitted = the rule applies to top-level requests only,
   * true = to top-level and inner requests, 'only' = to inner requests only.
   * Inner paths look like top-level ones: /v1.0/users/… (the batch's version is prefixed).
   */
  inBatch?: boolean | 'only';
  /** Destroy the socket instead of answering (top-level requests; inner batch requests get a 502). */
  dropConnection?: boolean;
  /** Optional extra predicate. */
  match?: (req: FaultMatchInput) => boolean;
  /** Free-form label that appears in the request log. */
  label?: string;
  /**
   * Hold the matching request until `release(id)`: 'request' before it is handled (nothing happened yet),
   * 'response' after it was handled (its effect landed; only the answer waits). `whenHeld(id)` resolves once a
   * request is held, so a test can stop the service worker while that call is in flight.
   */
  hold?: 'request' | 'response';
}

export interface FaultMatchInput {
  host: string;
  method: string;
  path: string;
  search: string;
  inBatch: boolean;
  headers: Record<string, string>;
}

export interface ActiveFault extends FaultRule {
  id: string;
  /** Times it has fired. */
  fired: number;
  /** Times it matched (including skipped ones). */
  matched: number;
}

export interface FaultDecision {
  latencyMs: number;
  fault?: ActiveFault;
  /** Await before handling the request (a 'request' hold). */
  holdRequest?: Promise<void>;
  /** Await before sending the answer (a 'response' hold). */
  holdResponse?: Promise<void>;
}

interface Gate {
  open: Promise<void>;
  release: () => void;
  held: Promise<void>;
  markHeld: () => void;
}
function gate(): Gate {
  let release!: () => void;
  let markHeld!: () => void;
  const open = new Promise<void>((r) => (release = r));
  const held = new Promise<void>((r) => (markHeld = r));
  return { open, release, held, markHeld };
}

/** A JSON-friendly rule for the control endpoint: `path` is a plain string, `pathRegex`/`hostRegex` regex sources. */
export interface SerializedFaultRule extends Omit<FaultRule, 'path' | 'host' | 'match'> {
  path?: string;
  pathRegex?: string;
  pathRegexFlags?: string;
  host?: string;
  hostRegex?: string;
}

export class Faults {
  private rules: ActiveFault[] = [];
  private nextId = 1;
  /** Added to every request on the fake Microsoft hosts (not the control host). */
  latencyMs = 0;

  private gates = new Map<string, Gate>();

  add(rule: FaultRule): string {
    const id = `fault-${this.nextId++}`;
    this.rules.push({ ...rule, id, fired: 0, matched: 0 });
    if (rule.hold) this.gates.set(id, gate());
    return id;
  }

  /** Adds a hold rule (fires once by default). */
  hold(rule: Omit<FaultRule, 'hold'> & { hold?: 'request' | 'response' }): string {
    return this.add({ hold: 'request', ...rule });
  }

  /** Resolves when a request matching hold rule `id` is being held. */
  whenHeld(id: string): Promise<void> {
    return this.gates.get(id)?.held ?? Promise.reject(new Error(`no hold rule ${id}`));
  }

  /** Lets the held request (and any later match of the rule) go on. */
  release(id: string): boolean {
    const g = this.gates.get(id);
    g?.release();
    this.rules = this.rules.filter((r) => r.id !== id);
    return !!g;
  }

  /** Releases every hold (e.g. at the end of a test). */
  releaseAll(): void {
    for (const id of this.gates.keys()) this.release(id);
  }

  /** Shorthand: the next `times` requests matching path answer 429 with Retry-After. */
  throttle(
    path: string | RegExp,
    opts: { times?: number; retryAfter?: number; host?: string; inBatch?: boolean | 'only' } = {},
  ): string {
    return this.add({
      path,
      status: 429,
      retryAfter: opts.retryAfter ?? 1,
      times: opts.times ?? 1,
      host: opts.host,
      inBatch: opts.inBatch,
    });
  }

  addSerialized(rule: SerializedFaultRule): string {
    const { path, pathRegex, pathRegexFlags, host, hostRegex, ...rest } = rule;
    const p: string | RegExp = pathRegex ? new RegExp(pathRegex, pathRegexFlags ?? '') : (path ?? '');
    const h: string | RegExp | undefined = hostRegex ? new RegExp(hostRegex, 'i') : host;
    return this.add({ ...rest, path: p, host: h });
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.releaseAll();
    this.rules = [];
  }

  list(): ActiveFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Serialisable view for the control endpoint. */
  listJson(): Record<string, unknown>[] {
    return this.rules.map((r) => ({
      ...r,
      match: undefined,
      path: r.path instanceof RegExp ? undefined : r.path,
      pathRegex: r.path instanceof RegExp ? r.path.source : undefined,
      host: r.host instanceof RegExp ? undefined : r.host,
      hostRegex: r.host instanceof RegExp ? r.host.source : undefined,
      times: r.times === Infinity ? -1 : r.times,
    }));
  }

  /** Finds what applies to a request and consumes the rules that fire. */
  decide(input: FaultMatchInput): FaultDecision {
    let latency = this.latencyMs;
    let fault: ActiveFault | undefined;
    let holdRequest: Promise<void> | undefined;
    let holdResponse: Promise<void> | undefined;
    for (const r of this.rules) {
      if (!matches(r, input)) continue;
      r.matched++;
      if (r.matched <= (r.skip ?? 0)) continue;
      const limit = r.times === undefined ? 1 : r.times < 0 ? Infinity : r.times;
      if (r.fired >= limit) continue;
      const isResponse = r.status !== undefined || r.dropConnection;
      if (isResponse && fault) continue; // first response fault wins; don't consume the others
      r.fired++;
      latency += r.latencyMs ?? 0;
      if (isResponse) fault = r;
      const g = r.hold && this.gates.get(r.id);
      if (g) {
        g.markHeld();
        if (r.hold === 'request') holdRequest = g.open;
        else holdResponse = g.open;
      }
    }
    // Drop exhausted rules so list() stays readable.
    this.rules = this.rules.filter((r) => {
      const limit = r.times === undefined ? 1 : r.times < 0 ? Infinity : r.times;
      return r.fired < limit;
    });
    return { latencyMs: latency, fault, holdRequest, holdResponse };
  }
}

function matches(r: ActiveFault, input: FaultMatchInput): boolean {
  const inBatchMode = r.inBatch ?? false;
  if (input.inBatch && inBatchMode === false) return false;
  if (!input.inBatch && inBatchMode === 'only') return false;
  if (r.host !== undefined) {
    if (r.host instanceof RegExp ? !r.host.test(input.host) : r.host.toLowerCase() !== input.host) return false;
  }
  if (r.method && r.method.toUpperCase() !== input.method) return false;
  if (r.path instanceof RegExp) {
    r.path.lastIndex = 0;
    if (!r.path.test(input.path + input.search)) return false;
  } else if (r.path && !safeDecode(input.path).includes(r.path)) return false;
  if (r.match && !r.match(input)) return false;
  return true;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// Request log

export interface RequestLogEntry {
  seq: number;
  /** ms since epoch (real clock) when the request arrived */
  time: number;
  host: string;
  method: string;
  /** pathname + query string, as received */
  path: string;
  status: number;
  durationMs: number;
  /** For inner batch requests: the batch entry's seq and the inner request id. */
  batch?: { parentSeq: number; id: string };
  /** Id of the fault rule that produced the response, if any. */
  fault?: string;
  /** Set when the connection was dropped. */
  dropped?: boolean;
}

export interface RequestFilter {
  host?: string;
  method?: string;
  /** substring of path (string) or a RegExp tested against path */
  path?: string | RegExp;
  status?: number;
  /** true = only inner batch requests, false = only top-level ones */
  inBatch?: boolean;
}

export class RequestLog {
  entries: RequestLogEntry[] = [];
  private seq = 0;
  constructor(public maxEntries = 200_000) {}

  nextSeq(): number {
    return ++this.seq;
  }

  push(e: RequestLogEntry): void {
    this.entries.push(e);
    if (this.entries.length > this.maxEntries) this.entries.splice(0, this.entries.length - this.maxEntries);
  }

  clear(): void {
    this.entries = [];
  }

  filter(f: RequestFilter = {}): RequestLogEntry[] {
    return this.entries.filter((e) => {
      if (f.host && e.host !== f.host.toLowerCase()) return false;
      if (f.method && e.method !== f.method.toUpperCase()) return false;
      if (f.status !== undefined && e.status !== f.status) return false;
      if (f.inBatch !== undefined && Boolean(e.batch) !== f.inBatch) return false;
      if (f.path instanceof RegExp) {
        f.path.lastIndex = 0;
        if (!f.path.test(e.path)) return false;
      } else if (f.path && !safeDecode(e.path).includes(f.path)) return false;
      return true;
    });
  }

  count(f: RequestFilter = {}): number {
    return this.filter(f).length;
  }
}
