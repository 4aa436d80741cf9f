import type { Job } from '../../../src/shared/protocol';

/** A job record for unit tests: an automatic job for Megan, preparing; `over` sets what a test is about. */
export const testJob = (over: Partial<Job> = {}): Job => ({
  id: 'j1',
  mode: 'automatic',
  user: { id: 'u1', displayName: 'Megan Bowen', userPrincipalName: 'meganb@contoso.onmicrosoft.com' },
  phase: 'preparing',
  steps: [],
  startedAt: 0,
  updatedAt: 0,
  requestIds: [],
  ...over,
});
