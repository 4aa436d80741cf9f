// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://mysignins.microsoft.com/security-info"}
/**
 * The wrong-user guard fails closed (issue 9): on Security info nothing is clicked until the page positively shows the
 * job's user; another identity ends the job; no identity makes the overlay ask the admin, and only "Yes, this is …"
 * lets the driver continue.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { GuidedContext } from '../../src/shared/protocol';

vi.mock('../../src/shared/messaging', () => ({ send: vi.fn(async () => null) }));

const UPN = 'leeg@contoso.onmicrosoft.com';
const ctx: GuidedContext = {
  jobId: 'job-1',
  user: { displayName: 'Lee Gu', userPrincipalName: UPN },
  passkeyName: 'YubiKey 5',
  steps: [],
  stage: 'signin',
  paused: false,
  manual: false,
};

function securityInfo(header: string) {
  document.open();
  document.write(`<!doctype html><html lang="en"><body><header>${header}</header>
    <main><h1>Security info</h1><button id=add><i aria-hidden=true>\uE710</i>Add sign-in method</button></main></body></html>`);
  document.close();
}

async function fresh() {
  vi.resetModules();
  sessionStorage.clear();
  const mod = await import('../../src/content/guided/security-info-page');
  vi.setSystemTime(Date.now() + 10_000); // past the grace period for the header to render
  return mod.decideSecurityInfo;
}

describe('wrong-user guard', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });

  it('acts once the page shows the user (name and UPN in adjacent elements)', async () => {
    const decide = await fresh();
    securityInfo(`<button aria-expanded=false><span>Lee Gu</span><span>${UPN}</span></button>`);
    const d = decide(ctx)!;
    expect(d.key).toMatch(/^add/);
    expect(d.act).toBeTypeOf('function');
  });

  it('ends the job when another account is signed in, before any click', async () => {
    const decide = await fresh();
    securityInfo(`<span>Megan Bowen</span><span>admin@contoso.onmicrosoft.com</span>`);
    const d = decide(ctx)!;
    expect(d.act).toBeUndefined();
    expect(d.fail?.code).toBe('guided:wrong-user');
    expect(d.fail?.message).toContain('admin@contoso.onmicrosoft.com');
  });

  it('asks the admin when no identity is shown; "No, stop" ends the job', async () => {
    const decide = await fresh();
    securityInfo('<span>Lee Gu</span>');
    const ask = decide(ctx)!;
    expect(ask.act).toBeUndefined();
    expect(ask.say).toMatch(/does not show who is signed in/);
    expect(ask.actions?.map((a) => a.label)).toEqual(['Yes, this is Lee Gu', 'No, stop']);
    ask.actions![1]!.onClick();
    const d = decide(ctx)!;
    expect(d.fail?.code).toBe('guided:wrong-user');
    expect(d.act).toBeUndefined();
  });

  it('continues only after "Yes, this is …", and remembers it for the job across reloads', async () => {
    let decide = await fresh();
    securityInfo('');
    decide(ctx)!.actions![0]!.onClick();
    expect(decide(ctx)!.key).toMatch(/^add/);
    // the page reloads (e.g. back from the key step): the answer holds for this job, not for another
    vi.resetModules();
    decide = (await import('../../src/content/guided/security-info-page')).decideSecurityInfo;
    vi.setSystemTime(Date.now() + 10_000);
    expect(decide(ctx)!.key).toMatch(/^add/);
    expect(decide({ ...ctx, jobId: 'job-2' })!.key).toBe('identity-ask');
  });

  it('waits briefly for the header before asking', async () => {
    vi.resetModules();
    sessionStorage.clear();
    const { decideSecurityInfo } = await import('../../src/content/guided/security-info-page');
    securityInfo('');
    const d = decideSecurityInfo(ctx)!;
    expect(d.key).toBe('identity-wait');
    expect(d.act).toBeUndefined();
  });
});
