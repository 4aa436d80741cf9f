import { useEffect, useState } from 'preact/hooks';
import Papa from 'papaparse';
import { send } from '../shared/messaging';
import { AppError, type AppErrorData } from '../shared/errors';
import { entraLogLinks, historyRows, type HistoryFilter, type HistoryRecord, type Outcome } from '../shared/history';
import { progress, type ItemStatus, type QueueState } from '../shared/queue';
import type { Mode } from '../shared/protocol';
import { ErrorView } from './ErrorView';
import { formatDateTime } from './format';
import { t, tn, type MessageKey } from '../shared/i18n';

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
    ? t('popupEtaEstimating')
    : ms < 60_000
      ? t('popupEtaSeconds', Math.max(1, Math.round(ms / 1000)))
      : t('popupEtaMinutes', Math.round(ms / 60_000));

/** A queued user's status and an attempt's outcome, in the words of the list and the filter. */
const STATUS: Record<ItemStatus | Outcome, MessageKey> = {
  pending: 'popupStatusPending',
  running: 'popupStatusRunning',
  succeeded: 'popupStatusSucceeded',
  failed: 'popupStatusFailed',
  cancelled: 'popupStatusCancelled',
  skipped: 'popupStatusSkipped',
  interrupted: 'popupStatusInterrupted',
};
const MODE_WORD: Record<Mode, MessageKey> = {
  automatic: 'popupHistoryModeAutomatic',
  guided: 'popupHistoryModeGuided',
};

/** The provisioning station: a queue of users run one at a time, with key-swap prompts. */
export function QueueView() {
  const [q, setQ] = useQueue();
  const [mode, setMode] = useState<Mode>('automatic');
  const [error, setError] = useState<AppErrorData | null>(null);
  const [importReport, setImportReport] = useState<string[] | null>(null);
  const call = (p: Promise<QueueState>) => p.then(setQ, (e) => setError(AppError.from(e).toJSON()));
  if (!q) return <p class="muted">{t('popupLoading')}</p>;
  const p = progress(q);
  const onFile = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    setError(null);
    try {
      const r = await send('queue.importCsv', { text: await file.text() });
      setQ(r.queue);
      setImportReport([
        r.duplicates ? tn('popupImportAddedDuplicates', r.added, r.duplicates) : tn('popupImportAdded', r.added),
        ...r.errors.map((x) => t('popupImportLine', x.line, x.message)),
      ]);
    } catch (err) {
      setError(AppError.from(err).toJSON());
    }
    (e.target as HTMLInputElement).value = '';
  };
  return (
    <section aria-label={t('popupQueue')}>
      <div class="row">
        <label for="csv">{t('popupImportCsv')}</label>
        <input id="csv" type="file" accept=".csv,text/csv" onChange={onFile} />
      </div>
      {importReport && (
        <ul aria-label={t('popupImportReport')} class="muted">
          {importReport.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
      {error && <ErrorView error={error} />}
      <div class="row" style="margin:8px 0">
        <label>
          <input type="radio" name="queue-mode" checked={mode === 'automatic'} onChange={() => setMode('automatic')} />{' '}
          {t('popupModeAutomatic')}
        </label>
        <label>
          <input type="radio" name="queue-mode" checked={mode === 'guided'} onChange={() => setMode('guided')} />{' '}
          {t('popupModeGuidedTap')}
        </label>
      </div>
      <div
        role="progressbar"
        aria-label={t('popupQueueProgress')}
        aria-valuemin={0}
        aria-valuemax={p.total}
        aria-valuenow={p.done}
        style="margin:6px 0"
      >
        <progress max={p.total || 1} value={p.done} style="width:100%" aria-hidden="true" />
        <div class="muted">
          {t('popupQueueCounts', p.done, p.total, p.succeeded, p.failed, p.skipped)}
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
            {t('popupStart')}
          </button>
        )}
        {q.status === 'running' && <button onClick={() => call(send('queue.pause', null))}>{t('popupPause')}</button>}
        {q.status === 'paused' && (
          <button class="primary" onClick={() => call(send('queue.resume', null))}>
            {t('popupResume')}
          </button>
        )}
        <button
          disabled={q.status !== 'running' && q.status !== 'paused'}
          onClick={() => call(send('queue.skip', null))}
        >
          {t('popupSkip')}
        </button>
        {q.awaitingKeyFor && (
          <button class="primary" onClick={() => call(send('queue.keyReady', null))}>
            {t('popupNewKeyIsIn')}
          </button>
        )}
        <button disabled={!p.failed} onClick={() => call(send('queue.retryFailed', null))}>
          {t('popupRetryFailed')}
        </button>
        <button disabled={q.status === 'running'} onClick={() => call(send('queue.clear', null))}>
          {t('popupClear')}
        </button>
      </div>
      <ol aria-label={t('popupQueuedUsers')} class="steps">
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
              {i.userPrincipalName} · {t(STATUS[i.status])}
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
    <section aria-label={t('popupHistory')}>
      <div class="row">
        <input
          type="search"
          aria-label={t('popupFilterHistoryByUser')}
          placeholder={t('popupUser')}
          onInput={(e) => setFilter({ ...filter, user: (e.target as HTMLInputElement).value })}
        />
        <select
          aria-label={t('popupOutcome')}
          onChange={(e) => setFilter({ ...filter, outcome: (e.target as HTMLSelectElement).value as Outcome | '' })}
        >
          <option value="">{t('popupAllOutcomes')}</option>
          {(['succeeded', 'failed', 'cancelled', 'skipped', 'interrupted', 'running'] as Outcome[]).map((o) => (
            <option key={o} value={o}>
              {t(STATUS[o])}
            </option>
          ))}
        </select>
      </div>
      <div class="row" style="margin-top:4px">
        <label>
          {t('popupFrom')}{' '}
          <input
            type="date"
            aria-label={t('popupFromDate')}
            onChange={(e) => setFilter({ ...filter, from: date((e.target as HTMLInputElement).value) })}
          />
        </label>
        <label>
          {t('popupTo')}{' '}
          <input
            type="date"
            aria-label={t('popupToDate')}
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
          {t('popupExportCsv')}
        </button>
        <button
          disabled={!data?.records.length}
          onClick={() =>
            download(`passkey-history-${stamp}.json`, 'application/json', JSON.stringify(data!.records, null, 2))
          }
        >
          {t('popupExportJson')}
        </button>
      </div>
      <ul aria-label={t('popupAttempts')} class="checks">
        {data?.records.map((r) => {
          const links = entraLogLinks(data.adminCenter, r.userId);
          return (
            <li key={r.id} style="display:block;border-bottom:1px solid var(--line);padding:4px 0">
              <strong>{r.userDisplayName || t('popupUserNotResolved')}</strong>{' '}
              <span class="muted">{r.userPrincipalName || r.userId}</span> · {t(MODE_WORD[r.mode])} ·{' '}
              <span class={r.outcome === 'succeeded' ? 'ok' : r.outcome === 'failed' ? 'error' : 'muted'}>
                {t(STATUS[r.outcome])}
              </span>
              <div class="muted">
                {t('popupAttemptBy', formatDateTime(r.time), r.admin)}
                {r.passkeyName ? ` · ${r.passkeyName}` : ''}
                {r.keyModel ? ` · ${r.keyModel}` : ''}
              </div>
              {r.error && <div class="error">{r.error}</div>}
              <a href={links.signIns} target="_blank" rel="noreferrer">
                {t('popupSignInLogs')}
              </a>{' '}
              ·{' '}
              <a href={links.audit} target="_blank" rel="noreferrer">
                {t('popupAuditLogs')}
              </a>
            </li>
          );
        })}
      </ul>
      {data && !data.records.length && (
        <p class="muted">{filter.user || filter.outcome ? t('popupNoAttemptsForFilter') : t('popupNoAttempts')}</p>
      )}
    </section>
  );
}
