import { useEffect, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { AppError, type AppErrorData } from '../shared/errors';
import type { AdminAccount, Job, Mode, UserDetail } from '../shared/protocol';
import { ErrorView } from './ErrorView';
import { useSessionValue } from './useSessionValue';

const MODE_LABEL: Record<Mode, string> = { automatic: 'Automatic', guided: 'Guided (Temporary Access Pass)' };
const MODE_HINT: Record<Mode, string> = {
  automatic: 'Microsoft Graph registers the key directly. Seconds per user; no sign-in as the user.',
  guided:
    'Signs in as the user with a one-time Temporary Access Pass and registers the key on Microsoft\u2019s Security info page.',
};
const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

export function Provision({ detail, onDone }: { detail: UserDetail; admin: AdminAccount; onDone: () => void }) {
  const { readiness, user } = detail;
  const job = useSessionValue<Job | null>('job.current', null);
  const [mode, setMode] = useState<Mode>(readiness.recommended ?? 'automatic');
  const [error, setError] = useState<AppErrorData | null>(null);
  const [starting, setStarting] = useState(false);
  const privateWindows = usePrivateWindowAccess();
  const myJob = job && job.user.id === user.id ? job : null;
  const otherJob = job && !FINISHED.has(job.phase) && job.user.id !== user.id ? job : null;
  const running = myJob && !FINISHED.has(myJob.phase);

  useEffect(() => {
    if (myJob?.phase === 'succeeded') onDone();
  }, [myJob?.phase]);

  const start = () => {
    setError(null);
    setStarting(true);
    send('job.start', { userId: user.id, mode, displayName: user.displayName }).then(
      () => setStarting(false),
      (e) => {
        setStarting(false);
        setError(AppError.from(e).toJSON());
      },
    );
  };

  return (
    <section aria-label="Provision">
      <fieldset>
        <legend>Mode</legend>
        {(['automatic', 'guided'] as Mode[]).map((m) => (
          <div key={m}>
            <label>
              <input
                type="radio"
                name="mode"
                value={m}
                checked={mode === m}
                disabled={!!running}
                onChange={() => setMode(m)}
              />{' '}
              {MODE_LABEL[m]}
              {readiness.recommended === m && <span class="ok"> (recommended)</span>}
            </label>
            <div class="muted" style="font-size:12px;margin-left:22px">
              {readiness.modes[m].available ? (
                MODE_HINT[m]
              ) : (
                <span class="error">Not available: {readiness.modes[m].reason}</span>
              )}
            </div>
            {m === 'guided' && readiness.modes.guided.available && privateWindows !== null && (
              <WindowModeHint allowed={privateWindows} />
            )}
          </div>
        ))}
      </fieldset>
      {otherJob && (
        <p class="note">A job for {otherJob.user.displayName} is still running; finish or cancel it first.</p>
      )}
      <div class="row">
        <button
          class="primary"
          disabled={!readiness.modes[mode].available || !!running || !!otherJob || starting}
          onClick={start}
        >
          Provision passkey
        </button>
        {myJob?.retryable && (
          <button
            class="primary"
            onClick={() => send('job.retry', { jobId: myJob.id }).catch((e) => setError(AppError.from(e).toJSON()))}
          >
            Retry registration
          </button>
        )}
      </div>
      {error && <ErrorView error={error} />}
      {myJob && <JobView job={myJob} />}
    </section>
  );
}

/** Whether guided jobs can use a private window (the admin allows the extension there). */
function usePrivateWindowAccess(): boolean | null {
  const [allowed, setAllowed] = useState<boolean | null>(null);
  useEffect(() => {
    chrome.extension.isAllowedIncognitoAccess().then(setAllowed, () => setAllowed(null));
  }, []);
  return allowed;
}

/** Which window a guided job will use, and how to get the private one (why it is better). */
function WindowModeHint({ allowed }: { allowed: boolean }) {
  if (allowed)
    return (
      <p class="muted" style="font-size:12px;margin-left:22px" aria-label="Guided window">
        Opens a private (InPrivate/Incognito) window: the user&rsquo;s sign-in stays apart from yours and ends when the
        window closes.
      </p>
    );
  return (
    <p class="muted" style="font-size:12px;margin-left:22px" aria-label="Guided window">
      Opens a normal window, which shares your Microsoft sign-in: you are signed out of Microsoft on the web first (so
      Microsoft cannot sign in as you), and the user is signed out afterwards. A private window keeps the two apart: on
      the extension&rsquo;s details page turn on &ldquo;Allow in Incognito&rdquo; (Edge: &ldquo;Allow in
      InPrivate&rdquo;).{' '}
      <button
        type="button"
        class="link"
        onClick={() => void chrome.tabs.create({ url: `chrome://extensions/?id=${chrome.runtime.id}` })}
      >
        Open the extension&rsquo;s details
      </button>
    </p>
  );
}

export function JobView({ job }: { job: Job }) {
  return (
    <div aria-label="Provisioning progress">
      <ol class="steps">
        {job.steps.map((s) => (
          <li key={s.id} data-state={s.state} aria-current={s.state === 'active' ? 'step' : undefined}>
            {s.label}
          </li>
        ))}
      </ol>
      {job.prompt && !FINISHED.has(job.phase) && (
        <p class="note" aria-live="polite">
          <strong>{job.prompt}</strong>
        </p>
      )}
      {job.phase === 'succeeded' && job.result && (
        <div role="status" class="status">
          Passkey registered for {job.user.displayName}: <strong>{job.result.passkey.displayName}</strong>
          {job.result.passkey.model && <> · {job.result.passkey.model}</>}
          {job.result.passkey.attestationLevel && (
            <> · {job.result.passkey.attestationLevel === 'attested' ? 'attested' : 'not attested'}</>
          )}
        </div>
      )}
      {job.phase === 'failed' && job.error && (
        <ErrorView error={job.error} title={`Provisioning for ${job.user.displayName} failed`} />
      )}
      {job.phase === 'succeeded' && job.note && <p class="note">{job.note}</p>}
      {job.phase === 'cancelled' && <p role="status">{['Cancelled.', job.note].filter(Boolean).join(' ')}</p>}
      {FINISHED.has(job.phase) && job.guided?.signOut && <SignOutNote guided={job.guided} />}
    </div>
  );
}

/** How the user's Microsoft web session ended, and whether the admin's own Microsoft tabs must sign in again. */
function SignOutNote({ guided }: { guided: NonNullable<Job['guided']> }) {
  const out = guided.signOut!;
  const admin = guided.adminSignedOut || out.adminMustSignInAgain;
  return (
    <p class={out.confirmed ? 'note' : 'note error'} aria-label="Microsoft sign-out">
      {out.detail}{' '}
      {guided.incognito
        ? 'Your Microsoft sessions in normal windows were not touched.'
        : admin
          ? 'Your own Microsoft web sessions in this browser were signed out too: Outlook, the Azure portal and other Microsoft tabs will ask you to sign in again (the extension stays signed in).'
          : 'Your own Microsoft web sessions in this browser were not touched.'}
    </p>
  );
}
