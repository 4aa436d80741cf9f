import { useEffect, useState } from 'preact/hooks';
import Papa from 'papaparse';
import { send } from '../shared/messaging';
import { AppError, type AppErrorData } from '../shared/errors';
import { entraLogLinks, historyRows, type HistoryFilter, type HistoryRecord, type Outcome } from '../shared/history';
import { progress, type QueueState } from '../shared/queue';
import type { Mode } from '../shared/protocol';
import { ErrorView } from './ErrorView';
import { formatDateTime } from './format';

const useQueue = (): [QueueState | null, (q: QueueState) => void] => {
  const [q, setQ] = useState<QueueState | null>(null);
  useEffect(() => {
    send('queue.get', null).then(setQ, () => undefined);
    const listener = (changes: Record<string, chrome.storage.StorageChange>) => {
      if (changes.queue?.newValue) setQ(changes.queue.newValue as QueueState);
    };
    chrome.storage.local.onChanged.addListener(listener);
    return () => chrome.storage.local.onChanged.removeListener(listener);
  }, []);
  return [q, setQ];
};

const minutes = (ms?: number) =>
  ms === undefined
    ? 'estimating\u2026'
    : ms < 60_000
      ? `about ${Math.max(1, Math.round(ms / 1000))} s left`
      : `about ${Math.round(ms / 60_000)} min left`;

/** The provisioning station: a queue of users run one at a time, with key-swap prompts. */
export function QueueView() {
  const [q, setQ] = useQueue();
  const [mode, setMode] = useState<Mode>('automatic');
  const [error, setError] = useState<AppErrorData | null>(null);
  const [importReport, setImportReport] = useState<string[] | null>(null);
  const call = (p: Promise<QueueState>) => p.then(setQ, (e) => setError(AppError.from(e).toJSON()));
  if (!q) return <p class="muted">Loading\u2026</p>;
  const p = progress(q);
  const onFile = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    setError(null);
    try {
      const r = await send('queue.importCsv', { text: await file.text() });
      setQ(r.queue);
      setImportReport([
        `${r.added} user${r.added === 1 ? '' : 's'} added${r.duplicates ? `, ${r.duplicates} already queued` : ''}.`,
        ...r.errors.map((x) => `Line ${x.line}: ${x.message}`),
      ]);
    } catch (err) {
      setError(AppError.from(err).toJSON());
    }
    (e.target as HTMLInputElement).value = '';
  };
  return (
    <section aria-label="Queue">
      <div class="row">
        <label for="csv">Import CSV</label>
        <input id="csv" type="file" accept=".csv,text/csv" onChange={onFile} />
      </div>
      {importReport && (
        <ul aria-label="Import report" class="muted">
          {importReport.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
      {error && <ErrorView error={error} />}
      <div class="row" style="margin:8px 0">
        <label>
          <input type="radio" name="queue-mode" checked={mode === 'automatic'} onChange={() => setMode('automatic')} />{' '}
          Automatic
        </label>
        <label>
          <input type="radio" name="queue-mode" checked={mode === 'guided'} onChange={() => setMode('guided')} /> Guided
          (Temporary Access Pass)
        </label>
      </div>
      <div
        role="progressbar"
        aria-label="Queue progress"
        aria-valuemin={0}
        aria-valuemax={p.total}
        aria-valuenow={p.done}
        style="margin:6px 0"
      >
        <progress max={p.total || 1} value={p.done} style="width:100%" aria-hidden="true" />
        <div class="muted">
          {p.done} of {p.total} done · {p.succeeded} registered · {p.failed} failed · {p.skipped} skipped
          {q.status === 'running' ? ` · ${minutes(p.etaMs)}` : ''}
        </div>
      </div>
      {q.notice && (
        <p class="note" role="alert">
          {q.notice}
        </p>
      )}
      <div class="row">
        {(q.status === 'idle' || q.status === 'done') && (
          <button class="primary" disabled={!p.pending} onClick={() => call(send('queue.start', { mode }))}>
            Start
          </button>
        )}
        {q.status === 'running' && <button onClick={() => call(send('queue.pause', null))}>Pause</button>}
        {q.status === 'paused' && (
          <button class="primary" onClick={() => call(send('queue.resume', null))}>
            Resume
          </button>
        )}
        <button
          disabled={q.status !== 'running' && q.status !== 'paused'}
          onClick={() => call(send('queue.skip', null))}
        >
          Skip
        </button>
        {q.awaitingKeyFor && (
          <button class="primary" onClick={() => call(send('queue.keyReady', null))}>
            New key is in
          </button>
        )}
        <button disabled={!p.failed} onClick={() => call(send('queue.retryFailed', null))}>
          Retry failed
        </button>
        <button disabled={q.status === 'running'} onClick={() => call(send('queue.clear', null))}>
          Clear
        </button>
      </div>
      <ol aria-label="Queued users" class="steps">
        {q.items.map((i) => (
          <li
            key={i.userId}
            data-state={
              i.status === 'succeeded'
                ? 'done'
                : i.status === 'running'
                  ? 'active'
                  : i.status === 'failed'
                    ? 'failed'
                    : 'pending'
            }
          >
            {i.displayName}{' '}
            <span class="muted">
              {i.userPrincipalName} · {i.status}
              {i.passkeyName ? ` · ${i.passkeyName}` : ''}
            </span>
            {i.error && <div class="error">{i.error}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function download(name: string, type: string, text: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** The audit trail: every attempt, filterable, exportable. */
export function HistoryView() {
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [data, setData] = useState<{ records: HistoryRecord[]; adminCenter: string } | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  useEffect(() => {
    send('history.list', filter).then(setData, (e) => setError(AppError.from(e).toJSON()));
  }, [JSON.stringify(filter)]);
  const stamp = new Date().toISOString().slice(0, 10);
  const date = (v: string, end = false) =>
    v ? new Date(`${v}T${end ? '23:59:59' : '00:00:00'}`).getTime() : undefined;
  return (
    <section aria-label="History">
      <div class="row">
        <input
          type="search"
          aria-label="Filter history by user"
          placeholder="User"
          onInput={(e) => setFilter({ ...filter, user: (e.target as HTMLInputElement).value })}
        />
        <select
          aria-label="Outcome"
          onChange={(e) => setFilter({ ...filter, outcome: (e.target as HTMLSelectElement).value as Outcome | '' })}
        >
          <option value="">All outcomes</option>
          {(['succeeded', 'failed', 'cancelled', 'skipped', 'interrupted', 'running'] as Outcome[]).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
      <div class="row" style="margin-top:4px">
        <label>
          From{' '}
          <input
            type="date"
            aria-label="From date"
            onChange={(e) => setFilter({ ...filter, from: date((e.target as HTMLInputElement).value) })}
          />
        </label>
        <label>
          To{' '}
          <input
            type="date"
            aria-label="To date"
            onChange={(e) => setFilter({ ...filter, to: date((e.target as HTMLInputElement).value, true) })}
          />
        </label>
      </div>
      {error && <ErrorView error={error} />}
      <div class="row" style="margin:6px 0">
        <button
          disabled={!data?.records.length}
          onClick={() => download(`passkey-history-${stamp}.csv`, 'text/csv', Papa.unparse(historyRows(data!.records)))}
        >
          Export CSV
        </button>
        <button
          disabled={!data?.records.length}
          onClick={() =>
            download(`passkey-history-${stamp}.json`, 'application/json', JSON.stringify(data!.records, null, 2))
          }
        >
          Export JSON
        </button>
      </div>
      <ul aria-label="Attempts" class="checks">
        {data?.records.map((r) => {
          const links = entraLogLinks(data.adminCenter, r.userId);
          return (
            <li key={r.id} style="display:block;border-bottom:1px solid var(--line);padding:4px 0">
              <strong>{r.userDisplayName || 'User not resolved'}</strong>{' '}
              <span class="muted">{r.userPrincipalName || r.userId}</span> · {r.mode} ·{' '}
              <span class={r.outcome === 'succeeded' ? 'ok' : r.outcome === 'failed' ? 'error' : 'muted'}>
                {r.outcome}
              </span>
              <div class="muted">
                {formatDateTime(r.time)} by {r.admin}
                {r.passkeyName ? ` · ${r.passkeyName}` : ''}
                {r.keyModel ? ` · ${r.keyModel}` : ''}
              </div>
              {r.error && <div class="error">{r.error}</div>}
              <a href={links.signIns} target="_blank" rel="noreferrer">
                Sign-in logs
              </a>{' '}
              ·{' '}
              <a href={links.audit} target="_blank" rel="noreferrer">
                Audit logs
              </a>
            </li>
          );
        })}
      </ul>
      {data && !data.records.length && (
        <p class="muted">No attempts recorded{filter.user || filter.outcome ? ' for this filter' : ''}.</p>
      )}
    </section>
  );
}
