/**
 * Guided mode: a one-time Temporary Access Pass, Microsoft's own sign-in and Security info pages driven
 * by content scripts in a window the job opens, completion confirmed through Graph, the pass deleted.
 * The pass lives in chrome.storage.session only while the sign-in needs it, and goes only to the
 * content script of the job's tab on the Microsoft login host.
 */
import { AppError, type AppErrorData } from '../../shared/errors';
import { t } from '../../shared/i18n';
import { passkeyName } from '../../shared/passkey-name';
import { shortestTapLifetime } from '../../shared/policy';
import type { GuidedContext, GuidedControl, GuidedStepId, Job, JobStep } from '../../shared/protocol';
import { userContext } from '../directory/users';
import { graph, Trace } from '../graph/client';
import { loadSettings } from '../settings-store';
import { advance, finishSteps, getJob, updateJob } from './store';
import { findNewPasskey } from './automatic';
import { isActive, type Expect } from './phases';
import { clearMicrosoftWebSession, endUserSession } from './user-session';
import { armWatchdog, clearWatchdog } from './watchdog';
import { applyPageLanguage } from './page-language';
import { keyPrompt } from './outcome';

export const SECRET_KEY = 'job.secret';
export const LOGIN_HOSTS = ['login.microsoftonline.com', 'login.microsoft.com'];
export const MYSIGNINS_HOST = 'mysignins.microsoft.com';
export const SECURITY_INFO_URL = `https://${MYSIGNINS_HOST}/security-info`;
/**
 * Entra may not accept a brand-new pass for a few seconds: the sign-in opens at once, and when the page refuses the
 * pass as not yet valid the driver asks for another try, after a short backoff that doubles each time.
 */
const SIGNIN_BACKOFF_MS = 750;
/** A one-time pass must be used for registration within 10 minutes of sign-in; a little slack for the sign-in itself. */
const JOB_BUDGET_MIN = 14;
const MAX_TAP_DELIVERIES = 3;
const MAX_SIGNIN_ATTEMPTS = 4;

const ORDER: GuidedStepId[] = ['check', 'tap', 'signin', 'add', 'key', 'name', 'verify', 'cleanup'];

export function guidedSteps(user: string): JobStep[] {
  const labels: Record<GuidedStepId, string> = {
    check: t('jobStepCheck'),
    tap: t('jobStepTap'),
    signin: t('jobStepSignIn', user),
    add: t('jobStepAdd'),
    key: t('jobStepKey'),
    name: t('jobStepName'),
    verify: t('jobStepVerify'),
    cleanup: t('jobStepCleanup', user),
  };
  return ORDER.map((id) => ({ id, label: labels[id], state: 'pending' }));
}

interface Secret {
  jobId: string;
  tap: string;
}

/** Phases in which the guided window is in the admin's hands (content scripts report, the admin acts). */
const IN_WINDOW: Expect = ['signing-in', 'security-info', 'waiting-for-key', 'verifying'];

/** A guarded change of the guided part (and other fields) of `jobId`; null when the job moved on. */
function saveGuided(
  jobId: string,
  expect: Expect,
  patch: Partial<NonNullable<Job['guided']>>,
  extra: (j: Job) => Partial<Job> = () => ({}),
): Promise<Job | null> {
  return updateJob(jobId, expect, (j) => ({ ...j, ...extra(j), guided: { ...j.guided!, ...patch } }));
}

const dropSecret = async (jobId: string) => {
  const s = (await chrome.storage.session.get(SECRET_KEY))[SECRET_KEY] as Secret | undefined;
  if (s?.jobId === jobId) await chrome.storage.session.remove(SECRET_KEY);
};

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
  const id = job.id;
  const stale = async () => (await getJob()) ?? job;
  try {
    await armWatchdog(id); // before anything exists that must be undone
    const {
      context: { detail, tapPolicy },
    } = await userContext(job.user.id, trace);
    const user = detail.user;
    job = { ...job, user };
    if (!detail.readiness.modes.guided.available)
      throw new AppError({
        code: 'not-ready',
        message: t('jobGuidedNotReady', user.displayName),
        reason: detail.readiness.modes.guided.reason,
        action: detail.readiness.modes.automatic.available ? t('jobUseAutomatic') : t('jobFixBlocking'),
      });
    const { settings } = await loadSettings();
    const name = passkeyName(settings.passkeyNameTemplate, {
      model: null,
      upn: user.userPrincipalName,
      name: user.displayName,
    });
    const incognito = await chrome.extension.isAllowedIncognitoAccess();
    // Durable before the POST: whose passes to list if its answer is lost, and the passkeys the user had.
    const posting = await updateJob(id, ['preparing'], (j) => ({
      ...j,
      user,
      inflight: 'tap-post',
      requestIds: [...trace.requestIds],
      steps: advance(guidedSteps(user.displayName), 'tap'),
      handles: { ...j.handles, before: detail.passkeys.map((p) => p.id), tapPosted: true },
      guided: {
        stage: 'tap',
        paused: false,
        manual: false,
        incognito,
        passkeyName: name,
        tapDeliveries: 0,
        signInAttempts: 1,
      },
    }));
    if (!posting) return stale();
    job = posting;

    // With the policy unreadable, no lifetime is sent: the policy's own default applies (Entra's minimum may be 60).
    const lifetime = tapPolicy ? shortestTapLifetime(tapPolicy) : undefined;
    const tap = await graph<{
      id: string;
      temporaryAccessPass?: string;
      lifetimeInMinutes?: number;
      startDateTime?: string;
    }>({
      method: 'POST',
      path: `/users/${encodeURIComponent(user.id)}/authentication/temporaryAccessPassMethods`,
      body: lifetime ? { isUsableOnce: true, lifetimeInMinutes: lifetime } : { isUsableOnce: true },
      operation: t('jobOpCreateTap', user.displayName),
      trace,
    });
    const minutes = lifetime ?? tap.lifetimeInMinutes ?? JOB_BUDGET_MIN;
    const deadline = Date.now() + Math.min(JOB_BUDGET_MIN, minutes) * 60_000;
    // The pass id and the session the window will hold, durable before the window opens.
    const created = await updateJob(id, ['preparing'], (j) => ({
      ...j,
      inflight: 'open-window',
      requestIds: [...trace.requestIds],
      steps: advance(j.steps, 'signin'),
      handles: {
        ...j.handles,
        tapId: tap.id,
        // Incognito too: other private windows may keep the private cookie store (and the user's session) alive.
        session: { upn: user.userPrincipalName, incognito },
      },
      guided: { ...j.guided!, tapId: tap.id, deadline },
    }));
    if (!created) {
      // Ended meanwhile (its clean-up may have listed the passes before this one existed): undo it here.
      await deleteTap({ ...job, handles: { ...job.handles, tapId: tap.id } }, trace);
      return stale();
    }
    job = created;
    if (job.cancelRequested) return abandon(job, null, 'cancelled');
    if (!tap.temporaryAccessPass)
      throw new AppError({
        code: 'tap-missing',
        message: t('jobTapMissing'),
        action: t('jobTryAgain'),
        requestId: trace.requestIds.at(-1),
      });
    await chrome.storage.session.set({ [SECRET_KEY]: { jobId: id, tap: tap.temporaryAccessPass } satisfies Secret });

    // A normal window shares the admin's Microsoft cookies: no Microsoft web session may be left, or Entra could
    // sign in silently as the admin (the extension's own tokens are not affected). Verified by reading them back.
    const cleared = incognito ? null : await clearMicrosoftWebSession();
    if (cleared && !cleared.confirmed)
      throw new AppError({
        code: 'session-not-cleared',
        message: t('jobSessionNotCleared'),
        reason: cleared.detail,
        action: t('jobSessionNotClearedAction'),
      });
    if (cleared?.adminMustSignInAgain) await saveGuided(id, ['preparing'], { adminSignedOut: true });
    const win = await chrome.windows.create({
      url: SECURITY_INFO_URL,
      incognito,
      focused: true,
      type: 'normal',
      width: 1000,
      height: 820,
    });
    await applyPageLanguage(win?.tabs?.[0]?.id); // English pages for this tab unless the admin chose their language
    const opened = await updateJob(id, ['preparing'], (j) => ({
      ...j,
      phase: 'signing-in',
      inflight: undefined,
      tabId: win?.tabs?.[0]?.id,
      windowId: win?.id,
      guided: { ...j.guided!, stage: 'signin' },
    }));
    if (!opened) {
      if (win?.id !== undefined) await chrome.windows.remove(win.id).catch(() => undefined);
      return stale();
    }
    if (opened.cancelRequested) return abandon(opened, null, 'cancelled');
    return opened;
  } catch (e) {
    const err = AppError.from(e);
    if (!err.requestId && trace.requestIds.length) err.requestId = trace.requestIds.at(-1);
    return abandon({ ...job, requestIds: [...job.requestIds, ...trace.requestIds] }, err.toJSON());
  }
}

/** The pass, for the driver on the TAP view: only the job's tab, only while signing in, a few times at most. */
export async function deliverTap(tabId: number, jobId: string): Promise<{ tap: string }> {
  const job = await getJob();
  const refuse = (message: string) => new AppError({ code: 'tap-refused', message });
  if (!job?.guided || job.id !== jobId || job.tabId !== tabId) throw refuse(t('jobTapRefusedNotJobTab'));
  if (job.phase !== 'signing-in' || job.guided.stage !== 'signin') throw refuse(t('jobTapRefusedSignInOver'));
  if (job.guided.tapDeliveries >= MAX_TAP_DELIVERIES) throw refuse(t('jobTapRefusedTooOften'));
  const secret = (await chrome.storage.session.get(SECRET_KEY))[SECRET_KEY] as Secret | undefined;
  if (!secret || secret.jobId !== job.id) throw refuse(t('jobTapRefusedNone'));
  const counted = await saveGuided(jobId, ['signing-in'], { tapDeliveries: job.guided.tapDeliveries + 1 });
  if (!counted) throw refuse(t('jobTapRefusedSignInOver'));
  return { tap: secret.tap };
}

export async function guidedHello(tabId: number): Promise<GuidedContext | null> {
  const job = await getJob();
  if (!job?.guided || job.mode !== 'guided' || job.tabId !== tabId || !isActive(job)) return null;
  if (job.phase === 'cleaning-up' || job.phase === 'preparing') return null;
  return contextOf(job);
}

/** A driver reached a step. Steps only move forward; reaching `verify` starts the Graph confirmation. */
export async function guidedProgress(tabId: number, jobId: string, step: GuidedStepId): Promise<GuidedContext | null> {
  const job = await getJob();
  if (!job?.guided || job.id !== jobId || job.tabId !== tabId || !isActive(job)) return null;
  if (ORDER.indexOf(step) <= ORDER.indexOf(job.guided.stage)) return contextOf(job);
  if (step === 'cleanup' || job.phase === 'verifying') return contextOf(job);
  if (ORDER.indexOf(step) > ORDER.indexOf('signin')) await dropSecret(jobId); // signed in: the pass is no longer needed here
  const phase = step === 'key' ? 'waiting-for-key' : step === 'verify' ? 'verifying' : 'security-info';
  const moved = await saveGuided(jobId, IN_WINDOW, { stage: step, manual: false }, (j) => ({
    phase,
    inflight: step === 'verify' ? 'verify' : undefined,
    steps: advance(j.steps, step),
    prompt: step === 'key' ? keyPrompt(j.user.displayName) : undefined,
  }));
  if (!moved) return null;
  const after = step === 'verify' ? await verify(moved) : moved;
  return isActive(after) && after.id === jobId ? contextOf(after) : null;
}

/** "Check again": the admin says the key is registered; Graph is asked once more. */
export async function checkAgain(jobId: string): Promise<Job> {
  const job = await getJob();
  if (!job?.guided || job.id !== jobId || !['security-info', 'waiting-for-key', 'signing-in'].includes(job.phase))
    throw new AppError({
      code: 'nothing-to-verify',
      message: t('jobNothingToVerify'),
      action: job?.phase === 'verifying' ? t('jobGraphAskedAlready') : undefined,
    });
  const verifying = await updateJob(jobId, ['security-info', 'waiting-for-key', 'signing-in'], (j) => ({
    ...j,
    phase: 'verifying',
    inflight: 'verify',
    steps: advance(j.steps, 'verify'),
    prompt: undefined,
  }));
  if (!verifying) throw new AppError({ code: 'nothing-to-verify', message: t('jobMovedOn') });
  return verify(verifying, 2);
}

/** Graph is the judge: a passkey that was not there before the job. Polls briefly (replication). */
export async function verify(job: Job, attempts = 8): Promise<Job> {
  const trace = new Trace();
  try {
    for (let i = 0; i < attempts; i++) {
      const passkey = await findNewPasskey(job, trace);
      if (passkey) {
        const found = await updateJob(job.id, ['verifying'], (j) => ({
          ...j,
          result: { passkey, modelName: passkey.model ?? undefined },
          requestIds: [...j.requestIds, ...trace.requestIds],
        }));
        return found ? finish(found) : ((await getJob()) ?? job);
      }
      const current = await getJob();
      if (current?.id !== job.id || current.phase !== 'verifying') return current ?? job; // ended meanwhile
      await new Promise((r) => setTimeout(r, 1500));
    }
    const manual = await updateJob(job.id, ['verifying'], (j) => ({
      ...j,
      phase: 'security-info',
      inflight: undefined,
      requestIds: [...j.requestIds, ...trace.requestIds],
      guided: { ...j.guided!, stage: 'name', manual: true },
      steps: advance(j.steps, 'verify').map((s) => (s.id === 'verify' ? { ...s, state: 'failed' } : s)),
      prompt: t('jobVerifyManual'),
    }));
    return manual ?? (await getJob()) ?? job;
  } catch (e) {
    return abandon(job, AppError.from(e).toJSON());
  }
}

/** Deletes the job's pass: by its id, or — when the POST's answer never came back — every pass the job may have made. */
async function deleteTap(job: Job, trace: Trace): Promise<AppErrorData | null> {
  const h = job.handles;
  if (!h?.tapPosted || h.tapDeleted) return null;
  const base = `/users/${encodeURIComponent(job.user.id)}/authentication/temporaryAccessPassMethods`;
  try {
    let ids = h.tapId ? [h.tapId] : [];
    if (!h.tapId) {
      const list = await graph<{ value: { id: string; createdDateTime?: string | null }[] }>({
        path: base,
        operation: t('jobOpListTaps', job.user.displayName),
        trace,
      });
      // A pass made before the job (minus clock skew) is the admin's, not ours.
      const since = job.startedAt - 5 * 60_000;
      ids = list.value.filter((t) => !t.createdDateTime || Date.parse(t.createdDateTime) >= since).map((t) => t.id);
    }
    for (const tapId of ids) {
      try {
        await graph({
          method: 'DELETE',
          path: `${base}/${encodeURIComponent(tapId)}`,
          operation: t('jobOpDeleteTap', job.user.displayName),
          trace,
        });
      } catch (e) {
        if (AppError.from(e).status !== 404) throw e; // already gone (used up, expired or deleted)
      }
    }
    return null;
  } catch (e) {
    const err = AppError.from(e);
    return {
      ...err.toJSON(),
      message: t('jobTapNotDeleted', err.message),
      action: `${t('jobTapNotDeletedAction')} ${err.action ?? ''}`.trim(),
    };
  }
}

/** The passkey is confirmed: clean up, then succeed. */
async function finish(job: Job): Promise<Job> {
  const cleaning = await updateJob(job.id, ['verifying'], (j) => ({
    ...j,
    phase: 'cleaning-up',
    inflight: 'cleanup',
    prompt: undefined,
    steps: advance(j.steps, 'cleanup'),
    guided: { ...j.guided!, stage: 'cleanup' },
  }));
  return cleaning ? settleGuided(cleaning) : ((await getJob()) ?? job);
}

/** Ends a guided job that cannot finish: the pass is deleted, the user signed out, the window closed, whatever happened. */
export async function abandon(
  job: Job,
  error: AppErrorData | null,
  phase: 'failed' | 'cancelled' = 'failed',
): Promise<Job> {
  const cleaning = await updateJob(job.id, 'active', (j) =>
    j.phase === 'cleaning-up'
      ? j
      : {
          ...j,
          user: j.user.userPrincipalName ? j.user : job.user,
          phase: 'cleaning-up',
          inflight: 'cleanup',
          prompt: undefined,
          requestIds: [...new Set([...j.requestIds, ...job.requestIds])],
          handles: { ...j.handles, ending: { phase, error: error ?? undefined } },
        },
  );
  if (!cleaning || cleaning.handles?.ending?.phase !== phase) return (await getJob()) ?? job; // someone else ends it
  return settleGuided(cleaning);
}

/**
 * The end of every guided job, from its handles alone (so the reconciler can run it for a worker that died):
 * Graph says whether the passkey is there, the pass is deleted, the user's session ended, the window closed, then
 * the outcome is written and the watchdog cleared — last. Safe to run again.
 */
export async function settleGuided(job: Job): Promise<Job> {
  const trace = new Trace();
  await dropSecret(job.id);
  const ending = job.handles?.ending;
  let passkey = job.result?.passkey ?? null;
  let unknown: AppErrorData | null = null;
  if (!passkey && job.handles?.before && ORDER.indexOf(job.guided?.stage ?? 'check') >= ORDER.indexOf('signin'))
    passkey = await findNewPasskey(job, trace).catch((e: unknown) => ((unknown = AppError.from(e).toJSON()), null));
  const tapError = await deleteTap(job, trace);
  let sessionNote: string | undefined;
  let signOut: NonNullable<Job['guided']>['signOut'];
  const session = job.handles?.session;
  if (session && !job.handles?.sessionEnded) {
    const r = await endUserSession({ ...session, tabId: job.tabId, windowId: job.windowId }).catch((e: unknown) => ({
      confirmed: false,
      adminMustSignInAgain: false,
      detail: (e as Error).message,
    }));
    signOut = r;
    if (!r.confirmed)
      sessionNote = r.detail
        ? t('jobSessionNote', job.user.displayName, r.detail)
        : t('jobSessionNoteUnconfirmed', job.user.displayName);
  }
  if (job.windowId !== undefined) await chrome.windows.remove(job.windowId).catch(() => undefined);
  const phase = passkey ? 'succeeded' : (ending?.phase ?? 'failed');
  const also = [tapError && `${tapError.message} ${tapError.action ?? ''}`.trim(), sessionNote].filter(Boolean);
  const base: AppErrorData | undefined = phase === 'succeeded' ? (tapError ?? undefined) : ending?.error;
  const error: AppErrorData | undefined =
    base && also.length && base !== tapError
      ? { ...base, action: `${base.action ?? ''} ${t('jobAlso', also.join(' '))}`.trim() }
      : (base ?? (also.length && phase !== 'cancelled' ? { code: 'cleanup', message: also.join(' ') } : undefined));
  const note =
    phase === 'succeeded'
      ? ending
        ? ending.phase === 'cancelled'
          ? t('jobAlreadyRegisteredCancelled')
          : t('jobAlreadyRegisteredStopped')
        : sessionNote
      : phase === 'cancelled'
        ? [unknown ? t('jobUnknownWhetherRegistered') : t('jobNothingRegistered'), ...also].join(' ')
        : undefined;
  const ended = await updateJob(
    job.id,
    ['cleaning-up'],
    (j) => ({
      ...j,
      phase,
      inflight: undefined,
      cancelRequested: undefined,
      prompt: undefined,
      error,
      note,
      result: passkey ? { passkey, modelName: passkey.model ?? undefined } : j.result,
      requestIds: [...new Set([...j.requestIds, ...trace.requestIds])],
      handles: { ...j.handles, tapDeleted: !tapError || undefined, sessionEnded: !!session && !sessionNote },
      guided: j.guided && { ...j.guided, tapDeleted: !tapError, signOut: signOut ?? j.guided.signOut },
      steps: finishSteps(j.steps, phase).map((s) => (s.id === 'cleanup' && tapError ? { ...s, state: 'failed' } : s)),
    }),
    null,
  );
  await clearWatchdog(job.id);
  return ended ?? (await getJob()) ?? job;
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
  const saved = await saveGuided(jobId, IN_WINDOW, patch);
  return saved ? contextOf(saved) : null;
}

/** The page refused the pass as not yet valid (a new pass may take seconds to work): start the sign-in again. */
export async function retrySignIn(tabId: number, jobId: string): Promise<boolean> {
  const job = await getJob();
  if (!job?.guided || job.id !== jobId || job.tabId !== tabId || job.guided.stage !== 'signin') return false;
  const attempts = job.guided.signInAttempts;
  if (attempts >= MAX_SIGNIN_ATTEMPTS) return false;
  const saved = await saveGuided(jobId, ['signing-in'], { signInAttempts: attempts + 1 });
  if (!saved) return false;
  // A short backoff that grows (0.75 s, 1.5 s, 3 s): Entra makes a new pass usable within seconds.
  await new Promise((r) => setTimeout(r, SIGNIN_BACKOFF_MS * 2 ** (attempts - 1)));
  const still = await getJob();
  if (still?.id !== jobId || still.phase !== 'signing-in') return false;
  await chrome.tabs.update(tabId, { url: SECURITY_INFO_URL });
  return true;
}

/** Window and tab events that end a guided job without any content script. */
export function watchGuidedTabs() {
  const closed = async (match: (job: Job) => boolean) => {
    const job = await getJob();
    if (!job?.guided || !match(job) || !isActive(job) || job.phase === 'cleaning-up') return;
    await abandon(
      { ...job, windowId: undefined, tabId: undefined },
      {
        code: 'window-closed',
        message: t('jobWindowClosed'),
        reason: t('jobWindowClosedReason'),
        action: t('jobClickProvisionAgain'),
      },
    );
  };
  chrome.windows.onRemoved.addListener((windowId) => void closed((job) => job.windowId === windowId));
  // The job's tab closed in a window that stays open (the admin closed just the tab): the same end.
  chrome.tabs.onRemoved.addListener(
    (tabId, info) => void (!info.isWindowClosing && closed((job) => job.tabId === tabId)),
  );
}

/** The watchdog: a guided job past its pass's time ends (the reconciler calls this on every alarm). */
export async function guidedOverdue(job: Job): Promise<Job | null> {
  if (!job.guided?.deadline || Date.now() < job.guided.deadline || !isActive(job) || job.phase === 'cleaning-up')
    return null;
  return abandon(job, {
    code: 'guided-timeout',
    message: t('jobGuidedTimeout'),
    reason: t('jobGuidedTimeoutReason'),
    action: t('jobGuidedTimeoutAction'),
  });
}
