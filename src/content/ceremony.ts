/**
 * Automatic mode, on https://{rp.id}: creates the passkey with the connected key using the options the
 * service worker got from Graph, under an overlay. Injected by the service worker into the key tab only, and
 * still does nothing unless the worker says this tab belongs to a running job; from then on the tab is the key
 * tab, and the service worker may start the next user's ceremony here directly (no reload), so it stays ready
 * after each outcome.
 */
import { t } from '../shared/i18n';
import { send } from '../shared/messaging';
import type { AppErrorData } from '../shared/errors';
import { isTabPush, type CeremonyContext } from '../shared/protocol';
import { whenFocused } from './focus';
import { oncePerDocument } from './once';
import { Overlay } from './overlay';

let overlay: Overlay | undefined;
let busy = false;
/** A refusal this soon after asking came before any prompt was shown. */
const IMMEDIATE_MS = 1500;
/** How long refusals for want of focus are asked again. */
const FOCUS_RETRY_MS = 5000;

async function ceremony(ctx: CeremonyContext) {
  busy = true;
  overlay ??= new Overlay();
  const view = {
    title: t('overlayCeremonyTitle'),
    user: `${ctx.userDisplayName} · ${ctx.userPrincipalName}`,
    cover: true,
  };
  overlay.show({ ...view, tone: 'key', message: ctx.prompt });
  let credential: unknown;
  let error: AppErrorData | undefined;
  try {
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(
      ctx.publicKey as PublicKeyCredentialCreationOptionsJSON,
    );
    let cred: PublicKeyCredential | null = null;
    let asked = 0;
    const first = Date.now();
    // Asked at once: the browser usually has the tab in front by now (the page's own idea of focus lags behind).
    for (let attempt = 0; ; attempt++) {
      try {
        if (attempt > 0)
          await whenFocused(() =>
            overlay!.show({ ...view, tone: 'key', message: `${ctx.prompt} ${t('overlayCeremonyFocus')}` }),
          );
        asked = Date.now();
        cred = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential | null;
        break;
      } catch (e) {
        // Refused at once for want of focus (a new tab's window takes it a moment after the page loads): nobody saw
        // a prompt, so wait for focus and ask again, for a few seconds. A cancel or time-out is never retried.
        const unfocused = e instanceof DOMException && e.name === 'NotAllowedError' && /focus/i.test(e.message);
        if (!unfocused || Date.now() - asked > IMMEDIATE_MS || Date.now() - first > FOCUS_RETRY_MS) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    if (!cred) throw new DOMException(t('overlayCeremonyNoCredential'), 'NotAllowedError');
    credential = cred.toJSON();
    overlay.show({ ...view, message: t('overlayCeremonyKeyAnswered') });
  } catch (e) {
    const name = e instanceof DOMException || e instanceof Error ? e.name : 'Error';
    error = { code: `webauthn:${name}`, message: e instanceof Error ? e.message : String(e) };
    overlay.show({
      ...view,
      tone: 'error',
      message: t('overlayCeremonyKeyFailed'),
    });
  }
  busy = false;
  const outcome = await send('ceremony.result', { jobId: ctx.jobId, credential, error }).catch(() => null);
  // A newer ceremony may already run here (a challenge retry): its overlay stays.
  if (outcome && !busy) {
    const title =
      outcome.tone === 'success'
        ? t('overlayCeremonyRegistered')
        : outcome.tone === 'error'
          ? t('overlayCeremonyNotRegistered')
          : view.title;
    overlay.show({ ...view, title, tone: outcome.tone === 'info' ? 'key' : outcome.tone, message: outcome.message });
  }
}

function listenForNextJobs() {
  chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    // Only this extension's service worker (not a page, not another tab's script) starts a ceremony.
    if (sender.id !== chrome.runtime.id || sender.tab || !isTabPush(message, 'ceremony.begin')) return false;
    sendResponse(!busy);
    if (!busy) void ceremony(message.payload);
    return false;
  });
}

void oncePerDocument('ceremony', async () => {
  const ctx = await send('ceremony.hello', { role: 'automatic' }).catch(() => null);
  if (!ctx) return false;
  listenForNextJobs();
  void ceremony(ctx);
  return true;
});
