/**
 * JSON $batch with retries for inner 429/503/504 (the Graph client's RetryHandler only sees the outer 200).
 * Pure apart from the injected `post` and `sleep`: unit-tested.
 */
export interface BatchRequest {
  id: string;
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  /** Relative, without version: e.g. /users/{id}/authentication/fido2Methods */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

export interface BatchResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const RETRYABLE = new Set([429, 503, 504]);
export const MAX_BATCH = 20;

function retryAfterMs(r: BatchResponse, attempt: number): number {
  const h = Object.entries(r.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  const seconds = h !== undefined ? Number(h) : NaN;
  if (Number.isFinite(seconds)) return Math.min(seconds, 60) * 1000;
  return Math.min(2 ** attempt, 30) * 1000; // exponential backoff when Graph gives no hint
}

export async function runBatch(
  requests: BatchRequest[],
  post: (requests: BatchRequest[]) => Promise<BatchResponse[]>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  maxRetries = 3,
): Promise<Map<string, BatchResponse>> {
  // A programming error (callers split at MAX_BATCH), not an outcome the admin meets: not translated.
  if (requests.length > MAX_BATCH) throw new Error(`A Graph batch holds at most ${MAX_BATCH} requests.`); // i18n-exempt
  const results = new Map<string, BatchResponse>();
  let pending = requests;
  for (let attempt = 0; pending.length; attempt++) {
    const responses = await post(pending);
    const retry: BatchResponse[] = [];
    for (const r of responses) {
      if (RETRYABLE.has(r.status) && attempt < maxRetries) retry.push(r);
      else results.set(r.id, r);
    }
    if (!retry.length) break;
    const ids = new Set(retry.map((r) => r.id));
    // Dependents that failed only because their dependency was throttled (424) go again too.
    for (const req of pending)
      if (req.dependsOn?.some((d) => ids.has(d)) && results.get(req.id)?.status === 424) {
        ids.add(req.id);
        results.delete(req.id);
      }
    pending = pending
      .filter((req) => ids.has(req.id))
      .map((req) => ({ ...req, dependsOn: req.dependsOn?.filter((d) => ids.has(d)) }));
    await sleep(Math.max(...retry.map((r) => retryAfterMs(r, attempt))));
  }
  return results;
}
