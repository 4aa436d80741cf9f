/**
 * Automatic mode: Graph creationOptions → the key creates the credential in a tab on https://{rp.id}
 * (the only origin whose passkeys Entra accepts) → key-model check → POST fido2Methods.
 * Event-driven so the service worker may stop while the admin finds the key: each step persists the job.
 */
import { AppError, type AppErrorData } from '../../shared/errors';
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
import {
  advance,
  dropCeremony,
  finishSteps,
  getCeremony,
  getJob,
  getJobAndCeremony,
  putCeremony,
  putJob,
  putJobWithCeremony,
  type Ceremony,
} from './store';

const CHALLENGE_MINUTES = 5;

export const AUTOMATIC_STEPS: JobStep[] = [
  { id: 'check', label: 'Check the user and the tenant\u2019s policies', state: 'pending' },
  { id: 'options', label: 'Get registration options from Microsoft', state: 'pending' },
  { id: 'key', label: 'Create the passkey on the key', state: 'pending' },
  { id: 'model', label: 'Check the key model', state: 'pending' },
  { id: 'register', label: 'Register the passkey with Microsoft', state: 'pending' },
];

const optionsPath = (userId: string) =>
  `/users/${encodeURIComponent(userId)}/authentication/fido2Methods/creationOptions`;
const optionsOperation = (displayName: string) => `get passkey registration options for ${displayName}`;

function readOptions(body: unknown, trace: Trace): GraphCreationOptions {
  try {
    return unwrapCreationOptions(body);
  } catch (e) {
    throw new AppError({
      code: 'creation-options-invalid',
      message: 'Microsoft Graph returned registration options the extension does not understand.',
      reason: (e as Error).message,
      action: 'Retry later; if it persists, report it with the request ID.',
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

export async function failJob(job: Job, error: AppErrorData): Promise<Job> {
  const [, failed] = await Promise.all([
    dropCeremony(),
    putJob({ ...job, phase: 'failed', error, prompt: undefined, steps: finishSteps(job.steps, 'failed') }),
  ]);
  return failed;
}

/** Runs until the key is needed: the rest continues when the content script reports. */
export interface AutomaticOptions {
  /** Credential ids created earlier in a queue run (the key-reuse guard). */
  extraExclude?: string[];
}

export async function startAutomatic(job: Job, opts: AutomaticOptions = {}): Promise<Job> {
  const extraExclude = opts.extraExclude ?? [];
  const trace = new Trace();
  try {
    job = { ...job, steps: advance(job.steps, 'check') };
    // Written while Graph answers (storage calls keep their order, so later writes land after it).
    const [, { context, options: getOptions }] = await Promise.all([putJob(job), checkAndGetOptions(job, trace)]);
    const { detail } = context;
    job.user = detail.user;
    if (!detail.readiness.modes.automatic.available)
      throw new AppError({
        code: 'not-ready',
        message: `Automatic mode cannot work for ${detail.user.displayName}.`,
        reason: detail.readiness.modes.automatic.reason,
        action: detail.readiness.modes.guided.available ? 'Use Guided mode instead.' : 'Fix the blocking check first.',
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
    job = {
      ...job,
      phase: 'waiting-for-key',
      tabId: tab.tabId,
      windowId: tab.windowId,
      prompt: keyPrompt(job.user.displayName, !!job.queue),
      requestIds: [...trace.requestIds],
      steps: advance(job.steps, 'key'),
    };
    // The write is issued before the push: storage calls run in order, so the page's report (after create()) reads this job.
    const stored = putJobWithCeremony(job, ceremony);
    await Promise.all([stored, reuse && beginInKeptTab(reuse, url, contextFor(job, publicKey))]);
    return job;
  } catch (e) {
    const err = AppError.from(e);
    if (!err.requestId && trace.requestIds.length) err.requestId = trace.requestIds.at(-1);
    return failJob({ ...job, requestIds: [...job.requestIds, ...trace.requestIds] }, err.toJSON());
  }
}

/** For the content script in the job's tab: the options to pass to create(). */
export async function ceremonyContext(
  tabId: number,
  pageHost: string,
  documentId?: string,
): Promise<CeremonyContext | null> {
  const { job, ceremony: c } = await getJobAndCeremony();
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
    return failJob(job, {
      code: 'ceremony-lost',
      message: 'The registration data was lost (the browser may have restarted).',
      action: 'Start again.',
    });
  if (error || !isRegistrationJSON(credential)) {
    const mapped = error?.code?.startsWith('webauthn:')
      ? mapWebAuthnError(
          error.code.slice(9),
          error.reason ?? error.message,
          job.user.displayName,
          job.queue?.previousKeyOwner,
        )
      : (error ?? { code: 'bad-credential', message: 'The page returned no usable credential.' });
    return failJob(job, mapped);
  }
  return registerCredential(job, c, credential);
}

/** Key-model check, then POST; kept separate so "Retry registration" can run it again after a network loss. */
export async function registerCredential(job: Job, c: Ceremony, credential: RegistrationJSON): Promise<Job> {
  const trace = new Trace();
  // The model check takes no time: its step is shown only if it refuses the key.
  job = { ...job, phase: 'registering', prompt: undefined, steps: advance(job.steps, 'model') };
  let info;
  try {
    info = parseAttestation(credential.response.attestationObject);
  } catch (e) {
    return failJob(job, {
      code: 'attestation-unreadable',
      message: 'The key\u2019s answer could not be read.',
      reason: (e as Error).message,
      action: 'Try again with another key.',
    });
  }
  const modelLabel =
    info.model ??
    (info.aaguid === ZERO_AAGUID ? 'a key whose model was withheld' : `an unknown key model (AAGUID ${info.aaguid})`);
  const leftover =
    'The key now holds an unused passkey for login.microsoft.com that Microsoft does not know; it is harmless but takes a slot. Remove it with the key maker\u2019s tool (e.g. Yubico Authenticator) or reset the key.';
  const verdict = evaluateKeyForUser(c.policy, info.aaguid, info.fmt, modelName);
  if (!verdict.allowed) {
    return failJob(
      job,
      verdict.refusal === 'attestation'
        ? {
            code: 'attestation-withheld',
            message:
              'Not registered: the tenant enforces attestation, but the browser withheld the key\u2019s attestation.',
            reason: `${verdict.why}. Attestation format "${info.fmt}", AAGUID ${info.aaguid}.`,
            action: `Try again and choose "Allow" when the browser says login.microsoft.com is requesting extended information about your security key. ${leftover}`,
          }
        : {
            code: 'key-model-refused',
            message: `Not registered: the tenant does not allow ${modelLabel} for ${job.user.displayName}.`,
            reason: `${verdict.why}. AAGUID ${info.aaguid}.`,
            action: `Use a key model the user\u2019s passkey profile allows. ${leftover}`,
          },
    );
  }
  job = { ...job, steps: advance(job.steps, 'register') };
  const registering = putJob(job); // shown while the POST runs; awaited before any later write
  const { settings } = await loadSettings();
  const displayName = passkeyName(settings.passkeyNameTemplate, {
    model: info.model,
    upn: job.user.userPrincipalName,
    name: job.user.displayName,
  });
  try {
    const [created] = await Promise.all([
      graph<Passkey>({
        method: 'POST',
        path: `/users/${encodeURIComponent(job.user.id)}/authentication/fido2Methods`,
        body: toPostBody(displayName, credential),
        operation: `register the passkey for ${job.user.displayName}`,
        trace,
      }),
      registering,
    ]);
    const passkey: Passkey = {
      id: created.id,
      displayName: created.displayName,
      model: created.model ?? info.model,
      aaGuid: created.aaGuid ?? info.aaguid,
      createdDateTime: created.createdDateTime,
      attestationLevel: created.attestationLevel ?? null,
      passkeyType: created.passkeyType ?? null,
    };
    const [, done] = await Promise.all([
      dropCeremony(),
      putJob({
        ...job,
        phase: 'succeeded',
        result: { passkey, modelName: passkey.model ?? undefined, credentialId: credential.id },
        requestIds: [...job.requestIds, ...trace.requestIds],
        steps: finishSteps(job.steps, 'succeeded'),
      }),
    ]);
    return done;
  } catch (e) {
    await registering.catch(() => undefined);
    const err = AppError.from(e);
    job = { ...job, requestIds: [...job.requestIds, ...trace.requestIds] };
    if (err.code === 'challenge-expired' && !c.retriedChallenge) return retryWithNewChallenge(job, c);
    if (err.status === 0 && Date.now() < c.challengeExpires) {
      // Network loss after the key answered: keep the credential (this ceremony only) and offer to send it again.
      return putJobWithCeremony(
        {
          ...job,
          phase: 'failed',
          retryable: true,
          error: {
            ...err.toJSON(),
            action:
              'Check the network, then click "Retry registration" (the key need not be touched again) before the challenge expires.',
          },
          steps: finishSteps(job.steps, 'failed'),
        },
        { ...c, pendingCredential: credential },
      );
    }
    const data = err.toJSON();
    if (err.status && err.status >= 400 && err.status < 500) data.action = `${data.action ?? ''} ${leftover}`.trim();
    return failJob(job, data);
  }
}

async function retryWithNewChallenge(job: Job, c: Ceremony): Promise<Job> {
  const trace = new Trace();
  try {
    const options = await fetchOptions(job.user.id, trace, job.user.displayName);
    const publicKey = toCreationOptionsJSON(
      options,
      c.publicKey.excludeCredentials.map((e) => e.id),
    );
    await putCeremony({
      ...c,
      publicKey,
      retriedChallenge: true,
      pendingCredential: undefined,
      challengeExpires: options.challengeTimeoutDateTime
        ? Date.parse(options.challengeTimeoutDateTime)
        : Date.now() + CHALLENGE_MINUTES * 60_000,
    });
    job = await putJob({
      ...job,
      phase: 'waiting-for-key',
      prompt: `The challenge expired. ${keyPrompt(job.user.displayName)} again`,
      requestIds: [...job.requestIds, ...trace.requestIds],
      steps: advance(job.steps, 'key'),
    });
    if (job.tabId !== undefined) await chrome.tabs.reload(job.tabId);
    return job;
  } catch (e) {
    return failJob(job, AppError.from(e).toJSON());
  }
}

export async function retryRegistration(jobId: string): Promise<Job> {
  const job = await getJob();
  const c = job && (await getCeremony(jobId));
  if (!job || job.id !== jobId || !job.retryable || !c?.pendingCredential)
    throw new AppError({ code: 'nothing-to-retry', message: 'There is no registration waiting to be retried.' });
  if (Date.now() >= c.challengeExpires)
    return failJob(job, {
      code: 'challenge-expired',
      message: 'The registration challenge has expired.',
      action: 'Start again; the key will be asked once more.',
    });
  return registerCredential({ ...job, retryable: false, error: undefined }, c, c.pendingCredential);
}
