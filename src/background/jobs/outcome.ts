/** What the key tab shows once an automatic job has an outcome: the passkey Entra recorded, or what went wrong. Pure. */
import type { CeremonyOutcome, Job } from '../../shared/protocol';

export const keyPrompt = (name: string, queued = false) =>
  `Insert ${queued ? 'a new key' : 'the key'} for ${name} and touch it`;

export function outcomeOf(job: Job): CeremonyOutcome {
  const next =
    'This tab stays ready for the next key; open Passkey Provisioner to pick the next user, or close the tab.';
  if (job.phase === 'succeeded' && job.result) {
    const p = job.result.passkey;
    return {
      tone: 'success',
      message: `Passkey registered for ${job.user.displayName}: \u201c${p.displayName}\u201d${p.model ? ` (${p.model})` : ''}. ${next}`,
    };
  }
  if (job.phase === 'waiting-for-key') return { tone: 'info', message: job.prompt ?? keyPrompt(job.user.displayName) };
  const e = job.error;
  return {
    tone: 'error',
    message: [e?.message ?? 'The passkey was not registered.', e?.action].filter(Boolean).join(' '),
  };
}
