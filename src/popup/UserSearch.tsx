import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { AppError, type AppErrorData } from '../shared/errors';
import type { UserSummary } from '../shared/protocol';
import { ErrorView } from './ErrorView';
import { t, tn } from '../shared/i18n';

const DEBOUNCE_MS = 250;

/** Server-side user search: debounced, the previous request cancelled, "load more" follows Graph's nextLink. */
export function UserSearch({ selectedId, onSelect }: { selectedId?: string; onSelect: (u: UserSummary) => void }) {
  const [query, setQuery] = useState('');
  const [users, setUsers] = useState<UserSummary[]>([]);
  const [nextLink, setNextLink] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const current = useRef<string | null>(null);

  const run = (q: string, more?: string) => {
    if (current.current) void send('users.cancel', { requestKey: current.current }).catch(() => undefined);
    const key = crypto.randomUUID();
    current.current = key;
    setBusy(true);
    setError(null);
    send('users.search', { query: q, nextLink: more, requestKey: key }).then(
      (page) => {
        if (current.current !== key) return; // a newer search superseded this one
        setUsers((prev) => (more ? [...prev, ...page.users] : page.users));
        setNextLink(page.nextLink);
        setBusy(false);
        current.current = null;
      },
      (e) => {
        if (current.current !== key) return;
        const err = AppError.from(e);
        if (err.code !== 'aborted') setError(err.toJSON());
        setBusy(false);
        current.current = null;
      },
    );
  };

  useEffect(() => {
    if (!query.trim()) {
      setUsers([]);
      setNextLink(undefined);
      return;
    }
    const timer = setTimeout(() => run(query), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  return (
    <section aria-label={t('popupUsers')}>
      <label for="user-search" class="visually-hidden">
        {t('popupSearchUsers')}
      </label>
      <input
        id="user-search"
        type="search"
        placeholder={t('popupSearchUsers')}
        value={query}
        autoFocus
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        aria-describedby="search-state"
      />
      <div id="search-state" class="muted" aria-live="polite">
        {busy
          ? t('popupSearching')
          : query.trim() && !error
            ? nextLink
              ? tn('popupUsersFoundMore', users.length)
              : tn('popupUsersFound', users.length)
            : ''}
      </div>
      {error && <ErrorView error={error} />}
      {users.length > 0 && (
        <ul class="results" aria-label={t('popupSearchResults')}>
          {users.map((u) => (
            <li key={u.id}>
              <button aria-current={u.id === selectedId} onClick={() => onSelect(u)}>
                {u.displayName}
                <span class="upn">{u.userPrincipalName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {nextLink && (
        <button disabled={busy} onClick={() => run(query, nextLink)}>
          {t('popupLoadMore')}
        </button>
      )}
    </section>
  );
}
