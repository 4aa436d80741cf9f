/**
 * "Check setup": one run over everything that must be right before the first key (src/shared/setup-check.ts).
 * Opened with #check (the popup's sign-in error view links here) it runs at once.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { AppError, type AppErrorData } from '../shared/errors';
import { failureSummary, type SetupItem } from '../shared/setup-check';

export function SetupCheck() {
  const [items, setItems] = useState<SetupItem[] | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [runs, setRuns] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setItems(await send('setup.check', null));
      setRuns((n) => n + 1);
    } catch (e) {
      setError(AppError.from(e).toJSON());
    } finally {
      setRunning(false);
    }
  };
  useEffect(() => {
    if (location.hash === '#check') {
      heading.current?.scrollIntoView();
      void run();
    }
  }, []);

  const summary = items && failureSummary(items);
  return (
    <section aria-labelledby="setup-check-heading">
      <h2 id="setup-check-heading" ref={heading} tabIndex={-1}>
        Check setup
      </h2>
      <p class="hint">
        Checks the app registration, sign-in, permissions, the passkey and Temporary Access Pass policies, your role and
        the browser, and says what to change. Sign in from the popup first for the complete check.
      </p>
      <div class="row">
        <button type="button" class="primary" onClick={run} disabled={running}>
          Check setup
        </button>
        <span role="status">{running ? 'Checking\u2026' : items ? 'Check complete.' : ''}</span>
      </div>
      {error && (
        <div role="alert" class="alert">
          {error.message} {error.action}
        </div>
      )}
      {summary && (
        <div role="alert" class="alert">
          {summary}
        </div>
      )}
      {items && (
        <ul class="setup-results" aria-label="Setup check results" data-run={runs}>
          {items.map((i) => (
            <li key={i.id} class={`setup-${i.verdict}`} data-item={i.id}>
              <strong>
                {i.label}: {i.verdict}
              </strong>
              <div>{i.detail}</div>
              {i.fix && <div>What to change: {i.fix}</div>}
              {i.link && (
                <div>
                  <a href={i.link.href} target="_blank" rel="noreferrer">
                    Open {i.link.text} in the Entra admin center
                  </a>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
