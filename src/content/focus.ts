/**
 * WebAuthn refuses a page without focus ("The operation is not allowed at this time because the page does not have
 * focus"). The worker brings the key tab forward, but its window can take focus a moment after the page loads (or
 * the admin may be in another window): the ceremony waits for focus instead of failing the job, and after a moment
 * says what to do. After `waitMs` it goes on anyway (WebAuthn then gives its own error, which the job reports).
 */
export interface Focusable {
  hasFocus(): boolean;
  addEventListener(type: 'focus' | 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'focus' | 'visibilitychange', listener: () => void): void;
}

export function whenFocused(
  onWait: () => void,
  { hintMs = 500, waitMs = 60_000, pollMs = 10 } = {},
  target: Focusable = {
    hasFocus: () => document.hasFocus() && document.visibilityState === 'visible',
    addEventListener: (type, listener) => (type === 'focus' ? window : document).addEventListener(type, listener),
    removeEventListener: (type, listener) => (type === 'focus' ? window : document).removeEventListener(type, listener),
  },
): Promise<void> {
  if (target.hasFocus()) return Promise.resolve();
  return new Promise((resolve) => {
    const started = Date.now();
    let hinted = false;
    const check = () => {
      if (target.hasFocus() || Date.now() - started > waitMs) {
        clearInterval(timer);
        target.removeEventListener('focus', check);
        target.removeEventListener('visibilitychange', check);
        resolve();
      } else if (!hinted && Date.now() - started > hintMs) {
        hinted = true;
        onWait();
      }
    };
    // Focus emulation (and some window managers) change hasFocus() without an event: ask every few ms too (cheap).
    const timer = setInterval(check, pollMs);
    target.addEventListener('focus', check);
    target.addEventListener('visibilitychange', check);
  });
}
