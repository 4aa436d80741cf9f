/** The audit trail in IndexedDB (through idb): durable across browser restarts, written as each attempt starts and ends. */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { matchesFilter, type HistoryFilter, type HistoryRecord } from '../../shared/history';
import { t } from '../../shared/i18n';

interface Schema extends DBSchema {
  attempts: { key: string; value: HistoryRecord; indexes: { time: number; user: string } };
}

let db: Promise<IDBPDatabase<Schema>> | null = null;
const open = () =>
  (db ??= openDB<Schema>('passkey-provisioner', 1, {
    upgrade(d) {
      const s = d.createObjectStore('attempts', { keyPath: 'id' });
      s.createIndex('time', 'time');
      s.createIndex('user', 'userId');
    },
  }));

export async function putRecord(r: HistoryRecord): Promise<void> {
  await (await open()).put('attempts', r);
}

export async function getRecord(id: string): Promise<HistoryRecord | undefined> {
  return (await open()).get('attempts', id);
}

/** Newest first. */
export async function listRecords(filter: HistoryFilter = {}, limit = 5000): Promise<HistoryRecord[]> {
  const d = await open();
  const out: HistoryRecord[] = [];
  let cursor = await d.transaction('attempts').store.index('time').openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    if (matchesFilter(cursor.value, filter)) out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

/** Attempts left "running" by a browser or worker that stopped are marked, not lost. */
export async function markInterrupted(activeJobId: string | null): Promise<number> {
  const d = await open();
  const tx = d.transaction('attempts', 'readwrite');
  let n = 0;
  for await (const c of tx.store) {
    if (c.value.outcome === 'running' && c.value.id !== activeJobId) {
      await c.update({
        ...c.value,
        outcome: 'interrupted',
        error: t('errAttemptInterrupted'),
      });
      n++;
    }
  }
  await tx.done;
  return n;
}
