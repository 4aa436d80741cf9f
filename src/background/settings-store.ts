/** Settings live in storage.local (nothing secret); managed policy values (storage.managed) win. */
import { mergeManaged, validateSettings, type Settings, type SettingsField } from '../shared/settings';
import { AppError } from '../shared/errors';

export async function readManaged(): Promise<Record<string, unknown>> {
  try {
    return (await chrome.storage.managed.get(null)) as Record<string, unknown>;
  } catch {
    return {}; // no policy schema support (e.g. unpacked without policy): nothing managed
  }
}

export async function loadSettings(): Promise<{ settings: Settings; locked: SettingsField[] }> {
  const { settings: saved } = (await chrome.storage.local.get('settings')) as { settings?: Partial<Settings> };
  return mergeManaged(saved ?? {}, await readManaged());
}

export async function saveSettings(input: Partial<Settings>): Promise<{ settings: Settings; locked: SettingsField[] }> {
  const { locked } = await loadSettings();
  const managed = await readManaged();
  // Locked fields keep the policy value whatever the page sent.
  const candidate = { ...input };
  for (const f of locked) (candidate as Record<string, unknown>)[f] = managed[f];
  const result = validateSettings(candidate);
  if (!result.ok) {
    const [field, message] = Object.entries(result.errors)[0]!;
    throw new AppError({ code: `settings-invalid:${field}`, message: message!, action: 'Correct the highlighted field and save again.' });
  }
  await chrome.storage.local.set({ settings: result.settings });
  return loadSettings();
}

export const redirectUri = () => chrome.identity.getRedirectURL();
