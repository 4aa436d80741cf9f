/** Reads a CSV of UPNs with a real CSV parser; every bad row is reported by line and the rest still queued. Pure. */
import Papa from 'papaparse';
import { t } from './i18n';

export interface CsvImport {
  upns: { line: number; upn: string }[];
  errors: { line: number; message: string }[];
}

const UPN = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]+$/;
const HEADER = /^(userprincipalname|upn|user|email|mail|e-mail)$/i;

export function parseUpnCsv(text: string): CsvImport {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const out: CsvImport = { upns: [], errors: [] };
  const rows = parsed.data;
  let column = 0;
  let start = 0;
  const header = rows[0]?.map((c) => c.trim()) ?? [];
  const named = header.findIndex((c) => HEADER.test(c));
  if (named >= 0) {
    column = named;
    start = 1;
  } else if (header.length && !header.some((c) => UPN.test(c))) {
    start = 1; // a header we do not know: assume the first column holds UPNs
  }
  for (const e of parsed.errors) if (e.row !== undefined) out.errors.push({ line: e.row + 1, message: e.message });
  const seen = new Map<string, number>();
  for (let i = start; i < rows.length; i++) {
    const line = i + 1;
    const row = rows[i]!;
    if (row.every((c) => !c.trim())) continue;
    const value = (row[column] ?? '').trim();
    if (!value) out.errors.push({ line, message: t('stationCsvNoUpn') });
    else if (!UPN.test(value)) out.errors.push({ line, message: t('stationCsvNotUpn', value) });
    else if (seen.has(value.toLowerCase()))
      out.errors.push({ line, message: t('stationCsvDuplicate', value, seen.get(value.toLowerCase())!) });
    else {
      seen.set(value.toLowerCase(), line);
      out.upns.push({ line, upn: value });
    }
  }
  return out;
}
