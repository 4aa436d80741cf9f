import type { ComponentChild } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { AppError, type AppErrorData } from '../shared/errors';
import { CLOUDS, GRAPH_PERMISSIONS, type CloudId } from '../shared/clouds';
import { MAX_NAME } from '../shared/passkey-name';
import {
  validateSettings,
  type FieldErrors,
  type Settings,
  type SettingsField,
  type TextField,
} from '../shared/settings';
import { t, uiLanguage, type MessageKey } from '../shared/i18n';
import { SetupCheck } from './SetupCheck';

/** A whole message with elements (bold UI names) in its placeholders: marked in t(), split back into nodes. */
function rich(key: MessageKey, ...nodes: ComponentChild[]): ComponentChild[] {
  const marks = nodes.map((_, i) => `\uE000${i}\uE000`);
  return t(key, ...marks)
    .split(/\uE000(\d)\uE000/)
    .map((part, i) => (i % 2 ? nodes[Number(part)] : part));
}

type Loaded = { settings: Settings; locked: SettingsField[]; redirectUri: string };

export function Options() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [form, setForm] = useState<Settings | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saveError, setSaveError] = useState<AppErrorData | null>(null);
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    send('settings.get', null).then(
      (l) => {
        setLoaded(l);
        setForm(l.settings);
      },
      (e) => setSaveError(AppError.from(e).toJSON()),
    );
  }, []);

  if (!loaded || !form)
    return <main>{saveError ? <p role="alert">{saveError.message}</p> : <p>{t('settingsLoading')}</p>}</main>;
  const locked = new Set(loaded.locked);
  const set = (k: SettingsField, v: string | boolean) => {
    setSaved(false);
    setForm({ ...form, [k]: v } as Settings);
    if (errors[k]) setErrors({ ...errors, [k]: undefined });
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    setSaveError(null);
    const result = validateSettings(form);
    if (!result.ok) {
      setErrors(result.errors);
      const first = Object.keys(result.errors)[0];
      document.getElementById(`field-${first}`)?.focus();
      return;
    }
    setErrors({});
    // National clouds need their hosts: ask while we still have the click's user gesture.
    const origins = CLOUDS[result.settings.cloud].optionalOrigins;
    if (origins.length && !(await chrome.permissions.request({ origins }))) {
      setErrors({
        cloud: t(
          'settingsErrorCloudAccess',
          new Intl.ListFormat(uiLanguage(), { type: 'conjunction' }).format(
            origins.map((o) => new URL(o.replace('/*', '/')).host),
          ),
        ),
      });
      return;
    }
    try {
      const l = await send('settings.save', result.settings);
      setLoaded(l);
      setForm(l.settings);
      setSaved(true);
    } catch (err) {
      setSaveError(AppError.from(err).toJSON());
    }
  };

  const field = (k: TextField, label: string, hint: string, input: preact.JSX.Element) => (
    <div class="field">
      <label for={`field-${k}`}>{label}</label>
      {input}
      <div class="hint" id={`hint-${k}`}>
        {hint}
      </div>
      {locked.has(k) && <div class="locked">{t('settingsLocked')}</div>}
      {errors[k] && (
        <div role="alert" id={`error-${k}`}>
          {errors[k]}
        </div>
      )}
    </div>
  );
  const common = (k: SettingsField) => ({
    id: `field-${k}`,
    disabled: locked.has(k),
    'aria-invalid': errors[k] ? ('true' as const) : undefined,
    'aria-describedby': `hint-${k}${errors[k] ? ` error-${k}` : ''}`,
  });

  return (
    <main>
      <h1>{t('settingsTitle')}</h1>
      <form onSubmit={save} noValidate>
        {field(
          'tenant',
          t('settingsTenantLabel'),
          t('settingsTenantHint'),
          <input
            type="text"
            {...common('tenant')}
            value={form.tenant}
            autocomplete="off"
            spellcheck={false}
            onInput={(e) => set('tenant', (e.target as HTMLInputElement).value)}
          />,
        )}
        {field(
          'clientId',
          t('settingsClientIdLabel'),
          t('settingsClientIdHint'),
          <input
            type="text"
            {...common('clientId')}
            value={form.clientId}
            autocomplete="off"
            spellcheck={false}
            onInput={(e) => set('clientId', (e.target as HTMLInputElement).value)}
          />,
        )}
        {field(
          'cloud',
          t('settingsCloudLabel'),
          t('settingsCloudHint'),
          <select
            {...common('cloud')}
            value={form.cloud}
            onChange={(e) => set('cloud', (e.target as HTMLSelectElement).value as CloudId)}
          >
            {Object.values(CLOUDS).map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>,
        )}
        {field(
          'passkeyNameTemplate',
          t('settingsTemplateLabel'),
          t('settingsTemplateHint', MAX_NAME),
          <input
            type="text"
            {...common('passkeyNameTemplate')}
            value={form.passkeyNameTemplate}
            onInput={(e) => set('passkeyNameTemplate', (e.target as HTMLInputElement).value)}
          />,
        )}
        <div class="field">
          <label>
            <input
              type="checkbox"
              id="field-pagesInMyLanguage"
              checked={form.pagesInMyLanguage}
              disabled={locked.has('pagesInMyLanguage')}
              aria-describedby="hint-pagesInMyLanguage"
              onChange={(e) => set('pagesInMyLanguage', (e.target as HTMLInputElement).checked)}
            />{' '}
            {t('settingsPagesInMyLanguageLabel')}
          </label>
          <div class="hint" id="hint-pagesInMyLanguage">
            {t('settingsPagesInMyLanguageHint')}
          </div>
          {locked.has('pagesInMyLanguage') && <div class="locked">{t('settingsLocked')}</div>}
        </div>
        <div class="row">
          <button type="submit" class="primary">
            {t('settingsSave')}
          </button>
          <span role="status">{saved ? t('settingsSaved') : ''}</span>
        </div>
        {saveError && (
          <div role="alert" class="alert">
            {saveError.message} {saveError.action}
          </div>
        )}
      </form>

      <SetupCheck />

      <h2>{t('settingsRegisterHeading')}</h2>
      <ol>
        <li>
          {rich(
            'settingsRegisterStepNew',
            <strong>{t('settingsUiAppRegistrations')}</strong>,
            <strong>{t('settingsUiNewRegistration')}</strong>,
          )}
        </li>
        <li>
          {rich('settingsRegisterStepPlatform', <strong>{t('settingsUiSinglePageApplication')}</strong>)}
          <div class="row" style="margin-top:4px">
            <code id="redirect-uri">{loaded.redirectUri}</code>
            <button
              type="button"
              onClick={() => navigator.clipboard.writeText(loaded.redirectUri).then(() => setCopied(true))}
              aria-describedby="redirect-uri"
            >
              {t('settingsCopyRedirectUri')}
            </button>
            <span role="status">{copied ? t('settingsCopied') : ''}</span>
          </div>
        </li>
        <li>
          {rich(
            'settingsRegisterStepPermissions',
            <strong>{t('settingsUiApiPermissions')}</strong>,
            <strong>{t('settingsUiDelegated')}</strong>,
            <strong>{t('settingsUiGrantAdminConsent')}</strong>,
          )}
          <table>
            <thead>
              <tr>
                <th>{t('settingsPermissionColumn')}</th>
                <th>{t('settingsWhyColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {GRAPH_PERMISSIONS.map((p) => (
                <tr key={p.scope}>
                  <td>
                    <code>{p.scope}</code>
                  </td>
                  <td>{p.why}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </li>
        <li>
          {rich(
            'settingsRegisterStepRole',
            <strong>{t('setupRoleAuthenticationAdministrator')}</strong>,
            <strong>{t('setupRolePrivilegedAuthenticationAdministrator')}</strong>,
          )}
        </li>
      </ol>
    </main>
  );
}
