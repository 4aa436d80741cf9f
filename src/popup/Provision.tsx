import { useEffect, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { AppError, type AppErrorData } from '../shared/errors';
import type { AdminAccount, Job, Mode, UserDetail } from '../shared/protocol';
import { ErrorView } from './ErrorView';
import { useSessionValue } from './useSessionValue';
import { t, type MessageKey } from '../shared/i18n';
import { withPart } from './rich';

const MODE_LABEL: Record<Mode, MessageKey> = { automatic: 'popupModeAutomatic', guided: 'popupModeGuidedTap' };
const MODE_HINT: Record<Mode, MessageKey> = { automatic: 'popupModeHintAutomatic', guided: 'popupModeHintGuided' };
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
    <section aria-label={t('popupProvision')}>
      <fieldset>
        <legend>{t('popupMode')}</legend>
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
              {t(MODE_LABEL[m])}
              {readiness.recommended === m && <span class="ok"> {t('popupRecommended')}</span>}
            </label>
            <div class="muted" style="font-size:12px;margin-left:22px">
              {readiness.modes[m].available ? (
                t(MODE_HINT[m])
              ) : (
                <span class="error">{t('popupModeNotAvailable', readiness.modes[m].reason ?? '')}</span>
              )}
            </div>
            {m === 'guided' && readiness.modes.guided.available && privateWindows !== null && (
              <WindowModeHint allowed={privateWindows} />
            )}
          </div>
        ))}
      </fieldset>
      {otherJob && <p class="note">{t('popupOtherJobRunning', otherJob.user.displayName)}</p>}
      <div class="row">
        <button
          class="primary"
          disabled={!readiness.modes[mode].available || !!running || !!otherJob || starting}
          onClick={start}
        >
          {t('popupProvisionPasskey')}
        </button>
        {myJob?.retryable && (
          <button
            class="primary"
            onClick={() => send('job.retry', { jobId: myJob.id }).catch((e) => setError(AppError.from(e).toJSON()))}
          >
            {t('popupRetryRegistration')}
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
      <p class="muted" style="font-size:12px;margin-left:22px" aria-label={t('popupGuidedWindow')}>
        {t('popupGuidedWindowPrivate')}
      </p>
    );
  return (
    <p class="muted" style="font-size:12px;margin-left:22px" aria-label={t('popupGuidedWindow')}>
      {t('popupGuidedWindowNormal')}{' '}
      <button
        type="button"
        class="link"
        onClick={() => void chrome.tabs.create({ url: `chrome://extensions/?id=${chrome.runtime.id}` })}
      >
        {t('popupOpenExtensionDetails')}
      </button>
    </p>
  );
}

export function JobView({ job }: { job: Job }) {
  return (
    <div aria-label={t('popupProvisioningProgress')}>
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
          {withPart(
            (passkey) => t('popupPasskeyRegistered', job.user.displayName, passkey),
            <strong>{job.result.passkey.displayName}</strong>,
          )}
          {job.result.passkey.model && <> · {job.result.passkey.model}</>}
          {job.result.passkey.attestationLevel && (
            <> · {job.result.passkey.attestationLevel === 'attested' ? t('popupAttested') : t('popupNotAttested')}</>
          )}
        </div>
      )}
      {job.phase === 'failed' && job.error && (
        <ErrorView error={job.error} title={t('popupProvisioningFailed', job.user.displayName)} />
      )}
      {job.phase === 'succeeded' && job.note && <p class="note">{job.note}</p>}
      {job.phase === 'cancelled' && <p role="status">{[t('popupCancelled'), job.note].filter(Boolean).join(' ')}</p>}
      {FINISHED.has(job.phase) && job.guided?.signOut && <SignOutNote guided={job.guided} />}
    </div>
  );
}

/** How the user's Microsoft web session ended, and whether the admin's own Microsoft tabs must sign in again. */
function SignOutNote({ guided }: { guided: NonNullable<Job['guided']> }) {
  const out = guided.signOut!;
  const admin = guided.adminSignedOut || out.adminMustSignInAgain;
  return (
    <p class={out.confirmed ? 'note' : 'note error'} aria-label={t('popupMicrosoftSignOut')}>
      {out.detail}{' '}
      {guided.incognito
        ? t('popupSignOutIncognito')
        : admin
          ? t('popupSignOutAdminToo')
          : t('popupSignOutAdminUntouched')}
    </p>
  );
}
