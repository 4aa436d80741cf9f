import { CLOUDS, isCloudId, type CloudId } from './clouds';
import { t } from './i18n';

/** What the admin (or a policy) configures. Nothing here is secret. */
export interface Settings {
  tenant: string;
  clientId: string;
  cloud: CloudId;
  passkeyNameTemplate: string;
  /** Guided mode: leave Microsoft's pages in the browser's language instead of asking for English. */
  pagesInMyLanguage: boolean;
}

export type SettingsField = keyof Settings;
/** The fields typed as text (the others are switches). */
export type TextField = Exclude<SettingsField, 'pagesInMyLanguage'>;

export const DEFAULT_SETTINGS: Settings = {
  tenant: '',
  clientId: '',
  cloud: 'global',
  passkeyNameTemplate: '{model} {date}',
  pagesInMyLanguage: false,
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A DNS name with at least one dot, labels of 1–63 letters, digits or hyphens, not starting or ending with a hyphen.
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const RESERVED_TENANTS = new Set(['common', 'organizations', 'consumers']);

export const isGuid = (v: string) => GUID.test(v);

export type FieldErrors = Partial<Record<SettingsField, string>>;

/** Trims and checks each field; returns the cleaned settings or the specific reason per field. */
export function validateSettings(
  input: Partial<Record<SettingsField, unknown>>,
): { ok: true; settings: Settings } | { ok: false; errors: FieldErrors } {
  const pagesInMyLanguage = input.pagesInMyLanguage === true;
  const errors: FieldErrors = {};
  const tenant = String(input.tenant ?? '')
    .trim()
    .toLowerCase();
  const clientId = String(input.clientId ?? '')
    .trim()
    .toLowerCase();
  const cloud = input.cloud ?? DEFAULT_SETTINGS.cloud;
  const passkeyNameTemplate = String(input.passkeyNameTemplate ?? DEFAULT_SETTINGS.passkeyNameTemplate).trim();

  if (!tenant) errors.tenant = t('settingsErrorTenantEmpty');
  else if (RESERVED_TENANTS.has(tenant)) errors.tenant = t('settingsErrorTenantReserved', tenant);
  else if (tenant === '00000000-0000-0000-0000-000000000000') errors.tenant = t('settingsErrorTenantZero');
  else if (!isGuid(tenant) && !DOMAIN.test(tenant)) errors.tenant = t('settingsErrorTenantInvalid');

  if (!clientId) errors.clientId = t('settingsErrorClientIdEmpty');
  else if (!isGuid(clientId)) errors.clientId = t('settingsErrorClientIdInvalid');
  else if (clientId === '00000000-0000-0000-0000-000000000000') errors.clientId = t('settingsErrorClientIdZero');

  if (!isCloudId(cloud))
    errors.cloud = t(
      'settingsErrorCloudUnknown',
      String(cloud),
      Object.values(CLOUDS)
        .map((c) => c.label)
        .join(', '),
    );

  if (!passkeyNameTemplate) errors.passkeyNameTemplate = t('settingsErrorTemplateEmpty');
  else if (/\{(?!model\}|date\}|upn\}|name\})[^}]*\}/.test(passkeyNameTemplate))
    errors.passkeyNameTemplate = t('settingsErrorTemplatePlaceholder');

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    settings: { tenant, clientId, cloud: cloud as CloudId, passkeyNameTemplate, pagesInMyLanguage },
  };
}

/** Managed (policy) values win over what the admin saved; returns which fields are locked. */
export function mergeManaged(
  saved: Partial<Settings>,
  managed: Partial<Record<SettingsField, unknown>>,
): { settings: Settings; locked: SettingsField[] } {
  const locked: SettingsField[] = [];
  const merged: Settings = { ...DEFAULT_SETTINGS, ...saved };
  for (const key of Object.keys(DEFAULT_SETTINGS) as SettingsField[]) {
    const value = managed[key];
    if (key === 'pagesInMyLanguage') {
      if (typeof value === 'boolean') {
        merged.pagesInMyLanguage = value;
        locked.push(key);
      }
      continue;
    }
    if (typeof value === 'string' && value.trim()) {
      if (key === 'cloud' && !isCloudId(value)) continue;
      (merged as unknown as Record<string, string>)[key] = value.trim();
      locked.push(key);
    }
  }
  return { settings: merged, locked };
}

export const isConfigured = (s: Settings) => validateSettings(s).ok;
