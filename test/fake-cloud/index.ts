/** Public API of the fake Microsoft cloud (Entra authority + Microsoft Graph) used by tests, demo and bench. */
export { startFakeCloud, FAKE_HOSTS, CONTROL_HOST, type FakeCloud, type FakeCloudOptions } from './server.ts';
export { fakeFetch, type FakeFetchInit, type FakeFetchResponse } from './client.ts';
export {
  FakeTenant,
  defaultConfig,
  makeEs256Credential,
  modelForAaguid,
  FIXED_USERS,
  ROLE,
  ROLE_NAMES,
  MEMBER_ROLE_TEMPLATE,
  CDP_VIRTUAL_AAGUID,
  ZERO_AAGUID,
  DEFAULT_TENANT_ID,
  DEFAULT_DOMAIN,
  DEFAULT_CLIENT_ID,
  DEFAULT_EXTENSION_ID,
  DEFAULT_PASSWORD,
  type FakeCloudConfig,
  type FakeUser,
  type FakeGroup,
  type StoredFido2Method,
  type StoredTap,
  type TapValidation,
  type TenantOptions,
  type ErrorSpec,
  type AuthorizeErrorSpec,
  type FakeCloudConfigInit,
} from './tenant.ts';
export {
  ALL_USERS,
  defaultPolicies,
  applyPolicyOverrides,
  isUserTargeted,
  aaguidAllowed,
  type Policies,
  type PolicyOverrides,
  type Fido2Policy,
  type TapPolicy,
  type KeyRestrictions,
} from './policies.ts';
export {
  Faults,
  RequestLog,
  type FaultRule,
  type SerializedFaultRule,
  type RequestLogEntry,
  type RequestFilter,
} from './faults.ts';
export {
  Authority,
  LOGIN_HOSTS,
  signJwt,
  type AuthFlow,
  type SignInContext,
  type SignInHooks,
  type SignInUi,
  type FirstPartyClient,
  type LoginSession,
} from './authority.ts';
export { Graph } from './graph.ts';
export { renderLoginPage, errorBlock, identityBanner, type LoginPageOptions } from './login-page.ts';
export {
  HANDLED,
  html,
  json,
  redirect,
  text,
  bodyForm,
  bodyJson,
  type FakeRequest,
  type FakeResponse,
  type FakeHandler,
} from './http.ts';
// The fake Microsoft pages of the guided flow (My Sign-ins, fido/create, TAP view) and their pure render functions.
export * from './pages/index.ts';
