/** One audit record per provisioning attempt. Never a TAP, token or PIN. */
import type { Mode } from './protocol';

export type Outcome = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'skipped' | 'interrupted';

export interface HistoryRecord {
  id: string;
  /** epoch ms */
  time: number;
  finishedAt?: number;
  admin: string;
  userId: string;
  userPrincipalName: string;
  userDisplayName: string;
  mode: Mode;
  outcome: Outcome;
  keyModel?: string | null;
  aaguid?: string | null;
  passkeyName?: string | null;
  attestationLevel?: string | null;
  requestIds: string[];
  error?: string;
  errorCode?: string;
  queueRunId?: string;
}

export interface HistoryFilter {
  user?: string;
  outcome?: Outcome | '';
  from?: number;
  to?: number;
}

export function matchesFilter(r: HistoryRecord, f: HistoryFilter): boolean {
  const q = f.user?.trim().toLowerCase();
  if (q && !r.userPrincipalName.toLowerCase().includes(q) && !r.userDisplayName.toLowerCase().includes(q)) return false;
  if (f.outcome && r.outcome !== f.outcome) return false;
  if (f.from !== undefined && r.time < f.from) return false;
  if (f.to !== undefined && r.time > f.to) return false;
  return true;
}

export const HISTORY_COLUMNS: (keyof HistoryRecord)[] = [
  'time',
  'finishedAt',
  'admin',
  'userPrincipalName',
  'userDisplayName',
  'userId',
  'mode',
  'outcome',
  'keyModel',
  'aaguid',
  'passkeyName',
  'attestationLevel',
  'requestIds',
  'errorCode',
  'error',
  'queueRunId',
  'id',
];

/**
 * A cell a spreadsheet would read as a formula (OWASP "CSV injection": it starts with = + - @, a tab or a carriage
 * return) gets a leading apostrophe, so it is shown as text. Display names and job titles come from on-premises AD,
 * where anyone who can edit their own profile can start a name with "=".
 */
export const neutraliseFormula = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

/**
 * Flat rows for CSV: ISO times, request ids joined, no cell a spreadsheet would run. The export is data, not UI: its
 * column names (HISTORY_COLUMNS) and values (mode, outcome codes) stay the same in every UI language, so scripts and
 * SIEM imports read any admin's file; the popup shows the translated words (src/popup/Station.tsx).
 */
export function historyRows(records: HistoryRecord[]): Record<string, string>[] {
  return records.map((r) => {
    const row: Record<string, string> = {};
    for (const c of HISTORY_COLUMNS) {
      const v = r[c];
      row[c] = neutraliseFormula(
        v === undefined || v === null
          ? ''
          : c === 'time' || c === 'finishedAt'
            ? new Date(v as number).toISOString()
            : Array.isArray(v)
              ? v.join(' ')
              : String(v),
      );
    }
    return row;
  });
}

/** Entra admin center links for the user's sign-in and audit logs. */
export function entraLogLinks(adminCenter: string, userId: string) {
  const base = `${adminCenter}/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~`;
  return {
    signIns: `${base}/SignIns/userId/${encodeURIComponent(userId)}`,
    audit: `${base}/AuditLogs/userId/${encodeURIComponent(userId)}`,
  };
}
