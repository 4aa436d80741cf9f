import { describe, expect, it, vi } from 'vitest';
import { whenFocused, type Focusable } from '../../src/content/focus';

const page = (focus: boolean) => {
  const listeners = new Set<() => void>();
  const target: Focusable & { focus: () => void } = {
    hasFocus: () => focus,
    addEventListener: (_t, l) => listeners.add(l),
    removeEventListener: (_t, l) => listeners.delete(l),
    focus: () => {
      focus = true;
      for (const l of [...listeners]) l();
    },
  };
  return { target, listeners };
};

describe('the key tab waits for focus before asking the key (WebAuthn refuses a page without it)', () => {
  it('a focused page goes on at once, without a hint', async () => {
    const onWait = vi.fn();
    await whenFocused(onWait, {}, page(true).target);
    expect(onWait).not.toHaveBeenCalled();
  });

  it('an unfocused page waits, asks the admin to click after a moment, and goes on when focused', async () => {
    const { target, listeners } = page(false);
    const onWait = vi.fn();
    let done = false;
    const p = whenFocused(onWait, { hintMs: 20, waitMs: 5_000, pollMs: 5 }, target).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 60));
    expect(done).toBe(false);
    expect(onWait).toHaveBeenCalledTimes(1);
    target.focus();
    await p;
    expect(listeners.size).toBe(0);
  });

  it('goes on after the wait even without focus (WebAuthn then reports the real error)', async () => {
    const start = Date.now();
    await whenFocused(() => undefined, { hintMs: 5, waitMs: 40, pollMs: 5 }, page(false).target);
    expect(Date.now() - start).toBeGreaterThanOrEqual(40);
  });
});
