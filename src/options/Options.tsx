import { useEffect, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { AppError, type AppErrorData } from '../shared/errors';
import { CLOUDS, GRAPH_PERMISSIONS, type CloudId } from '../shared/clouds';
import {
  validateSettings,
  type FieldErrors,
  type Settings,
  type SettingsField,
  type TextField,
} from '../shared/settings';
import { SetupCheck } from './SetupCheck';

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
    return <main>{saveError ? <p role="alert">{saveError.message}</p> : <p>Loading\u2026</p>}</main>;
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
        cloud: `The extension needs access to ${origins.map((o) => new URL(o.replace('/*', '/')).host).join(' and ')} to use this cloud. Save again and allow it.`,
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
      {locked.has(k) && <div class="locked">Set by your organisation\u2019s policy; it cannot be changed here.</div>}
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
      <h1>Passkey Provisioner — Settings</h1>
      <form onSubmit={save} noValidate>
        {field(
          'tenant',
          'Directory (tenant) ID or domain',
          'The tenant ID from Entra admin center → Overview, or a verified domain such as contoso.onmicrosoft.com.',
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
          'Application (client) ID',
          'From your app registration\u2019s Overview page (see the steps below).',
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
          'Cloud',
          'Where your tenant lives. National clouds need their own app registration.',
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
          'Passkey name template',
          'The name users see for their new passkey; at most 30 characters after expansion. Placeholders: {model}, {date}, {upn}, {name}.',
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
            Show Microsoft's pages in my language
          </label>
          <div class="hint" id="hint-pagesInMyLanguage">
            Guided mode asks Microsoft\u2019s sign-in and Security info pages for English, the language the extension
            knows best. Turn this on to keep your browser\u2019s language; the extension still knows the common
            languages and otherwise guides you step by step.
          </div>
          {locked.has('pagesInMyLanguage') && (
            <div class="locked">Set by your organisation\u2019s policy; it cannot be changed here.</div>
          )}
        </div>
        <div class="row">
          <button type="submit" class="primary">
            Save
          </button>
          <span role="status">{saved ? 'Saved. Open the extension and sign in.' : ''}</span>
        </div>
        {saveError && (
          <div role="alert" class="alert">
            {saveError.message} {saveError.action}
          </div>
        )}
      </form>

      <SetupCheck />

      <h2>Register the app in Entra ID</h2>
      <ol>
        <li>
          Entra admin center → <strong>App registrations</strong> → <strong>New registration</strong>; name it e.g.
          "Passkey Provisioner"; accounts in this organizational directory only.
        </li>
        <li>
          Platform <strong>Single-page application</strong>, redirect URI:
          <div class="row" style="margin-top:4px">
            <code id="redirect-uri">{loaded.redirectUri}</code>
            <button
              type="button"
              onClick={() => navigator.clipboard.writeText(loaded.redirectUri).then(() => setCopied(true))}
              aria-describedby="redirect-uri"
            >
              Copy redirect URI
            </button>
            <span role="status">{copied ? 'Copied.' : ''}</span>
          </div>
        </li>
        <li>
          <strong>API permissions</strong> → Microsoft Graph → <strong>Delegated</strong>, then{' '}
          <strong>Grant admin consent</strong>:
          <table>
            <thead>
              <tr>
                <th>Permission</th>
                <th>Why</th>
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
          Admins who provision need the <strong>Authentication Administrator</strong> role (or{' '}
          <strong>Privileged Authentication Administrator</strong> to provision other admins).
        </li>
      </ol>
    </main>
  );
}
