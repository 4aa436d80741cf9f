/** What the key tab shows once an automatic job has an outcome: the passkey Entra recorded, or what went wrong. Pure. */
import { t } from '../../shared/i18n';
import type { CeremonyOutcome, Job } from '../../shared/protocol';

export const keyPrompt = (name: string, queued = false) =>
  queued ? t('jobPromptNewKey', name) : t('jobPromptKey', name);

export function outcomeOf(job: Job): CeremonyOutcome {
  if (job.phase === 'succeeded' && job.result) {
    const p = job.result.passkey;
    const registered = p.model
      ? t('jobOutcomeRegisteredModel', job.user.displayName, p.displayName, p.model)
      : t('jobOutcomeRegistered', job.user.displayName, p.displayName);
    return { tone: 'success', message: `${registered} ${t('jobOutcomeNext')}` };
  }
  if (job.phase === 'waiting-for-key') return { tone: 'info', message: job.prompt ?? keyPrompt(job.user.displayName) };
  const e = job.error;
  return {
    tone: 'error',
    message: [e?.message ?? t('jobOutcomeNotRegistered'), e?.action].filter(Boolean).join(' '),
  };
}
