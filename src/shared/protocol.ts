/**
 * The one typed message protocol between the extension's contexts.
 * Pages (popup, options) and content scripts send requests to the service worker; each request names
 * who may send it, and the service worker checks the sender before running the handler.
 * Responses travel as { ok, value } or { ok: false, error } so errors keep their fields across contexts.
 */
import type { AppErrorData } from './errors';
import type { Settings, SettingsField } from './settings';
import type { QueueState } from './queue';
import type { HistoryFilter, HistoryRecord } from './history';
import type { SetupItem } from './setup-check';

export interface AdminAccount {
  upn: string;
  name: string;
  tenantId: string;
  objectId: string;
  /** Directory role template IDs from the token (wids), when Entra sent them. */
  roles: string[];
}

export type AuthState =
  | { status: 'unconfigured' }
  | { status: 'signed-out'; error?: AppErrorData }
  | { status: 'signing-in' }
  | { status: 'signed-in'; account: AdminAccount; warning?: string };

export interface UserSummary {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string | null;
  accountEnabled?: boolean;
  userType?: string | null;
}

export interface UserPage {
  users: UserSummary[];
  /** Opaque: Graph's @odata.nextLink, passed back for "load more". */
  nextLink?: string;
  query: string;
}

export interface Passkey {
  id: string;
  displayName: string;
  model?: string | null;
  aaGuid?: string | null;
  createdDateTime?: string | null;
  attestationLevel?: string | null;
  passkeyType?: string | null;
}

export interface TapInfo {
  id: string;
  createdDateTime?: string | null;
  startDateTime?: string | null;
  lifetimeInMinutes?: number;
  isUsableOnce?: boolean;
  isUsable?: boolean;
  methodUsabilityReason?: string | null;
}

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'unknown';
export interface ReadinessCheck {
  id: string;
  label: string;
  status: CheckStatus;
  detail: string;
  /** Which modes this check gates. */
  modes: Mode[];
}

export type Mode = 'automatic' | 'guided';

export interface Readiness {
  checks: ReadinessCheck[];
  /** Whether each mode can work, and if not, why. */
  modes: Record<Mode, { available: boolean; reason?: string }>;
  recommended: Mode | null;
}

export interface UserDetail {
  user: UserSummary;
  passkeys: Passkey[];
  tap: TapInfo | null;
  readiness: Readiness;
  requestIds: string[];
}

export type JobPhase =
  | 'preparing'
  | 'waiting-for-key'
  | 'registering'
  | 'verifying'
  | 'signing-in'
  | 'security-info'
  | 'cleaning-up'
  | 'succeeded'
  | 'failed'
  | 'cancelled';

export interface JobStep {
  id: string;
  label: string;
  state: 'pending' | 'active' | 'done' | 'failed' | 'skipped';
}

/** A provisioning job as stored in chrome.storage.session. Never holds a TAP or token. */
export interface Job {
  id: string;
  mode: Mode;
  user: UserSummary;
  phase: JobPhase;
  steps: JobStep[];
  startedAt: number;
  updatedAt: number;
  tabId?: number;
  windowId?: number;
  /** Shown to the admin while the key is needed. */
  prompt?: string;
  result?: {
    passkey: Passkey;
    modelName?: string;
    /** The credential id on the key (for the key-reuse guard); not secret. */
    credentialId?: string;
  };
  /** Set when the job runs as part of a queue. */
  queue?: { runId: string; previousKeyOwner?: string };
  /** A failed POST that can be sent again without touching the key (network loss). */
  retryable?: boolean;
  /** Guided mode only. */
  guided?: {
    stage: GuidedStepId;
    paused: boolean;
    manual: boolean;
    incognito: boolean;
    tapId?: string;
    tapDeleted?: boolean;
    deadline?: number;
    passkeyName: string;
    tapDeliveries: number;
    signInAttempts: number;
    /** The Microsoft web sessions the pre-job clear signed out (the admin's own, usually). */
    adminSignedOut?: boolean;
    /** How the user's Microsoft web session ended (verified), for the admin. */
    signOut?: { confirmed: boolean; adminMustSignInAgain: boolean; detail?: string };
  };
  error?: AppErrorData;
  requestIds: string[];
  /** The service worker (a random id per worker life) that wrote last; see `inflight`. */
  owner?: string;
  /**
   * A call only the owner can finish (a Graph call, opening the window). Absent while the job waits for an event
   * any worker can take up. A job in flight whose owner is gone is ended by the reconciler with the truth.
   */
  inflight?: JobInflight;
  /** Cancel came while a call that creates something was in flight: the job ends when Microsoft answers. */
  cancelRequested?: boolean;
  /** Said with the outcome when there is no error (e.g. "Nothing was registered." — only when true). */
  note?: string;
  /** Ids written before the side effects they undo or explain (never a secret): what the reconciler works from. */
  handles?: JobHandles;
}

export type JobInflight = 'check' | 'options' | 'tap-post' | 'open-window' | 'passkey-post' | 'verify' | 'cleanup';

export interface JobHandles {
  /** The user's passkey ids before the job: a new one is the job's (POST lost its answer, Security info). */
  before?: string[];
  /** The TAP POST was sent (its id may never have come back: the user's passes are listed then). */
  tapPosted?: boolean;
  tapId?: string;
  /** The pass is gone (deleted, or found absent). */
  tapDeleted?: boolean;
  /** A Microsoft session of the user may exist in the admin's profile until it is ended. */
  session?: { upn: string; incognito: boolean };
  sessionEnded?: boolean;
  /** The credential id the key created (the key-reuse guard needs it even when the POST's answer is lost). */
  credentialId?: string;
  /** How a job that is cleaning up will end, unless Graph shows the passkey registered. */
  ending?: { phase: 'failed' | 'cancelled'; error?: AppErrorData; note?: string };
}

export interface StartJobRequest {
  userId: string;
  mode: Mode;
  /** Shown (e.g. in the popup's job banner) until Graph's answer names the user. */
  displayName?: string;
}

/** Requests from extension pages (popup, options). */
export interface PageRequests {
  'auth.state': { req: null; res: AuthState };
  'auth.signIn': { req: null; res: AuthState };
  'auth.signOut': { req: null; res: AuthState };
  'settings.get': { req: null; res: { settings: Settings; locked: SettingsField[]; redirectUri: string } };
  'settings.save': {
    req: Partial<Settings>;
    res: { settings: Settings; locked: SettingsField[]; redirectUri: string };
  };
  'users.search': { req: { query: string; nextLink?: string; requestKey: string }; res: UserPage };
  'users.cancel': { req: { requestKey: string }; res: null };
  'users.detail': { req: { id: string }; res: UserDetail };
  'job.start': { req: StartJobRequest; res: Job };
  'job.current': { req: null; res: Job | null };
  'job.cancel': { req: { jobId: string }; res: Job | null };
  'job.dismiss': { req: { jobId: string }; res: null };
  'job.retry': { req: { jobId: string }; res: Job };
  'queue.get': { req: null; res: QueueState };
  'queue.add': { req: { users: UserSummary[] }; res: { queue: QueueState; added: number; duplicates: number } };
  'queue.addGroup': { req: { groupId: string }; res: { queue: QueueState; added: number; duplicates: number } };
  'queue.importCsv': {
    req: { text: string };
    res: { queue: QueueState; added: number; duplicates: number; errors: { line: number; message: string }[] };
  };
  'queue.remove': { req: { userId: string }; res: QueueState };
  'queue.clear': { req: null; res: QueueState };
  'queue.start': { req: { mode: Mode }; res: QueueState };
  'queue.pause': { req: null; res: QueueState };
  'queue.resume': { req: null; res: QueueState };
  'queue.skip': { req: null; res: QueueState };
  'queue.retryFailed': { req: null; res: QueueState };
  /** Guided runs: the admin confirms a new key is inserted for the next user. */
  'queue.keyReady': { req: null; res: QueueState };
  'groups.search': { req: { query: string }; res: { id: string; displayName: string }[] };
  'history.list': { req: HistoryFilter; res: { records: HistoryRecord[]; adminCenter: string } };
  'passkeys.delete': { req: { userId: string; passkeyId: string }; res: null };
  'tap.revoke': { req: { userId: string; tapId: string }; res: null };
  /** Guided mode: "I registered the key by hand — check now". */
  'job.verify': { req: { jobId: string }; res: Job };
  /** Options page: "Check setup" (src/shared/setup-check.ts). */
  'setup.check': { req: null; res: SetupItem[] };
}

/** Guided-mode steps, in order; the content scripts report the step they reached. */
export type GuidedStepId = 'check' | 'tap' | 'signin' | 'add' | 'key' | 'name' | 'verify' | 'cleanup';

/** What the guided drivers need: who, the passkey name, where we are, and the admin's overrides. */
export interface GuidedContext {
  jobId: string;
  user: { displayName: string; userPrincipalName: string };
  passkeyName: string;
  steps: JobStep[];
  stage: GuidedStepId;
  paused: boolean;
  /** The admin does the current page by hand: drivers only watch and guide. */
  manual: boolean;
  /** When the one-time pass stops working (epoch ms), for the overlay's countdown. */
  deadline?: number;
}

export type GuidedControl = 'pause' | 'resume' | 'manual' | 'auto' | 'cancel';

/** Requests from content scripts; the service worker checks the tab belongs to a job and the page host. */
export interface ContentRequests {
  'ceremony.hello': { req: { role: 'automatic' }; res: CeremonyContext | null };
  /** Answered when the job has an outcome for this ceremony (the overlay shows it), or null if not for this tab. */
  'ceremony.result': {
    req: { jobId: string; credential?: unknown; error?: AppErrorData };
    res: CeremonyOutcome | null;
  };
  'guided.hello': { req: { page: 'login' | 'mysignins' }; res: GuidedContext | null };
  /** The Temporary Access Pass, only to the job's tab on the login host, only while signing in. */
  'guided.tap': { req: { jobId: string }; res: { tap: string } };
  'guided.progress': { req: { jobId: string; step: GuidedStepId; note?: string }; res: GuidedContext | null };
  'guided.fail': { req: { jobId: string; error: AppErrorData }; res: null };
  'guided.control': { req: { jobId: string; action: GuidedControl }; res: GuidedContext | null };
  /** The password view came instead of the pass view: start the sign-in again (bounded). */
  'guided.retrySignIn': { req: { jobId: string }; res: boolean };
}

/** What the automatic-mode content script needs: options to pass to create(), and who it is for. */
export interface CeremonyContext {
  jobId: string;
  userDisplayName: string;
  userPrincipalName: string;
  /** PublicKeyCredentialCreationOptionsJSON, already normalised by the service worker. */
  publicKey: unknown;
  prompt: string;
}

/** What the key tab shows once its ceremony is over. No secret. */
export interface CeremonyOutcome {
  tone: 'success' | 'error' | 'info';
  message: string;
}

/** Messages the service worker pushes to one document (chrome.tabs.sendMessage with its documentId). */
export interface TabPushes {
  /** The kept key tab: run the next ceremony here. Answered true when accepted. */
  'ceremony.begin': CeremonyContext;
}
export interface TabPush<K extends keyof TabPushes = keyof TabPushes> {
  channel: 'passkey-provisioner';
  push: K;
  payload: TabPushes[K];
}
export function isTabPush<K extends keyof TabPushes>(v: unknown, push: K): v is TabPush<K> {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v as TabPush).channel === CHANNEL &&
    (v as TabPush).push === push &&
    typeof (v as TabPush).payload === 'object'
  );
}

export type Requests = PageRequests & ContentRequests;
export type RequestType = keyof Requests;

export interface Envelope<K extends RequestType = RequestType> {
  channel: 'passkey-provisioner';
  type: K;
  payload: Requests[K]['req'];
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const CHANNEL = 'passkey-provisioner' as const;

export function isEnvelope(v: unknown): v is Envelope {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v as Envelope).channel === CHANNEL &&
    typeof (v as Envelope).type === 'string'
  );
}
