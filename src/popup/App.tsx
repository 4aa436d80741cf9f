import { useEffect, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { AppError, type AppErrorData } from '../shared/errors';
import type { AuthState, UserSummary } from '../shared/protocol';
import { ErrorView } from './ErrorView';
import { UserSearch } from './UserSearch';
import { UserDetailView } from './UserDetailView';
import { useSessionValue } from './useSessionValue';
import { HistoryView, QueueView } from './Station';
import { JobBanner } from './JobBanner';
import { t, type MessageKey } from '../shared/i18n';

type View = 'users' | 'queue' | 'history';
const VIEW_LABEL: Record<View, MessageKey> = { users: 'popupUsers', queue: 'popupQueue', history: 'popupHistory' };

export function App() {
  const stored = useSessionValue<AuthState | null>('auth.state', null);
  const [auth, setAuth] = useState<AuthState | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [selected, setSelected] = useState<UserSummary | null>(null);
  const [view, setView] = useState<View>('users');

  useEffect(() => {
    send('auth.state', null).then(setAuth, (e) => setError(AppError.from(e).toJSON()));
  }, []);
  // The service worker writes sign-in progress to session storage: follow it (the popup may have been closed meanwhile).
  useEffect(() => {
    if (stored && auth?.status !== 'unconfigured') setAuth(stored);
  }, [stored]);

  const act = (type: 'auth.signIn' | 'auth.signOut') => {
    setError(null);
    if (type === 'auth.signIn') setAuth({ status: 'signing-in' });
    send(type, null).then(setAuth, (e) => setError(AppError.from(e).toJSON()));
    if (type === 'auth.signOut') setSelected(null);
  };

  return (
    <>
      <header class="row spread">
        <h1>{t('extShortName')}</h1>
        <div class="row">
          {auth?.status === 'signed-in' && (
            <>
              <span class="muted" title={auth.account.name} data-testid="admin-upn">
                {auth.account.upn}
              </span>
              <button onClick={() => act('auth.signOut')}>{t('popupSignOut')}</button>
            </>
          )}
          {(auth?.status === 'signed-out' || auth?.status === 'signing-in') && (
            <button class="primary" disabled={auth.status === 'signing-in'} onClick={() => act('auth.signIn')}>
              {auth.status === 'signing-in' ? t('popupSigningIn') : t('popupSignIn')}
            </button>
          )}
          <button class="link" onClick={() => chrome.runtime.openOptionsPage()}>
            {t('popupSettings')}
          </button>
        </div>
      </header>
      <JobBanner />
      <main>
        {error && <ErrorView error={error} />}
        {auth === null && !error && <p class="muted">{t('popupLoading')}</p>}
        {auth?.status === 'unconfigured' && (
          <div class="note">
            <p>{t('popupUnconfigured')}</p>
            <button class="primary" onClick={() => chrome.runtime.openOptionsPage()}>
              {t('popupOpenSettings')}
            </button>
          </div>
        )}
        {auth?.status === 'signing-in' && <p role="status">{t('popupSigningInNote')}</p>}
        {auth?.status === 'signed-out' && (
          <>
            {auth.error && <ErrorView error={auth.error} />}
            {auth.error && (
              <button
                onClick={() => chrome.tabs.create({ url: chrome.runtime.getURL('src/options/index.html#check') })}
              >
                {t('popupCheckSetup')}
              </button>
            )}
            {!auth.error && <p>{t('popupSignInPrompt')}</p>}
          </>
        )}
        {auth?.status === 'signed-in' && (
          <>
            {auth.warning && (
              <div class="note" role="note">
                {auth.warning}
              </div>
            )}
            <nav class="row" aria-label={t('popupSections')} style="margin-bottom:8px">
              {(['users', 'queue', 'history'] as View[]).map((v) => (
                <button
                  key={v}
                  aria-current={view === v ? 'page' : undefined}
                  class={view === v ? 'primary' : ''}
                  onClick={() => setView(v)}
                >
                  {t(VIEW_LABEL[v])}
                </button>
              ))}
            </nav>
            {view === 'users' && (
              <>
                <UserSearch selectedId={selected?.id} onSelect={setSelected} />
                {selected && <UserDetailView key={selected.id} user={selected} admin={auth.account} />}
              </>
            )}
            {view === 'queue' && <QueueView />}
            {view === 'history' && <HistoryView />}
          </>
        )}
      </main>
    </>
  );
}
