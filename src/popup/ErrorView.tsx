import type { AppErrorData } from '../shared/errors';
import { t } from '../shared/i18n';
import { withPart } from './rich';

/** An error as the admin sees it: what happened, why, what to do, and the request ID for support. */
export function ErrorView({ error, title }: { error: AppErrorData; title?: string }) {
  return (
    <div role="alert" class="alert">
      <strong>{title ?? error.message}</strong>
      {title && <div>{error.message}</div>}
      {error.reason && <div class="muted">{error.reason}</div>}
      {error.action && <div>{error.action}</div>}
      {error.requestId && (
        <div class="muted">{withPart((id) => t('popupRequestId', id), <code>{error.requestId}</code>)}</div>
      )}
    </div>
  );
}
