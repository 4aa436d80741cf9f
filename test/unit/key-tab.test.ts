import { afterEach, describe, expect, it } from 'vitest';
import { outcomeOf, keyPrompt } from '../../src/background/jobs/outcome';
import {
  rememberShown,
  SHOWN_CONTEXT_MAX_AGE_MS,
  takeShownContext,
  type UserContext,
} from '../../src/background/directory/shown-context';
import { CHANNEL, isTabPush, type Job } from '../../src/shared/protocol';
import { testJob } from './support/job';
import { useLocale } from './support/i18n';

const job = (over: Partial<Job>): Job => testJob({ phase: 'waiting-for-key', ...over });

describe('what the key tab shows after a ceremony', () => {
  it('names the user, the passkey and the model Entra recorded, and says the tab stays ready', () => {
    const o = outcomeOf(
      job({
        phase: 'succeeded',
        result: { passkey: { id: 'p', displayName: 'YubiKey 5 – meganb', model: 'YubiKey 5 NFC' } },
      }),
    );
    expect(o.tone).toBe('success');
    expect(o.message).toMatch(
      /^Passkey registered for Megan Bowen: \u201cYubiKey 5 – meganb\u201d \(YubiKey 5 NFC\)\. This tab stays ready for the next key/,
    );
  });
  it('gives the error with what to do', () => {
    const o = outcomeOf(
      job({
        phase: 'failed',
        error: {
          code: 'key-reused',
          message: 'This key already holds the passkey of Lee Gu — insert a new key.',
          action: 'Insert a new key, then Resume.',
        },
      }),
    );
    expect(o).toEqual({
      tone: 'error',
      message: 'This key already holds the passkey of Lee Gu — insert a new key. Insert a new key, then Resume.',
    });
  });
  it('asks for the key again while the job still waits for it (a challenge retry)', () => {
    expect(
      outcomeOf(job({ prompt: 'The challenge expired. Insert the key for Megan Bowen and touch it again' })),
    ).toEqual({ tone: 'info', message: 'The challenge expired. Insert the key for Megan Bowen and touch it again' });
    expect(outcomeOf(job({}))).toEqual({ tone: 'info', message: keyPrompt('Megan Bowen') });
  });
  it('says "a new key" in a queue', () => {
    expect(keyPrompt('Lee Gu', true)).toBe('Insert a new key for Lee Gu and touch it');
  });
});

describe('the key tab in the admin\u2019s language', () => {
  afterEach(() => useLocale('en'));
  it('renders the outcome in German, with the user, the passkey and the model in their places', () => {
    useLocale('de');
    const o = outcomeOf(
      job({
        phase: 'succeeded',
        result: { passkey: { id: 'p', displayName: 'YubiKey 5 – meganb', model: 'YubiKey 5 NFC' } },
      }),
    );
    expect(o).toEqual({
      tone: 'success',
      message:
        'Passkey für Megan Bowen registriert: \u201eYubiKey 5 – meganb\u201c (YubiKey 5 NFC). Dieser Tab bleibt für den nächsten Schlüssel bereit. Öffnen Sie Passkey Provisioner, um den nächsten Benutzer auszuwählen, oder schließen Sie den Tab.',
    });
  });
  it('asks for the key in German and Japanese, a new one in a queue', () => {
    useLocale('de');
    expect(keyPrompt('Lee Gu', true)).toBe('Stecken Sie einen neuen Schlüssel für Lee Gu ein, und berühren Sie ihn');
    expect(outcomeOf(job({ phase: 'failed' })).message).toBe('Der Passkey wurde nicht registriert.');
    useLocale('ja');
    expect(keyPrompt('Lee Gu')).toBe('Lee Gu のキーを挿入してタッチしてください');
  });
});

describe('the readiness the detail view just showed', () => {
  const ctx = { detail: { user: { id: 'u1' } }, fido2: null, tapPolicy: null } as unknown as UserContext;
  it('is reused once, while fresh', () => {
    rememberShown('u1', ctx, 1000);
    expect(takeShownContext('u1', 1000 + SHOWN_CONTEXT_MAX_AGE_MS)).toBe(ctx);
    expect(takeShownContext('u1', 1000 + SHOWN_CONTEXT_MAX_AGE_MS)).toBeNull(); // used up
  });
  it('is not reused when stale, for another user, or from the future (clock change)', () => {
    rememberShown('u1', ctx, 1000);
    expect(takeShownContext('u1', 1001 + SHOWN_CONTEXT_MAX_AGE_MS)).toBeNull();
    rememberShown('u1', ctx, 1000);
    expect(takeShownContext('u2', 1000)).toBeNull();
    rememberShown('u1', ctx, 5000);
    expect(takeShownContext('u1', 4000)).toBeNull();
  });
  it('keeps memory flat', () => {
    for (let i = 0; i < 100; i++) rememberShown(`x${i}`, ctx, 0);
    expect(takeShownContext('x0', 0)).toBeNull();
    expect(takeShownContext('x99', 0)).toBe(ctx);
  });
});

describe('pushes to the key tab', () => {
  it('accept only our channel and the named push with a payload', () => {
    expect(isTabPush({ channel: CHANNEL, push: 'ceremony.begin', payload: { jobId: 'j' } }, 'ceremony.begin')).toBe(
      true,
    );
    expect(isTabPush({ channel: 'other', push: 'ceremony.begin', payload: {} }, 'ceremony.begin')).toBe(false);
    expect(isTabPush({ channel: CHANNEL, push: 'ceremony.begin' }, 'ceremony.begin')).toBe(false);
    expect(isTabPush({ channel: CHANNEL, type: 'ceremony.hello', payload: {} }, 'ceremony.begin')).toBe(false);
    expect(isTabPush(null, 'ceremony.begin')).toBe(false);
  });
});
