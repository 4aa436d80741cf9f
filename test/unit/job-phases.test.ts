import { describe, expect, it } from 'vitest';
import type { JobPhase } from '../../src/shared/protocol';
import { canMove, FINAL, isOrphan, refusal } from '../../src/background/jobs/phases';
import { testJob } from './support/job';

const PHASES: JobPhase[] = [
  'preparing',
  'waiting-for-key',
  'registering',
  'verifying',
  'signing-in',
  'security-info',
  'cleaning-up',
  'succeeded',
  'failed',
  'cancelled',
];
const job = testJob;

describe('job state machine', () => {
  const pairs = PHASES.flatMap((from) => PHASES.map((to) => [from, to] as const));
  console.log(`transition matrix: ${pairs.length} pairs`);

  it.each(pairs)('%s → %s follows the table', (from, to) => {
    const allowed = canMove({ phase: from }, to);
    if (FINAL.has(from))
      expect(allowed).toBe(false); // an ended job stays ended
    else if (FINAL.has(to) || to === from) expect(allowed).toBe(true); // any active job may progress or end
    if (from === 'cleaning-up') expect(allowed).toBe(to === from || FINAL.has(to)); // clean-up only ends
  });

  it('only a retryable failure may be retried (failed → registering)', () => {
    expect(canMove({ phase: 'failed', retryable: true }, 'registering')).toBe(true);
    expect(canMove({ phase: 'failed' }, 'registering')).toBe(false);
    expect(canMove({ phase: 'failed', retryable: true }, 'succeeded')).toBe(false);
  });

  it('guards on the job id and the expected phase', () => {
    const current = job({ phase: 'registering' });
    expect(refusal(null, 'j1', 'active', 'failed')).toBe('no job');
    expect(refusal(current, 'j0', 'active', 'failed')).toBe('another job');
    expect(refusal(current, 'j1', ['waiting-for-key'], 'registering')).toMatch(/phase is registering/);
    expect(refusal(current, 'j1', ['registering'], 'succeeded')).toBeNull();
    expect(refusal(job({ phase: 'cancelled' }), 'j1', 'active', 'failed')).toMatch(/phase is cancelled/);
    expect(refusal(current, 'j1', 'active', 'signing-in')).toMatch(/cannot become/);
  });

  it('a job in flight whose worker is gone is an orphan; one waiting for an event is not', () => {
    expect(isOrphan(job({ inflight: 'passkey-post', owner: 'old' }), 'new')).toBe(true);
    expect(isOrphan(job({ inflight: 'passkey-post', owner: 'new' }), 'new')).toBe(false);
    expect(isOrphan(job({ phase: 'waiting-for-key', owner: 'old' }), 'new')).toBe(false);
    expect(isOrphan(job({ phase: 'failed', inflight: 'passkey-post', owner: 'old' }), 'new')).toBe(false);
  });
});
