// For plain .mjs callers (demo, bench): `import { startFakeCloud } from '../fake-cloud/index.mjs'`.
// Registers tsx so the TypeScript sources load under plain Node, then re-exports the public API.
import { register } from 'tsx/esm/api';

register();
const api = await import('./index.ts');

export const {
  startFakeCloud,
  fakeFetch,
  FakeTenant,
  defaultConfig,
  defaultPolicies,
  FAKE_HOSTS,
  CONTROL_HOST,
  ROLE,
  FIXED_USERS,
  HANDLED,
  html,
  json,
  redirect,
  text,
} = api;
export default api;
