import { describe, expect, it } from 'vitest';
import { newlyWanted, scriptFor, wantedScript } from '../../src/background/jobs/inject';
import { oncePerDocument } from '../../src/content/once';
import type { Job } from '../../src/shared/protocol';
import { testJob } from './support/job';

const TAB = 7;
const job = (over: Partial<Job>): Job => testJob({ phase: 'waiting-for-key', tabId: TAB, ...over });
const guided = (over: Partial<Job> = {}, g: Partial<NonNullable<Job['guided']>> = {}): Job =>
  job({
    mode: 'guided',
    phase: 'signing-in',
    guided: {
      stage: 'signin',
      paused: false,
      manual: false,
      incognito: false,
      passkeyName: 'k',
      tapDeliveries: 0,
      signInAttempts: 1,
      ...g,
    },
    ...over,
  });

/** Every page a job's tab (or any tab) may show, and which job kind may have a script there. */
const PAGES: { url: string; automatic: boolean; guided: boolean }[] = [
  { url: 'https://login.microsoft.com/robots.txt', automatic: true, guided: true },
  { url: 'https://login.microsoftonline.com/robots.txt', automatic: true, guided: true },
  { url: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x', automatic: false, guided: true },
  { url: 'https://login.microsoftonline.com/common/login', automatic: false, guided: true },
  { url: 'https://mysignins.microsoft.com/security-info', automatic: false, guided: true },
  { url: 'https://login.microsoftonline.com/common/oauth2/v2.0/logout', automatic: false, guided: false },
  { url: 'https://login.microsoft.com/robots.txt/x', automatic: false, guided: true },
  { url: 'http://login.microsoft.com/robots.txt', automatic: false, guided: false },
  { url: 'https://login.microsoft.com.evil.example/robots.txt', automatic: false, guided: false },
  { url: 'https://outlook.office.com/mail/', automatic: false, guided: false },
  { url: 'https://portal.azure.com/', automatic: false, guided: false },
  { url: 'chrome://newtab/', automatic: false, guided: false },
  { url: 'not a url', automatic: false, guided: false },
];

/** Job states: which script the job wants in its tab (none once ended, none around the sign-out). */
const JOBS: { name: string; job: Job; wants: 'ceremony' | 'guided' | null }[] = [
  { name: 'automatic, key awaited', job: job({}), wants: 'ceremony' },
  { name: 'automatic, preparing', job: job({ phase: 'preparing' }), wants: null },
  { name: 'automatic, registering', job: job({ phase: 'registering' }), wants: null },
  { name: 'automatic, succeeded', job: job({ phase: 'succeeded' }), wants: null },
  { name: 'automatic, no tab yet', job: job({ tabId: undefined }), wants: null },
  { name: 'guided, signing in', job: guided(), wants: 'guided' },
  {
    name: 'guided, security info',
    job: guided({ phase: 'security-info' }, { stage: 'add' }),
    wants: 'guided',
  },
  { name: 'guided, key', job: guided({ phase: 'waiting-for-key' }, { stage: 'key' }), wants: 'guided' },
  { name: 'guided, before its window opened', job: guided({ phase: 'preparing' }, { stage: 'tap' }), wants: null },
  { name: 'guided, cleaning up (sign-out)', job: guided({ phase: 'cleaning-up' }, { stage: 'cleanup' }), wants: null },
  { name: 'guided, failed', job: guided({ phase: 'failed' }), wants: null },
  { name: 'guided, cancelled', job: guided({ phase: 'cancelled' }), wants: null },
];

describe('which content script goes into which tab', () => {
  const cases = JOBS.flatMap((j) => PAGES.map((p) => ({ ...j, ...p })));
  console.log(`injection matrix: ${JOBS.length} job states × ${PAGES.length} pages = ${cases.length} cases (× 2 tabs)`);
  it.each(cases)('$name on $url', ({ job: j, wants, url, automatic, guided: g }) => {
    const expected = wants && (wants === 'ceremony' ? automatic : g) ? wants : null;
    expect(wantedScript(j)).toBe(wants);
    expect(scriptFor(j, TAB, url)).toBe(expected);
    // Any other tab (the admin's own Microsoft sign-in) gets nothing, whatever it shows.
    expect(scriptFor(j, TAB + 1, url)).toBeNull();
  });
  it('gives nothing without a job', () => {
    for (const p of PAGES) expect(scriptFor(null, TAB, p.url)).toBeNull();
  });
});

describe('when a job write injects into a tab that has already loaded', () => {
  it('injects when a job first names its tab, or moves into a phase that wants a script', () => {
    expect(newlyWanted(job({ phase: 'preparing', tabId: undefined }), job({}))).toBe(true);
    expect(newlyWanted(undefined, job({}))).toBe(true);
    expect(newlyWanted(guided({ phase: 'preparing' }, { stage: 'tap' }), guided())).toBe(true);
    expect(newlyWanted(job({ id: 'j0', phase: 'succeeded', tabId: 3 }), job({}))).toBe(true);
  });
  it('does not inject again on progress that changes nothing for the tab', () => {
    expect(newlyWanted(guided(), guided({ phase: 'security-info' }, { stage: 'add' }))).toBe(false);
    expect(newlyWanted(job({}), job({ prompt: 'Touch the key' }))).toBe(false);
    expect(newlyWanted(job({}), job({ phase: 'registering' }))).toBe(false);
    expect(newlyWanted(guided(), guided({ phase: 'failed' }))).toBe(false);
  });
  it("leaves the kept key tab to the next job's message (or its reload)", () => {
    expect(newlyWanted(job({ id: 'j0', phase: 'succeeded' }), job({}))).toBe(false);
  });
});

describe('a content script injected more than once into a document', () => {
  const slots = () => ((globalThis as Record<string, unknown>).__passkeyProvisionerScripts = undefined);
  it('starts once: a later injection finds it running and does nothing', async () => {
    slots();
    let starts = 0;
    const start = async () => (starts++, true);
    await oncePerDocument('guided', start);
    await oncePerDocument('guided', start);
    expect(starts).toBe(1);
  });
  it('asks again when injected while its first question was answered "no job" (the job was written meanwhile)', async () => {
    slots();
    const answers = [false, true];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    let asked = 0;
    const start = async () => {
      asked++;
      if (asked === 1) await first;
      return answers[asked - 1]!;
    };
    const running = oncePerDocument('ceremony', start);
    await oncePerDocument('ceremony', start); // the second injection arrives while the first still asks
    expect(asked).toBe(1);
    release();
    await running;
    expect(asked).toBe(2);
    await oncePerDocument('ceremony', start);
    expect(asked).toBe(2);
  });
  it('may start later in the same document after a "no job"', async () => {
    slots();
    let ok = false;
    let asked = 0;
    const start = async () => (asked++, ok);
    await oncePerDocument('ceremony', start);
    ok = true;
    await oncePerDocument('ceremony', start);
    await oncePerDocument('ceremony', start);
    expect(asked).toBe(2);
  });
});
