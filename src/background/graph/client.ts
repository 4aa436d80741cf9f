/**
 * The one Graph layer: @microsoft/microsoft-graph-client with our token provider, the national-cloud root,
 * retries on 429/503/504 honouring Retry-After, request-id capture, and errors mapped for the admin.
 */
import {
  AuthenticationHandler,
  Client,
  GraphError,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { CLOUDS } from '../../shared/clouds';
import { AppError } from '../../shared/errors';
import { t } from '../../shared/i18n';
import { getAccessToken } from '../auth/session';
import { loadSettings } from '../settings-store';
import { runBatch, type BatchRequest, type BatchResponse } from './batch';
import { mapGraphError } from './graph-errors';

/** Collects Graph request-ids of the calls made for one operation (shown in errors and history). */
export class Trace {
  readonly requestIds: string[] = [];
  requests = 0;
}

type TracedOptions = RequestInit & { trace?: Trace };

class RequestIdRecorder implements Middleware {
  private next?: Middleware;
  setNext(m: Middleware) {
    this.next = m;
  }
  async execute(context: Context) {
    const trace = (context.options as TracedOptions | undefined)?.trace;
    if (trace) trace.requests++;
    await this.next!.execute(context);
    const id = context.response?.headers.get('request-id');
    if (id && trace && !trace.requestIds.includes(id)) trace.requestIds.push(id);
  }
}

let forceRefresh = false;
let cached: { root: string; client: Client } | null = null;

async function graphClient(): Promise<{ client: Client; root: string }> {
  const { settings } = await loadSettings();
  const root = CLOUDS[settings.cloud].graph;
  if (cached?.root === root) return cached;
  const auth = new AuthenticationHandler({ getAccessToken: () => getAccessToken(forceRefresh) });
  const retry = new RetryHandler(new RetryHandlerOptions(2, 3));
  const recorder = new RequestIdRecorder();
  const http = new HTTPMessageHandler();
  auth.setNext(retry);
  retry.setNext(recorder);
  recorder.setNext(http);
  cached = { root, client: Client.initWithMiddleware({ middleware: auth, baseUrl: root, defaultVersion: 'v1.0' }) };
  return cached;
}

export interface GraphCall {
  method?: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  /** Path below the version (e.g. /users), or an absolute @odata.nextLink on the Graph root. */
  path: string;
  version?: 'v1.0' | 'beta';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** For the error message ("Could not <operation>."): an operation phrase in the admin's language (docs/i18n.md). */
  operation: string;
  trace?: Trace;
}

async function once<T>(call: GraphCall): Promise<T> {
  const { client, root } = await graphClient();
  if (/^https?:/i.test(call.path) && new URL(call.path).origin !== root)
    throw new AppError({
      code: 'graph-foreign-url',
      message: t('errGraphForeignUrl'),
      action: t('errGraphForeignUrlAction'),
    });
  let req = client.api(call.path).version(call.version ?? 'v1.0');
  if (call.headers) req = req.headers(call.headers);
  const options: TracedOptions = {};
  if (call.signal) options.signal = call.signal;
  if (call.trace) options.trace = call.trace;
  req = req.options(options as Record<string, unknown>);
  switch (call.method ?? 'GET') {
    case 'GET':
      return (await req.get()) as T;
    case 'POST':
      return (await req.post(call.body ?? {})) as T;
    case 'PATCH':
      return (await req.patch(call.body ?? {})) as T;
    case 'DELETE':
      return (await req.delete()) as T;
  }
}

export async function graph<T>(call: GraphCall): Promise<T> {
  try {
    try {
      return await once<T>(call);
    } catch (e) {
      // One silent renewal when Graph says the token is no longer good (revoked, clock skew).
      if (e instanceof GraphError && e.statusCode === 401) {
        forceRefresh = true;
        try {
          return await once<T>(call);
        } finally {
          forceRefresh = false;
        }
      }
      throw e;
    }
  } catch (e) {
    throw toAppError(e, call.operation);
  }
}

export function toAppError(e: unknown, operation: string): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof DOMException && e.name === 'AbortError')
    return new AppError({ code: 'aborted', message: t('errCancelled') });
  if (e instanceof GraphError) {
    const network = e.statusCode === -1;
    return new AppError(
      mapGraphError({
        status: network ? 0 : e.statusCode,
        code: network ? 'network' : e.code,
        message: e.message,
        requestId: e.requestId,
        operation,
      }),
    );
  }
  if (e instanceof TypeError)
    return new AppError(mapGraphError({ status: 0, code: 'network', message: e.message, operation }));
  return AppError.from(e);
}

/** Runs up to 20 requests in one $batch; inner throttling is retried. Throws only if the batch itself fails. */
export async function batch(
  requests: BatchRequest[],
  operation: string,
  trace?: Trace,
  version: 'v1.0' | 'beta' = 'v1.0',
): Promise<Map<string, BatchResponse>> {
  const results = await runBatch(requests, async (reqs) => {
    const body = await graph<{ responses: BatchResponse[] }>({
      method: 'POST',
      path: '/$batch',
      version,
      body: { requests: reqs },
      operation,
      trace,
    });
    for (const r of body.responses) {
      const id = Object.entries(r.headers ?? {}).find(([k]) => k.toLowerCase() === 'request-id')?.[1];
      if (id && trace && !trace.requestIds.includes(id)) trace.requestIds.push(id);
    }
    return body.responses;
  });
  return results;
}

/** An inner batch response as a value, or its mapped error. */
export function batchValue<T>(r: BatchResponse | undefined, operation: string): T {
  if (!r)
    throw new AppError({
      code: 'graph-batch-missing',
      message: t('errGraphBatchMissing', operation),
      action: t('errTryAgain'),
    });
  if (r.status >= 200 && r.status < 300) return r.body as T;
  const err = (
    r.body as { error?: { code?: string; message?: string; innerError?: Record<string, string> } } | undefined
  )?.error;
  const requestId =
    Object.entries(r.headers ?? {}).find(([k]) => k.toLowerCase() === 'request-id')?.[1] ??
    err?.innerError?.['request-id'];
  throw new AppError(mapGraphError({ status: r.status, code: err?.code, message: err?.message, requestId, operation }));
}
