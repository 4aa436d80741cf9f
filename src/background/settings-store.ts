/** Settings live in storage.local (nothing secret); managed policy values (storage.managed) win. */
import { mergeManaged, validateSettings, type Settings, type SettingsField } from '../shared/settings';
import { AppError } from '../shared/errors';
import { t } from '../shared/i18n';

export async function readManaged(): Promise<Record<string, unknown>> {
  try {
    return (await chrome.storage.managed.get(null)) as Record<string, unknown>;
  } catch {
    return {}; // no policy schema support (e.g. unpacked without policy): nothing managed
  }
}

type Loaded = { settings: Settings; locked: SettingsField[] };
/** Every Graph call needs the settings: kept in worker memory, dropped whenever storage or policy changes them. */
let memo: Promise<Loaded> | null = null;
let watching = false;

export function loadSettings(): Promise<Loaded> {
  if (!watching) {
    watching = true;
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area === 'managed' || (area === 'local' && 'settings' in changes)) memo = null;
    });
  }
  memo ??= (async () => {
    const { settings: saved } = (await chrome.storage.local.get('settings')) as { settings?: Partial<Settings> };
    return mergeManaged(saved ?? {}, await readManaged());
  })().catch((e: unknown) => {
    memo = null;
    throw e;
  });
  return memo.then((l) => ({ settings: { ...l.settings }, locked: [...l.locked] }));
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
    throw new AppError({
      code: `settings-invalid:${field}`,
      message: message!,
      action: t('errSettingsInvalidAction'),
    });
  }
  await chrome.storage.local.set({ settings: result.settings });
  memo = null;
  return loadSettings();
}

export const redirectUri = () => chrome.identity.getRedirectURL();
