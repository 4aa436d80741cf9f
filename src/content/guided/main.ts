/**
 * Guided mode content script (login hosts and My Sign-ins). Acts only in the tab a guided job opened:
 * the service worker answers "hello" with the job context for that tab and nothing for any other.
 */
import { send } from '../../shared/messaging';
import { GuidedDriver } from './driver';
import { decideLogin } from './login-page';
import { decideSecurityInfo } from './security-info-page';

async function main() {
  const page = location.hostname === 'mysignins.microsoft.com' ? 'mysignins' : 'login';
  const ctx = await send('guided.hello', { page }).catch(() => null);
  if (!ctx) return;
  // "Show pass" for the fully manual fallback: fetched from the service worker on request, shown briefly.
  const showPass = () => {
    send('guided.tap', { jobId: ctx.jobId }).then(
      ({ tap }) => {
        driver.setNote(`Temporary Access Pass: ${tap} (hidden again in 30 seconds)`);
        setTimeout(() => driver.setNote(''), 30_000);
      },
      (e) => driver.setNote(String(e?.message ?? e)),
    );
  };
  const driver: GuidedDriver = new GuidedDriver(ctx, (c) =>
    page === 'mysignins' ? decideSecurityInfo(c) : decideLogin(c, showPass),
  );
  driver.start();
}

void main();
