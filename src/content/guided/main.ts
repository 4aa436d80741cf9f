/**
 * Guided mode content script (login hosts and My Sign-ins). Injected by the service worker only into the tab a
 * guided job opened, and acts only once the worker answers "hello" with the job context for that tab.
 * One driver per document, however often it is injected.
 */
import { t } from '../../shared/i18n';
import { send } from '../../shared/messaging';
import { oncePerDocument } from '../once';
import { GuidedDriver } from './driver';
import { decideLogin } from './login-page';
import { decideSecurityInfo } from './security-info-page';

async function start(): Promise<boolean> {
  const page = location.hostname === 'mysignins.microsoft.com' ? 'mysignins' : 'login';
  const ctx = await send('guided.hello', { page }).catch(() => null);
  if (!ctx) return false;
  // "Show pass" for the fully manual fallback: fetched from the service worker on request, shown briefly.
  const showPass = () => {
    send('guided.tap', { jobId: ctx.jobId }).then(
      ({ tap }) => {
        // In memory only: the pass is substituted here and shown, never sent or logged.
        driver.setNote(t('overlayPassNote', tap));
        setTimeout(() => driver.setNote(''), 30_000);
      },
      (e) => driver.setNote(String(e?.message ?? e)),
    );
  };
  const driver: GuidedDriver = new GuidedDriver(ctx, (c) =>
    page === 'mysignins' ? decideSecurityInfo(c) : decideLogin(c, showPass),
  );
  driver.start();
  return true;
}

void oncePerDocument('guided', start);
