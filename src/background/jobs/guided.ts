/**
 * Guided mode: a one-time Temporary Access Pass, Microsoft's own sign-in and Security info pages driven
 * by content scripts in a window the job opens, completion confirmed through Graph, the pass deleted.
 * The pass lives in chrome.storage.session only while the sign-in needs it, and goes only to the
 * content script of the job's tab on the Microsoft login host.
 */
import { CLOUDS } from '../../shared/clouds';
import { AppError, type AppErrorData } from '../../shared/errors';
import { passkeyName } from '../../shared/passkey-name';
import { shortestTapLifetime } from '../../shared/policy';
import type { GuidedContext, GuidedControl, GuidedStepId, Job, JobStep, Passkey } from '../../shared/protocol';
import { userContext } from '../directory/users';
import { graph, Trace } from '../graph/client';
import { loadSettings } from '../settings-store';
import { advance, finishSteps, getJob, putJob } from './store';
import { applyPageLanguage } from './page-language';

export const SECRET_KEY = 'job.secret';
export const LOGIN_HOSTS = ['login.microsoftonline.com', 'login.microsoft.com'];
export const MYSIGNINS_HOST = 'mysignins.microsoft.com';
export const SECURITY_INFO_URL = `https://${MYSIGNINS_HOST}/security-info`;
const WATCHDOG = 'guided-watchdog';
/** Entra may not accept a brand-new pass for a few seconds (reference: automation waits about 3 s). */
const TAP_PROPAGATION_MS = 3000;
/** A one-time pass must be used for registration within 10 minutes of sign-in; a little slack for the sign-in itself. */
const JOB_BUDGET_MIN = 14;
const MAX_TAP_DELIVERIES = 3;
const MAX_SIGNIN_ATTEMPTS = 3;

const ORDER: GuidedStepId[] = ['check', 'tap', 'signin', 'add', 'key', 'name', 'verify', 'cleanup'];

export function guidedSteps(user: string): JobStep[] {
  const labels: Record<GuidedStepId, string> = {
    check: 'Check the user and the tenant\u2019s policies',
    tap: 'Create a one-time Temporary Access Pass',
    signin: `Sign in as ${user} with the pass`,
    add: 'Open Security info and add a passkey',
    key: 'Create the passkey on the key',
    name: 'Name the passkey',
    verify: 'Confirm the new passkey with Microsoft Graph',
    cleanup: `Delete the pass and sign ${user} out`,
  };
  return ORDER.map((id) => ({ id, label: labels[id], state: 'pending' }));
}

interface Secret {
  jobId: string;
  tap: string;
}

const logoutUrl = async () =>
  `https://${CLOUDS[(await loadSettings()).settings.cloud].loginHost}/common/oauth2/v2.0/logout`;

async function saveGuided(
  job: Job,
  patch: Partial<NonNullable<Job['guided']>>,
  extra: Partial<Job> = {},
): Promise<Job> {
  return putJob({ ...job, ...extra, guided: { ...job.guided!, ...patch } });
}

export function contextOf(job: Job): GuidedContext {
  const g = job.guided!;
  return {
    jobId: job.id,
    user: { displayName: job.user.displayName, userPrincipalName: job.user.userPrincipalName },
    passkeyName: g.passkeyName,
    steps: job.steps,
    stage: g.stage,
    paused: g.paused,
    manual: g.manual,
    deadline: g.deadline,
  };
}

export async function startGuided(job: Job): Promise<Job> {
  const trace = new Trace();
  job = { ...job, steps: guidedSteps(job.user.displayName) };
  try {
    job = await putJob({ ...job, steps: advance(job.steps, 'check') });
    const {
      context: { detail, tapPolicy },
    } = await userContext(job.user.id, trace);
    job.user = detail.user;
    job.steps = guidedSteps(detail.user.displayName);
    if (!detail.readiness.modes.guided.available)
      throw new AppError({
        code: 'not-ready',
        message: `Guided mode cannot work for ${detail.user.displayName}.`,
        reason: detail.readiness.modes.guided.reason,
        action: detail.readiness.modes.automatic.available
          ? 'Use Automatic mode instead.'
          : 'Fix the blocking check first.',
      });
    const { settings } = await loadSettings();
    const name = passkeyName(settings.passkeyNameTemplate, {
      model: null,
      upn: detail.user.userPrincipalName,
      name: detail.user.displayName,
    });
    job = await putJob({ ...job, requestIds: [...trace.requestIds], steps: advance(job.steps, 'tap') });

    const lifetime = shortestTapLifetime(tapPolicy);
    const tap = await graph<{
      id: string;
      temporaryAccessPass?: string;
      lifetimeInMinutes?: number;
      startDateTime?: string;
    }>({
      method: 'POST',
      path: `/users/${encodeURIComponent(job.user.id)}/authentication/temporaryAccessPassMethods`,
      body: { isUsableOnce: true, lifetimeInMinutes: lifetime },
      operation: `create a Temporary Access Pass for ${job.user.displayName}`,
      trace,
    });
    if (!tap.temporaryAccessPass)
      throw new AppError({
        code: 'tap-missing',
        message: 'Microsoft Graph created a pass but did not return it.',
        action: 'Try again.',
        requestId: trace.requestIds.at(-1),
      });
    await chrome.storage.session.set({
      [SECRET_KEY]: { jobId: job.id, tap: tap.temporaryAccessPass } satisfies Secret,
    });
    const deadline = Date.now() + Math.min(JOB_BUDGET_MIN, lifetime) * 60_000;
    await chrome.alarms.create(WATCHDOG, { when: deadline });

    const incognito = await chrome.extension.isAllowedIncognitoAccess();
    job = await putJob({
      ...job,
      phase: 'signing-in',
      requestIds: [...trace.requestIds],
      steps: advance(job.steps, 'signin'),
      guided: {
        stage: 'signin',
        paused: false,
        manual: false,
        incognito,
        tapId: tap.id,
        deadline,
        before: detail.passkeys.map((p) => p.id),
        passkeyName: name,
        tapDeliveries: 0,
        signInAttempts: 1,
        logout: incognito ? undefined : 'before',
      },
    });
    await new Promise((r) => setTimeout(r, TAP_PROPAGATION_MS));
    // A normal window shares the admin's Microsoft cookies: sign everyone out of the web session first so
    // Entra cannot silently sign in as the admin (the extension's own tokens are not affected).
    const first = incognito ? SECURITY_INFO_URL : await logoutUrl();
    const win = await chrome.windows.create({
      url: first,
      incognito,
      focused: true,
      type: 'normal',
      width: 1000,
      height: 820,
    });
    const tabId = win?.tabs?.[0]?.id;
    await applyPageLanguage(tabId); // English pages for this tab unless the admin chose their language
    return await putJob({ ...job, tabId, windowId: win?.id });
  } catch (e) {
    const err = AppError.from(e);
    if (!err.requestId && trace.requestIds.length) err.requestId = trace.requestIds.at(-1);
    return abandon({ ...job, requestIds: [...job.requestIds, ...trace.requestIds] }, err.toJSON());
  }
}

/** The pass, for the driver on the TAP view: only the job's tab, only while signing in, a few times at most. */
export async function deliverTap(tabId: number, jobId: string): Promise<{ tap: string }> {
  const job = await getJob();
  const refuse = (why: string) =>
    new AppError({ code: 'tap-refused', message: `The pass was not handed out: ${why}.` });
  if (!job?.guided || job.id !== jobId || job.tabId !== tabId) throw refuse('not the job\u2019s tab');
  if (job.phase !== 'signing-in' || job.guided.stage !== 'signin') throw refuse('sign-in is over');
  if (job.guided.tapDeliveries >= MAX_TAP_DELIVERIES) throw refuse('it was already tried too often');
  const secret = (await chrome.storage.session.get(SECRET_KEY))[SECRET_KEY] as Secret | undefined;
  if (!secret || secret.jobId !== job.id) throw refuse('there is none');
  await saveGuided(job, { tapDeliveries: job.guided.tapDeliveries + 1 });
  return { tap: secret.tap };
}

export async function guidedHello(tabId: number): Promise<GuidedContext | null> {
  const job = await getJob();
  if (!job?.guided || job.mode !== 'guided' || job.tabId !== tabId || !isActive(job)) return null;
  if (job.guided.logout) return null; // the sign-out pages are driven by the service worker itself
  return contextOf(job);
}

const isActive = (job: Job) => !['succeeded', 'failed', 'cancelled'].includes(job.phase);

/** A driver reached a step. Steps only move forward; reaching `verify` starts the Graph confirmation. */
export async function guidedProgress(tabId: number, jobId: string, step: GuidedStepId): Promise<GuidedContext | null> {
  let job = await getJob();
  if (!job?.guided || job.id !== jobId || job.tabId !== tabId || !isActive(job)) return null;
  if (ORDER.indexOf(step) <= ORDER.indexOf(job.guided.stage)) return contextOf(job);
  if (ORDER.indexOf(step) > ORDER.indexOf('signin')) await chrome.storage.session.remove(SECRET_KEY); // signed in: the pass is no longer needed here
  const phase = step === 'key' ? 'waiting-for-key' : step === 'verify' ? 'verifying' : 'security-info';
  job = await saveGuided(
    job,
    { stage: step, manual: false },
    {
      phase,
      steps: advance(job.steps, step),
      prompt: step === 'key' ? `Insert the key for ${job.user.displayName} and touch it` : undefined,
    },
  );
  if (step === 'verify') job = await verify(job);
  return isActive(job) ? contextOf(job) : null;
}

/** Graph is the judge: a passkey that was not there before the job. Polls briefly (replication). */
export async function verify(job: Job, attempts = 8): Promise<Job> {
  const trace = new Trace();
  try {
    for (let i = 0; i < attempts; i++) {
      const list = await graph<{ value: Passkey[] }>({
        path: `/users/${encodeURIComponent(job.user.id)}/authentication/fido2Methods`,
        operation: `list ${job.user.displayName}\u2019s passkeys`,
        trace,
      });
      const fresh = list.value
        .filter((p) => !job.guided!.before.includes(p.id))
        .sort((a, b) => String(b.createdDateTime).localeCompare(String(a.createdDateTime)))[0];
      if (fresh) {
        const passkey: Passkey = {
          id: fresh.id,
          displayName: fresh.displayName,
          model: fresh.model ?? null,
          aaGuid: fresh.aaGuid ?? null,
          createdDateTime: fresh.createdDateTime ?? null,
          attestationLevel: fresh.attestationLevel ?? null,
          passkeyType: fresh.passkeyType ?? null,
        };
        job = await putJob({
          ...job,
          result: { passkey, modelName: passkey.model ?? undefined },
          requestIds: [...job.requestIds, ...trace.requestIds],
        });
        return finish(job);
      }
      await new Promise((r) => setTimeout(r, 1500));
    }
    return await putJob({
      ...job,
      phase: 'security-info',
      requestIds: [...job.requestIds, ...trace.requestIds],
      guided: { ...job.guided!, stage: 'name', manual: true },
      steps: advance(job.steps, 'verify').map((s) => (s.id === 'verify' ? { ...s, state: 'failed' } : s)),
      prompt:
        'Microsoft Graph does not list a new passkey yet. If the page shows an error, follow it; when the key is registered, click "Check again".',
    });
  } catch (e) {
    return abandon(job, AppError.from(e).toJSON());
  }
}

async function deleteTap(job: Job, trace: Trace): Promise<AppErrorData | null> {
  if (!job.guided?.tapId || job.guided.tapDeleted) return null;
  try {
    await graph({
      method: 'DELETE',
      path: `/users/${encodeURIComponent(job.user.id)}/authentication/temporaryAccessPassMethods/${encodeURIComponent(job.guided.tapId)}`,
      operation: `delete ${job.user.displayName}\u2019s Temporary Access Pass`,
      trace,
    });
    return null;
  } catch (e) {
    const err = AppError.from(e);
    if (err.status === 404) return null; // already gone (used up, expired or deleted)
    return {
      ...err.toJSON(),
      message: `The Temporary Access Pass could not be deleted: ${err.message}`,
      action:
        `Delete it in the Entra admin center (user → Authentication methods) or with "Revoke pass" in the extension. ${err.action ?? ''}`.trim(),
    };
  }
}

async function signOutAndClose(job: Job): Promise<void> {
  if (job.tabId === undefined && job.windowId === undefined) return;
  if (!job.guided?.incognito) {
    // Leave no session of the user behind in the shared cookie jar; the service worker closes the
    // window (or tab) once the sign-out page has loaded.
    const url = await logoutUrl();
    try {
      if (job.tabId === undefined) throw new Error('no tab');
      await chrome.tabs.update(job.tabId, { url });
      await putJob({ ...job, guided: { ...job.guided!, logout: 'after' } });
    } catch {
      const tab = await chrome.tabs.create({ url, active: false });
      await putJob({ ...job, tabId: tab.id, windowId: undefined, guided: { ...job.guided!, logout: 'after' } });
    }
    return;
  }
  if (job.windowId !== undefined) await chrome.windows.remove(job.windowId).catch(() => undefined);
}

async function finish(job: Job): Promise<Job> {
  const trace = new Trace();
  job = await putJob({
    ...job,
    phase: 'cleaning-up',
    prompt: undefined,
    steps: advance(job.steps, 'cleanup'),
    guided: { ...job.guided!, stage: 'cleanup' },
  });
  await chrome.storage.session.remove(SECRET_KEY);
  await chrome.alarms.clear(WATCHDOG);
  const tapError = await deleteTap(job, trace);
  job = await putJob({
    ...job,
    requestIds: [...job.requestIds, ...trace.requestIds],
    guided: { ...job.guided!, tapDeleted: !tapError },
  });
  await signOutAndClose(job);
  job = (await getJob()) ?? job;
  return putJob({
    ...job,
    phase: 'succeeded',
    error: tapError ?? undefined,
    steps: finishSteps(job.steps, 'succeeded').map((s) =>
      s.id === 'cleanup' && tapError ? { ...s, state: 'failed' } : s,
    ),
  });
}

/** Ends a guided job that cannot finish: the pass is deleted and the window closed, whatever happened. */
export async function abandon(
  job: Job,
  error: AppErrorData | null,
  phase: 'failed' | 'cancelled' = 'failed',
): Promise<Job> {
  const trace = new Trace();
  await chrome.storage.session.remove(SECRET_KEY);
  await chrome.alarms.clear(WATCHDOG);
  const tapError = await deleteTap(job, trace);
  if (job.guided) job = await putJob({ ...job, guided: { ...job.guided, tapDeleted: !tapError } });
  if (ORDER.indexOf(job.guided?.stage ?? 'check') >= ORDER.indexOf('signin')) await signOutAndClose(job);
  job = (await getJob()) ?? job;
  const err =
    error && tapError
      ? { ...error, action: `${error.action ?? ''} Also: ${tapError.message} ${tapError.action ?? ''}`.trim() }
      : (error ?? tapError ?? undefined);
  return putJob({
    ...job,
    phase,
    prompt: undefined,
    error: err,
    requestIds: [...job.requestIds, ...trace.requestIds],
    steps: finishSteps(job.steps, phase),
  });
}

export async function guidedFail(tabId: number, jobId: string, error: AppErrorData): Promise<void> {
  const job = await getJob();
  if (!job?.guided || job.id !== jobId || job.tabId !== tabId || !isActive(job)) return;
  await abandon(job, error);
}

export async function guidedControl(
  tabId: number | null,
  jobId: string,
  action: GuidedControl,
): Promise<GuidedContext | null> {
  const job = await getJob();
  if (!job?.guided || job.id !== jobId || (tabId !== null && job.tabId !== tabId) || !isActive(job)) return null;
  if (action === 'cancel') {
    await abandon(job, null, 'cancelled');
    return null;
  }
  const patch =
    action === 'pause'
      ? { paused: true }
      : action === 'resume'
        ? { paused: false }
        : action === 'manual'
          ? { manual: true }
          : { manual: false };
  return contextOf(await saveGuided(job, patch));
}

/** The password view instead of the pass view (a new pass may take seconds to work): start the sign-in again. */
export async function retrySignIn(tabId: number, jobId: string): Promise<boolean> {
  const job = await getJob();
  if (!job?.guided || job.id !== jobId || job.tabId !== tabId || job.guided.stage !== 'signin') return false;
  if (job.guided.signInAttempts >= MAX_SIGNIN_ATTEMPTS) return false;
  await saveGuided(job, { signInAttempts: job.guided.signInAttempts + 1 });
  await new Promise((r) => setTimeout(r, TAP_PROPAGATION_MS));
  await chrome.tabs.update(tabId, { url: SECURITY_INFO_URL });
  return true;
}

/** Tab and window events that move a guided job along without any content script. */
export function watchGuidedTabs() {
  chrome.tabs.onUpdated.addListener(async (tabId, info) => {
    if (info.status !== 'complete') return;
    const job = await getJob();
    if (!job?.guided || job.tabId !== tabId) return;
    if (job.guided.logout === 'before') {
      await saveGuided(job, { logout: undefined });
      await chrome.tabs.update(tabId, { url: SECURITY_INFO_URL });
    } else if (job.guided.logout === 'after') {
      await saveGuided(job, { logout: undefined });
      if (job.windowId !== undefined) await chrome.windows.remove(job.windowId).catch(() => undefined);
      else await chrome.tabs.remove(tabId).catch(() => undefined);
    }
  });
  chrome.windows.onRemoved.addListener(async (windowId) => {
    const job = await getJob();
    if (!job?.guided || job.windowId !== windowId || !isActive(job) || job.phase === 'cleaning-up') return;
    await abandon(
      { ...job, windowId: undefined, tabId: undefined },
      {
        code: 'window-closed',
        message: 'The Microsoft window was closed before the passkey was registered.',
        reason: 'The Temporary Access Pass was deleted.',
        action: 'Click "Provision passkey" to start again.',
      },
    );
  });
  chrome.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name !== WATCHDOG) return;
    const job = await getJob();
    if (!job?.guided || !isActive(job)) return;
    await abandon(job, {
      code: 'guided-timeout',
      message: 'The guided registration took too long and was stopped.',
      reason: 'A one-time Temporary Access Pass allows about 10 minutes for registration after sign-in.',
      action: 'Start again; have the key ready before clicking "Provision passkey".',
    });
  });
}
