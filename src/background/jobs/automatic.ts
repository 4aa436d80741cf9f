/**
 * Automatic mode: Graph creationOptions → the key creates the credential in a tab on https://{rp.id}
 * (the only origin whose passkeys Entra accepts) → key-model check → POST fido2Methods.
 * Event-driven so the service worker may stop while the admin finds the key: each step persists the job.
 */
import { AppError, type AppErrorData } from '../../shared/errors';
import { t } from '../../shared/i18n';
import { evaluateKeyForUser } from '../../shared/policy';
import { passkeyName } from '../../shared/passkey-name';
import type { CeremonyContext, Job, JobStep, Passkey } from '../../shared/protocol';
import { takeShownContext, type UserContext } from '../directory/shown-context';
import { userContext } from '../directory/users';
import { batchValue, graph, Trace } from '../graph/client';
import { loadSettings } from '../settings-store';
import { modelName, parseAttestation, ZERO_AAGUID } from '../provisioning/attestation';
import {
  isRegistrationJSON,
  toCreationOptionsJSON,
  toPostBody,
  unwrapCreationOptions,
  type GraphCreationOptions,
  type RegistrationJSON,
} from '../provisioning/creation-options';
import { mapWebAuthnError } from '../provisioning/webauthn-errors';
import { beginInKeptTab, ceremonyUrl, keptKeyTab, keyTabGreeted, openKeyTab } from './ceremony-tab';
import { keyPrompt } from './outcome';
import type { Expect } from './phases';
import {
  advance,
  commitJob,
  finishSteps,
  getCeremony,
  getJob,
  getJobAndCeremony,
  nextJobWrite,
  updateJob,
  type Ceremony,
} from './store';

const CHALLENGE_MINUTES = 5;

/** The steps of an automatic job, in the admin's language (words are made when the job is). */
export const automaticSteps = (): JobStep[] => [
  { id: 'check', label: t('jobStepCheck'), state: 'pending' },
  { id: 'options', label: t('jobStepOptions'), state: 'pending' },
  { id: 'key', label: t('jobStepKey'), state: 'pending' },
  { id: 'model', label: t('jobStepModel'), state: 'pending' },
  { id: 'register', label: t('jobStepRegister'), state: 'pending' },
];

const optionsPath = (userId: string) =>
  `/users/${encodeURIComponent(userId)}/authentication/fido2Methods/creationOptions`;
const optionsOperation = (displayName: string) => t('jobOpGetOptions', displayName);

function readOptions(body: unknown, trace: Trace): GraphCreationOptions {
  try {
    return unwrapCreationOptions(body);
  } catch (e) {
    throw new AppError({
      code: 'creation-options-invalid',
      message: t('jobOptionsInvalid'),
      reason: (e as Error).message,
      action: t('jobRetryLaterReport'),
      requestId: trace.requestIds.at(-1),
    });
  }
}

async function fetchOptions(userId: string, trace: Trace, displayName: string): Promise<GraphCreationOptions> {
  return readOptions(
    await graph<unknown>({ path: optionsPath(userId), operation: optionsOperation(displayName), trace }),
    trace,
  );
}

/**
 * The user's readiness and fresh creation options. The readiness the detail view showed moments ago is used
 * as is; otherwise both come in one $batch (a queue has no detail view: one round trip per user, not two).
 */
async function checkAndGetOptions(
  job: Job,
  trace: Trace,
): Promise<{ context: UserContext; options: () => Promise<GraphCreationOptions> }> {
  const shown = takeShownContext(job.user.id);
  if (shown) return { context: shown, options: () => fetchOptions(job.user.id, trace, shown.detail.user.displayName) };
  const { context, extra } = await userContext(job.user.id, trace, [
    { id: 'creationOptions', method: 'GET', url: optionsPath(job.user.id) },
  ]);
  // A 405 on self or a policy refusal is explained by the readiness check first; read the options only after it.
  return {
    context,
    options: async () =>
      readOptions(batchValue(extra.get('creationOptions'), optionsOperation(context.detail.user.displayName)), trace),
  };
}

/**
 * Ends an automatic job (guarded: only `job.id` in a phase of `expect`); the ceremony goes with it. A stale flow
 * gets the current job back unchanged.
 */
export async function endAutomatic(
  job: Job,
  expect: Expect,
  phase: 'failed' | 'cancelled',
  error?: AppErrorData,
  note?: string,
): Promise<Job> {
  const ended = await updateJob(
    job.id,
    expect,
    (j) => ({
      ...j,
      user: job.user,
      phase,
      error,
      note,
      prompt: undefined,
      inflight: undefined,
      cancelRequested: undefined,
      retryable: undefined,
      requestIds: [...new Set([...j.requestIds, ...job.requestIds])],
      steps: finishSteps(j.steps, phase),
    }),
    null,
  );
  return ended ?? (await getJob()) ?? job;
}

export const failJob = (job: Job, error: AppErrorData, expect: Expect = 'active') =>
  endAutomatic(job, expect, 'failed', error);

/** Runs until the key is needed: the rest continues when the content script reports. */
export interface AutomaticOptions {
  /** Credential ids created earlier in a queue run (the key-reuse guard). */
  extraExclude?: string[];
}

export async function startAutomatic(job: Job, opts: AutomaticOptions = {}): Promise<Job> {
  const extraExclude = opts.extraExclude ?? [];
  const trace = new Trace();
  try {
    // The job was claimed with its first step active and `inflight: 'check'`: no write before Graph is asked.
    const { context, options: getOptions } = await checkAndGetOptions(job, trace);
    const { detail } = context;
    job.user = detail.user;
    if (!detail.readiness.modes.automatic.available)
      throw new AppError({
        code: 'not-ready',
        message: t('jobAutomaticNotReady', detail.user.displayName),
        reason: detail.readiness.modes.automatic.reason,
        action: detail.readiness.modes.guided.available ? t('jobUseGuided') : t('jobFixBlocking'),
      });
    // Bring the kept key tab forward while the options arrive.
    const kept = keptKeyTab();
    const options = await getOptions().catch(async (e: unknown) => {
      await kept;
      throw e;
    });
    const publicKey = toCreationOptionsJSON(options, extraExclude);
    const rpId = publicKey.rp.id;
    const expires = options.challengeTimeoutDateTime
      ? Date.parse(options.challengeTimeoutDateTime)
      : Date.now() + CHALLENGE_MINUTES * 60_000;
    const url = ceremonyUrl(rpId);
    const reuse = (await kept)?.rpId === rpId ? await kept : null;
    const tab = reuse ?? (await openKeyTab(rpId, url));
    const ceremony: Ceremony = {
      jobId: job.id,
      rpId,
      publicKey,
      challengeExpires: expires,
      policy: context.keyPolicy,
      retriedChallenge: false,
    };
    const user = job.user;
    // Decided before the push and issued with it: storage calls run in order, so the page's report reads this job.
    // Refused when the job was cancelled meanwhile: then nothing is pushed.
    const committed = await commitJob(
      job.id,
      ['preparing'],
      (j) => ({
        ...j,
        user,
        phase: 'waiting-for-key',
        inflight: undefined,
        tabId: tab.tabId,
        windowId: tab.windowId,
        prompt: keyPrompt(user.displayName, !!j.queue),
        requestIds: [...trace.requestIds],
        steps: advance(j.steps, 'key'),
        handles: { ...j.handles, before: detail.passkeys.map((p) => p.id) },
      }),
      ceremony,
    );
    if (!committed) return (await getJob()) ?? job;
    await Promise.all([committed.written, reuse && beginInKeptTab(reuse, url, contextFor(committed.job, publicKey))]);
    return committed.job;
  } catch (e) {
    const err = AppError.from(e);
    if (!err.requestId && trace.requestIds.length) err.requestId = trace.requestIds.at(-1);
    return failJob({ ...job, requestIds: [...job.requestIds, ...trace.requestIds] }, err.toJSON(), ['preparing']);
  }
}

/** For the content script in the job's tab: the options to pass to create(). */
export async function ceremonyContext(
  tabId: number,
  pageHost: string,
  documentId?: string,
): Promise<CeremonyContext | null> {
  let { job, ceremony: c } = await getJobAndCeremony();
  // A new key tab can greet before the job that opened it has recorded it (its write follows the tab's creation).
  if (job?.mode === 'automatic' && job.phase === 'preparing') {
    await nextJobWrite(5000);
    ({ job, ceremony: c } = await getJobAndCeremony());
  }
  if (!job || job.mode !== 'automatic' || job.tabId !== tabId || job.phase !== 'waiting-for-key') return null;
  if (!c || c.rpId !== pageHost) return null;
  await keyTabGreeted(tabId, documentId);
  return contextFor(job, c.publicKey);
}

const contextFor = (job: Job, publicKey: unknown): CeremonyContext => ({
  jobId: job.id,
  userDisplayName: job.user.displayName,
  userPrincipalName: job.user.userPrincipalName,
  publicKey,
  prompt: job.prompt ?? keyPrompt(job.user.displayName),
});

/** The content script's report: a credential to check and register, or the WebAuthn error. */
export async function ceremonyResult(
  tabId: number,
  jobId: string,
  credential: unknown,
  error: AppErrorData | undefined,
): Promise<Job | null> {
  const { job, ceremony: c } = await getJobAndCeremony();
  if (!job || job.id !== jobId || job.tabId !== tabId || job.phase !== 'waiting-for-key') return null;
  if (!c)
    return failJob(
      job,
      {
        code: 'ceremony-lost',
        message: t('jobCeremonyLost'),
        reason: t('jobNothingRegistered'),
        action: t('jobStartAgain'),
      },
      ['waiting-for-key'],
    );
  if (error || !isRegistrationJSON(credential)) {
    const mapped = error?.code?.startsWith('webauthn:')
      ? mapWebAuthnError(
          error.code.slice(9),
          error.reason ?? error.message,
          job.user.displayName,
          job.queue?.previousKeyOwner,
        )
      : (error ?? { code: 'bad-credential', message: t('jobBadCredential') });
    return failJob(job, mapped, ['waiting-for-key']);
  }
  return registerCredential(job, c, credential, ['waiting-for-key']);
}

/** Key-model check, then POST; kept separate so "Retry registration" can run it again after a network loss. */
export async function registerCredential(
  job: Job,
  c: Ceremony,
  credential: RegistrationJSON,
  expect: Expect,
): Promise<Job> {
  const trace = new Trace();
  const fail = (error: AppErrorData) => failJob(job, error, expect);
  let info;
  try {
    info = parseAttestation(credential.response.attestationObject);
  } catch (e) {
    return fail({
      code: 'attestation-unreadable',
      message: t('jobAttestationUnreadable'),
      reason: (e as Error).message,
      action: t('jobTryAnotherKey'),
    });
  }
  const refused = info.model
    ? t('jobModelRefused', info.model, job.user.displayName)
    : info.aaguid === ZERO_AAGUID
      ? t('jobModelWithheldRefused', job.user.displayName)
      : t('jobModelUnknownRefused', info.aaguid, job.user.displayName);
  const leftover = t('jobLeftoverPasskey');
  const verdict = evaluateKeyForUser(c.policy, info.aaguid, info.fmt, modelName);
  if (!verdict.allowed) {
    return fail(
      verdict.refusal === 'attestation'
        ? {
            code: 'attestation-withheld',
            message: t('jobAttestationWithheld'),
            reason: t('jobAttestationWithheldReason', String(verdict.why), info.fmt, info.aaguid),
            action: `${t('jobAttestationWithheldAction')} ${leftover}`,
          }
        : {
            code: 'key-model-refused',
            message: refused,
            reason: t('jobModelRefusedReason', String(verdict.why), info.aaguid),
            action: `${t('jobModelRefusedAction')} ${leftover}`,
          },
    );
  }
  // The credential id and the user's passkeys before it are durable before the POST leaves: if its answer is lost
  // (the worker stops, the network drops) Graph's list tells whether it landed. The settings read runs alongside.
  const [registering, { settings }] = await Promise.all([
    updateJob(job.id, expect, (j) => ({
      ...j,
      phase: 'registering',
      inflight: 'passkey-post',
      prompt: undefined,
      retryable: undefined,
      error: undefined,
      steps: advance(j.steps, 'register'),
      handles: { ...j.handles, credentialId: credential.id },
    })),
    loadSettings(),
  ]);
  if (!registering) return (await getJob()) ?? job;
  job = registering;
  const displayName = passkeyName(settings.passkeyNameTemplate, {
    model: info.model,
    upn: job.user.userPrincipalName,
    name: job.user.displayName,
  });
  try {
    const created = await graph<Passkey>({
      method: 'POST',
      path: `/users/${encodeURIComponent(job.user.id)}/authentication/fido2Methods`,
      body: toPostBody(displayName, credential),
      operation: t('jobOpRegister', job.user.displayName),
      trace,
    });
    return registered(job, passkeyOf(created, info), credential.id, trace);
  } catch (e) {
    const err = AppError.from(e);
    job = { ...job, requestIds: [...job.requestIds, ...trace.requestIds] };
    if (err.code === 'challenge-expired' && !c.retriedChallenge) return retryWithNewChallenge(job, c);
    if (err.status === 0) {
      // The answer was lost, not necessarily the request: ask Graph before saying anything or sending it again.
      const landed = await findNewPasskey(job, trace).catch(() => undefined);
      if (landed) return registered(job, landed, credential.id, trace);
      const current = await getJob();
      if (current?.id === job.id && current.cancelRequested)
        return endAutomatic(job, ['registering'], 'cancelled', undefined, t('jobNothingRegistered'));
      if (landed === null && Date.now() < c.challengeExpires) {
        // Graph says it did not land: keep the credential (this ceremony only) and offer to send it again.
        const failed = await updateJob(
          job.id,
          ['registering'],
          (j) => ({
            ...j,
            phase: 'failed',
            inflight: undefined,
            retryable: true,
            requestIds: job.requestIds,
            error: {
              ...err.toJSON(),
              reason: t('jobNotListed'),
              action: t('jobRetryRegistrationAction'),
            },
            steps: finishSteps(j.steps, 'failed'),
          }),
          { ...c, pendingCredential: credential },
        );
        return failed ?? (await getJob()) ?? job;
      }
      return failJob(
        job,
        {
          ...err.toJSON(),
          reason: landed === null ? t('jobNotListedExpired') : t('jobLandedUnknown'),
          action: t('jobOpenUserCheck'),
        },
        ['registering'],
      );
    }
    const data = err.toJSON();
    if (err.status && err.status >= 400 && err.status < 500) data.action = `${data.action ?? ''} ${leftover}`.trim();
    const current = await getJob();
    if (current?.id === job.id && current.cancelRequested)
      return endAutomatic(job, ['registering'], 'cancelled', undefined, t('jobNothingRegistered'));
    return failJob(job, data, ['registering']);
  }
}

function passkeyOf(p: Passkey, info?: { model: string | null; aaguid: string }): Passkey {
  return {
    id: p.id,
    displayName: p.displayName,
    model: p.model ?? info?.model ?? null,
    aaGuid: p.aaGuid ?? info?.aaguid ?? null,
    createdDateTime: p.createdDateTime ?? null,
    attestationLevel: p.attestationLevel ?? null,
    passkeyType: p.passkeyType ?? null,
  };
}

/** Graph recorded the passkey: the job succeeded, whatever Cancel said while the POST was in flight. */
export async function registered(job: Job, passkey: Passkey, credentialId: string, trace: Trace): Promise<Job> {
  const done = await updateJob(
    job.id,
    ['registering'],
    (j) => ({
      ...j,
      phase: 'succeeded',
      inflight: undefined,
      cancelRequested: undefined,
      result: { passkey, modelName: passkey.model ?? undefined, credentialId },
      note: j.cancelRequested ? t('jobCancelTooLate') : undefined,
      requestIds: [...new Set([...job.requestIds, ...trace.requestIds])],
      steps: finishSteps(j.steps, 'succeeded'),
    }),
    null,
  );
  return done ?? (await getJob()) ?? job;
}

/**
 * The passkey the job added, by Graph's list against the ids saved before the POST: the passkey, null when Graph
 * lists none new, or a thrown error when Graph cannot be asked.
 */
export async function findNewPasskey(job: Job, trace = new Trace()): Promise<Passkey | null> {
  const before = job.handles?.before;
  if (!before) return null;
  const list = await graph<{ value: Passkey[] }>({
    path: `/users/${encodeURIComponent(job.user.id)}/authentication/fido2Methods`,
    operation: t('jobOpListPasskeys', job.user.displayName),
    trace,
  });
  const fresh = list.value
    .filter((p) => !before.includes(p.id))
    .sort((a, b) => String(b.createdDateTime).localeCompare(String(a.createdDateTime)))[0];
  return fresh ? passkeyOf(fresh) : null;
}

async function retryWithNewChallenge(job: Job, c: Ceremony): Promise<Job> {
  const trace = new Trace();
  try {
    const options = await fetchOptions(job.user.id, trace, job.user.displayName);
    const publicKey = toCreationOptionsJSON(
      options,
      c.publicKey.excludeCredentials.map((e) => e.id),
    );
    const again = await updateJob(
      job.id,
      ['registering'],
      (j) => ({
        ...j,
        phase: 'waiting-for-key',
        inflight: undefined,
        prompt: t('jobPromptChallengeExpired', j.user.displayName),
        requestIds: [...job.requestIds, ...trace.requestIds],
        steps: advance(j.steps, 'key'),
      }),
      {
        ...c,
        publicKey,
        retriedChallenge: true,
        pendingCredential: undefined,
        challengeExpires: options.challengeTimeoutDateTime
          ? Date.parse(options.challengeTimeoutDateTime)
          : Date.now() + CHALLENGE_MINUTES * 60_000,
      },
    );
    if (!again) return (await getJob()) ?? job;
    if (again.cancelRequested)
      return endAutomatic(again, ['waiting-for-key'], 'cancelled', undefined, t('jobNothingRegistered'));
    if (again.tabId !== undefined) await chrome.tabs.reload(again.tabId);
    return again;
  } catch (e) {
    return failJob(job, AppError.from(e).toJSON(), ['registering']);
  }
}

export async function retryRegistration(jobId: string): Promise<Job> {
  const job = await getJob();
  const c = job && (await getCeremony(jobId));
  if (!job || job.id !== jobId || !job.retryable || !c?.pendingCredential)
    throw new AppError({ code: 'nothing-to-retry', message: t('jobNothingToRetry') });
  // Before sending it again: did the first POST land after all? (its answer may have been lost, not the request)
  const trace = new Trace();
  const landed = await findNewPasskey(job, trace).catch(() => null);
  if (landed) {
    const moved = await updateJob(jobId, ['failed'], (j) => ({ ...j, phase: 'registering', retryable: undefined }));
    if (moved) return registered(moved, landed, c.pendingCredential.id, trace);
  }
  if (Date.now() >= c.challengeExpires)
    throw new AppError({
      code: 'challenge-expired',
      message: t('jobChallengeExpired'),
      reason: t('jobNotListed'),
      action: t('jobStartAgainKeyAsked'),
    });
  return registerCredential(job, c, c.pendingCredential, ['failed']);
}
