import { useEffect, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { AppError, type AppErrorData } from '../shared/errors';
import type { AdminAccount, CheckStatus, UserDetail, UserSummary } from '../shared/protocol';
import { ErrorView } from './ErrorView';
import { formatDate, formatDateTime } from './format';
import { Provision } from './Provision';

const ICON: Record<CheckStatus, string> = { ok: '\u2713', warn: '!', fail: '\u2715', unknown: '?' };
const STATUS_WORD: Record<CheckStatus, string> = { ok: 'OK', warn: 'Warning', fail: 'Blocking', unknown: 'Unknown' };

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
          Account:{' '}
          {u.accountEnabled === false ? <strong class="error">disabled</strong> : <span class="ok">enabled</span>}
          {u.userType === 'Guest' && (
            <>
              {' '}
              · <strong>guest</strong>
            </>
          )}
        </div>
      )}
      {error && <ErrorView error={error} />}
      {!detail && !error && (
        <p class="muted" role="status">
          Loading {user.displayName}\u2026
        </p>
      )}
      {detail && (
        <>
          <h3 id="passkeys-heading">Passkeys ({detail.passkeys.length})</h3>
          {detail.passkeys.length === 0 ? (
            <p class="muted">No passkeys registered.</p>
          ) : (
            <ul class="passkeys" aria-labelledby="passkeys-heading">
              {detail.passkeys.map((p) => (
                <li key={p.id}>
                  <strong>{p.displayName}</strong>
                  {p.model && <> · {p.model}</>}
                  {p.createdDateTime && <span class="muted"> · {formatDate(p.createdDateTime)}</span>}
                  {p.attestationLevel && (
                    <span class="muted"> · {p.attestationLevel === 'attested' ? 'attested' : 'not attested'}</span>
                  )}{' '}
                  {confirming === p.id ? (
                    <>
                      <button
                        class="primary"
                        onClick={() =>
                          act(send('passkeys.delete', { userId: u.id, passkeyId: p.id }), `Deleted "${p.displayName}".`)
                        }
                      >
                        Confirm delete
                      </button>
                      <button onClick={() => setConfirming(null)}>Keep</button>
                    </>
                  ) : (
                    <button
                      class="link"
                      aria-label={`Delete passkey ${p.displayName}`}
                      onClick={() => setConfirming(p.id)}
                    >
                      Delete
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h3>Temporary Access Pass</h3>
          <p data-testid="tap-state">
            {detail.tap
              ? `A Temporary Access Pass exists (created ${formatDateTime(detail.tap.createdDateTime)}, ${detail.tap.isUsable ? 'usable' : `not usable: ${detail.tap.methodUsabilityReason ?? 'unknown'}`}).`
              : 'No Temporary Access Pass.'}
            {detail.tap && (
              <>
                {' '}
                <button
                  class="link"
                  onClick={() =>
                    act(
                      send('tap.revoke', { userId: u.id, tapId: detail.tap!.id }),
                      'The Temporary Access Pass was revoked.',
                    )
                  }
                >
                  Revoke pass
                </button>
              </>
            )}
          </p>
          <p role="status">{note}</p>
          <h3>Readiness</h3>
          <ul class="checks" aria-label="Readiness checks">
            {detail.readiness.checks.map((c) => (
              <li
                key={c.id}
                class={
                  c.status === 'ok' ? 'ok' : c.status === 'fail' ? 'error' : c.status === 'warn' ? 'warn' : 'muted'
                }
              >
                <span aria-hidden="true">{ICON[c.status]}</span>
                <span>
                  <span class="visually-hidden">{STATUS_WORD[c.status]}: </span>
                  {c.label}
                  {c.status !== 'ok' && <span class="muted"> \u2014 {c.detail}</span>}
                </span>
              </li>
            ))}
          </ul>
          <Provision detail={detail} admin={admin} onDone={() => setVersion((v) => v + 1)} />
          <button
            style="margin-top:8px"
            onClick={() =>
              act(send('queue.add', { users: [detail.user] }), `${detail.user.displayName} was added to the queue.`)
            }
          >
            Add to queue
          </button>
        </>
      )}
    </section>
  );
}
