import { useEffect, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { AppError, type AppErrorData } from '../shared/errors';
import type { AdminAccount, CheckStatus, UserDetail, UserSummary } from '../shared/protocol';
import { ErrorView } from './ErrorView';
import { formatDate, formatDateTime } from './format';
import { Provision } from './Provision';
import { t, type MessageKey } from '../shared/i18n';
import { withPart } from './rich';

const ICON: Record<CheckStatus, string> = { ok: '\u2713', warn: '!', fail: '\u2715', unknown: '?' };
/** What a screen reader says before a check (the icon is hidden from it), with its colon. */
const STATUS_WORD: Record<CheckStatus, MessageKey> = {
  ok: 'popupCheckOk',
  warn: 'popupCheckWarning',
  fail: 'popupCheckBlocking',
  unknown: 'popupCheckUnknown',
};

export function UserDetailView({ user, admin }: { user: UserSummary; admin: AdminAccount }) {
  const [detail, setDetail] = useState<UserDetail | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [version, setVersion] = useState(0);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const act = (p: Promise<unknown>, done: string) =>
    p.then(
      () => {
        setNote(done);
        setConfirming(null);
        setVersion((v) => v + 1);
      },
      (e) => setError(AppError.from(e).toJSON()),
    );

  useEffect(() => {
    setError(null);
    send('users.detail', { id: user.id }).then(setDetail, (e) => setError(AppError.from(e).toJSON()));
  }, [user.id, version]);

  const u = detail?.user ?? user;
  return (
    <section class="detail" aria-labelledby="detail-heading">
      <h2 id="detail-heading">{u.displayName}</h2>
      <div class="muted">{u.userPrincipalName}</div>
      {detail && (
        <div>
          {withPart(
            (state) => t('popupAccount', state),
            u.accountEnabled === false ? (
              <strong class="error">{t('popupAccountDisabled')}</strong>
            ) : (
              <span class="ok">{t('popupAccountEnabled')}</span>
            ),
          )}
          {u.userType === 'Guest' && (
            <>
              {' '}
              · <strong>{t('popupGuest')}</strong>
            </>
          )}
        </div>
      )}
      {error && <ErrorView error={error} />}
      {!detail && !error && (
        <p class="muted" role="status">
          {t('popupLoadingUser', user.displayName)}
        </p>
      )}
      {detail && (
        <>
          <h3 id="passkeys-heading">{t('popupPasskeysHeading', detail.passkeys.length)}</h3>
          {detail.passkeys.length === 0 ? (
            <p class="muted">{t('popupNoPasskeys')}</p>
          ) : (
            <ul class="passkeys" aria-labelledby="passkeys-heading">
              {detail.passkeys.map((p) => (
                <li key={p.id}>
                  <strong>{p.displayName}</strong>
                  {p.model && <> · {p.model}</>}
                  {p.createdDateTime && <span class="muted"> · {formatDate(p.createdDateTime)}</span>}
                  {p.attestationLevel && (
                    <span class="muted">
                      {' '}
                      · {p.attestationLevel === 'attested' ? t('popupAttested') : t('popupNotAttested')}
                    </span>
                  )}{' '}
                  {confirming === p.id ? (
                    <>
                      <button
                        class="primary"
                        onClick={() =>
                          act(
                            send('passkeys.delete', { userId: u.id, passkeyId: p.id }),
                            t('popupDeleted', p.displayName),
                          )
                        }
                      >
                        {t('popupConfirmDelete')}
                      </button>
                      <button onClick={() => setConfirming(null)}>{t('popupKeep')}</button>
                    </>
                  ) : (
                    <button
                      class="link"
                      aria-label={t('popupDeletePasskey', p.displayName)}
                      onClick={() => setConfirming(p.id)}
                    >
                      {t('popupDelete')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('popupTapHeading')}</h3>
          <p data-testid="tap-state">
            {detail.tap
              ? detail.tap.isUsable
                ? t('popupTapUsable', formatDateTime(detail.tap.createdDateTime))
                : t(
                    'popupTapNotUsable',
                    formatDateTime(detail.tap.createdDateTime),
                    detail.tap.methodUsabilityReason ?? t('popupTapReasonUnknown'),
                  )
              : t('popupNoTap')}
            {detail.tap && (
              <>
                {' '}
                <button
                  class="link"
                  onClick={() => act(send('tap.revoke', { userId: u.id, tapId: detail.tap!.id }), t('popupTapRevoked'))}
                >
                  {t('popupRevokePass')}
                </button>
              </>
            )}
          </p>
          <p role="status">{note}</p>
          <h3>{t('popupReadiness')}</h3>
          <ul class="checks" aria-label={t('popupReadinessChecks')}>
            {detail.readiness.checks.map((c) => (
              <li
                key={c.id}
                class={
                  c.status === 'ok' ? 'ok' : c.status === 'fail' ? 'error' : c.status === 'warn' ? 'warn' : 'muted'
                }
              >
                <span aria-hidden="true">{ICON[c.status]}</span>
                <span>
                  <span class="visually-hidden">{t(STATUS_WORD[c.status])} </span>
                  {c.label}
                  {c.status !== 'ok' && <span class="muted">{` \u2014 ${c.detail}`}</span>}
                </span>
              </li>
            ))}
          </ul>
          <Provision detail={detail} admin={admin} onDone={() => setVersion((v) => v + 1)} />
          <button
            style="margin-top:8px"
            onClick={() =>
              act(send('queue.add', { users: [detail.user] }), t('popupAddedToQueue', detail.user.displayName))
            }
          >
            {t('popupAddToQueue')}
          </button>
        </>
      )}
    </section>
  );
}
