/**
 * Calling the fake from Node (tests, demo, bench): an HTTPS request to 127.0.0.1:PORT that presents the
 * real host name (SNI + Host header) and accepts the self-signed certificate.
 */
import https from 'node:https';

export interface FakeFetchInit {
  method?: string;
  headers?: Record<string, string>;
  /** A string/Buffer is sent as is; an object as JSON (content-type set unless given). */
  body?: string | Buffer | object;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
}

export interface FakeFetchResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = unknown>(): T;
  header(name: string): string | undefined;
}

export function fakeFetch(
  port: number,
  url: string,
  init: FakeFetchInit = {},
  agent?: https.Agent,
): Promise<FakeFetchResponse> {
  const u = new URL(url);
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  let payload: Buffer | undefined;
  if (init.form) {
    payload = Buffer.from(new URLSearchParams(init.form).toString());
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  } else if (init.body !== undefined) {
    if (typeof init.body === 'string' || Buffer.isBuffer(init.body)) payload = Buffer.from(init.body);
    else {
      payload = Buffer.from(JSON.stringify(init.body));
      if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
        headers['content-type'] = 'application/json';
    }
  }
  if (payload) headers['content-length'] = String(payload.length);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port,
        servername: /^\d+\.\d+\.\d+\.\d+$/.test(u.hostname) ? undefined : u.hostname,
        method: init.method ?? (payload ? 'POST' : 'GET'),
        path: u.pathname + u.search,
        headers: { host: u.hostname, ...headers },
        rejectUnauthorized: false,
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: <T>() => JSON.parse(text) as T,
            header: (n: string) => {
              const v = res.headers[n.toLowerCase()];
              return Array.isArray(v) ? v.join(', ') : v;
            },
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
