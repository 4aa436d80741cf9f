/**
 * "Check setup": one run over everything that must be right before the first key (src/shared/setup-check.ts).
 * Opened with #check (the popup's sign-in error view links here) it runs at once.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { AppError, type AppErrorData } from '../shared/errors';
import { t } from '../shared/i18n';
import { failureSummary, verdictText, type SetupItem } from '../shared/setup-check';

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
        {t('setupHeading')}
      </h2>
      <p class="hint">{t('setupIntro')}</p>
      <div class="row">
        <button type="button" class="primary" onClick={run} disabled={running}>
          {t('setupRun')}
        </button>
        <span role="status">{running ? t('setupRunning') : items ? t('setupComplete') : ''}</span>
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
        <ul class="setup-results" aria-label={t('setupResultsLabel')} data-run={runs}>
          {items.map((i) => (
            <li key={i.id} class={`setup-${i.verdict}`} data-item={i.id}>
              <strong>{t('setupItemHeading', i.label, verdictText(i.verdict))}</strong>
              <div>{i.detail}</div>
              {i.fix && <div>{t('setupWhatToChange', i.fix)}</div>}
              {i.link && (
                <div>
                  <a href={i.link.href} target="_blank" rel="noreferrer">
                    {t('setupOpenInAdminCenter', i.link.text)}
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
