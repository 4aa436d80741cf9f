/** Service worker entry: registers every listener synchronously, then feature modules add their handlers. */
import { listen, onPage } from './router';
import { t } from '../shared/i18n';
import { getAuthState, signIn, signOut } from './auth/session';
import { loadSettings, redirectUri, saveSettings } from './settings-store';
import { assertUserId, cancelSearch, searchUsers, userDetail } from './directory/users';
import { registerJobHandlers } from './jobs/jobs';
import { injectIntoJobTabs } from './jobs/inject';
import { registerStation } from './station/station';
import { sweepInterrupted, watchJobsForHistory } from './history/recorder';
import { watchForLostJobs } from './jobs/reconciler';
import { isWatchdog } from './jobs/watchdog';
import { deferUpdatesWhileJobsRun } from './jobs/updates';
import { runSetupCheck } from './setup/check';

listen();

onPage('auth.state', () => getAuthState());
onPage('auth.signIn', () => signIn());
onPage('auth.signOut', () => signOut());
onPage('settings.get', async () => ({ ...(await loadSettings()), redirectUri: redirectUri() }));
onPage('settings.save', async (input) => ({ ...(await saveSettings(input ?? {})), redirectUri: redirectUri() }));
onPage('users.search', async (p) => searchUsers(String(p.query ?? '').slice(0, 200), String(p.requestKey), p.nextLink));
onPage('users.cancel', async (p) => (cancelSearch(String(p.requestKey)), null));
onPage('users.detail', async (p) => userDetail(assertUserId(p.id)));
onPage('setup.check', () => runSetupCheck());
registerJobHandlers();
injectIntoJobTabs();
registerStation();
watchJobsForHistory();
deferUpdatesWhileJobsRun();

// A sign-in cannot outlive the worker that ran it: if we restarted mid-sign-in, say so instead of spinning.
chrome.storage.session.get('auth.state').then(async (s) => {
  if ((s['auth.state'] as { status?: string } | undefined)?.status === 'signing-in')
    await chrome.storage.session.set({
      'auth.state': {
        status: 'signed-out',
        error: {
          code: 'sign-in-interrupted',
          message: t('errSignInInterrupted'),
          action: t('errSignInInterruptedAction'),
        },
      },
    });
});
void sweepInterrupted();
// Jobs whose worker died (or whose browser restarted) are ended with the truth; the queue is settled after them.
watchForLostJobs(isWatchdog);
