/**
 * The slice of OData that directory collections support: $filter (a small parser), $search, $select,
 * $orderby, $top, $count and $skiptoken paging, with Graph's "advanced query" rules
 * (ConsistencyLevel: eventual + $count=true).
 */
import { splitTokens } from './tenant.ts';

export class ODataError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// $filter

export type FilterNode =
  | { k: 'and' | 'or'; a: FilterNode; b: FilterNode }
  | { k: 'not'; a: FilterNode }
  | { k: 'cmp'; op: 'eq' | 'ne'; prop: string; value: string | boolean | null }
  | { k: 'in'; prop: string; values: (string | boolean | null)[] }
  | { k: 'fn'; fn: 'startswith' | 'endswith'; prop: string; value: string };

type Tok =
  | { t: 'id'; v: string }
  | { t: 'str'; v: string }
  | { t: 'lit'; v: boolean | null }
  | { t: 'num'; v: string }
  | { t: '(' }
  | { t: ')' }
  | { t: ',' };

function lexFilter(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      out.push({ t: c });
      i++;
      continue;
    }
    if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= s.length)
          throw new ODataError(400, 'BadRequest', `Invalid filter clause: unterminated string literal in '${s}'.`);
        if (s[i] === "'") {
          if (s[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += s[i++];
      }
      out.push({ t: 'str', v });
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_./]*/.exec(s.slice(i));
    if (m) {
      const w = m[0];
      if (w === 'true' || w === 'false') out.push({ t: 'lit', v: w === 'true' });
      else if (w === 'null') out.push({ t: 'lit', v: null });
      else out.push({ t: 'id', v: w });
      i += w.length;
      continue;
    }
    const n = /^-?\d+(\.\d+)?/.exec(s.slice(i));
    if (n) {
      out.push({ t: 'num', v: n[0] });
      i += n[0].length;
      continue;
    }
    throw new ODataError(400, 'BadRequest', `Invalid filter clause: syntax error at position ${i} in '${s}'.`);
  }
  return out;
}

export function parseFilter(s: string): FilterNode {
  const toks = lexFilter(s);
  let p = 0;
  const syntax = (what: string) => new ODataError(400, 'BadRequest', `Invalid filter clause: ${what} in '${s}'.`);
  const peekId = (v: string) => {
    const t = toks[p];
    return t?.t === 'id' && t.v.toLowerCase() === v;
  };
  const expect = (t: Tok['t']) => {
    if (toks[p]?.t !== t) throw syntax(`'${t}' expected at token ${p}`);
    return toks[p++]!;
  };
  const literal = (): string | boolean | null => {
    const t = toks[p++];
    if (!t) throw syntax('value expected');
    if (t.t === 'str') return t.v;
    if (t.t === 'lit') return t.v;
    if (t.t === 'num') return t.v;
    throw syntax('literal expected');
  };
  const orExpr = (): FilterNode => {
    let a = andExpr();
    while (peekId('or')) {
      p++;
      a = { k: 'or', a, b: andExpr() };
    }
    return a;
  };
  const andExpr = (): FilterNode => {
    let a = unary();
    while (peekId('and')) {
      p++;
      a = { k: 'and', a, b: unary() };
    }
    return a;
  };
  const unary = (): FilterNode => {
    if (peekId('not')) {
      p++;
      return { k: 'not', a: unary() };
    }
    return primary();
  };
  const primary = (): FilterNode => {
    const t = toks[p];
    if (!t) throw syntax('expression expected');
    if (t.t === '(') {
      p++;
      const e = orExpr();
      expect(')');
      return e;
    }
    if (t.t !== 'id') throw syntax('property or function expected');
    p++;
    const name = t.v;
    if (toks[p]?.t === '(') {
      p++;
      const fn = name.toLowerCase();
      if (fn !== 'startswith' && fn !== 'endswith')
        throw new ODataError(400, 'Request_UnsupportedQuery', 'Unsupported Query.');
      const propTok = expect('id') as { t: 'id'; v: string };
      expect(',');
      const v = literal();
      expect(')');
      if (typeof v !== 'string') throw syntax('string literal expected');
      return { k: 'fn', fn, prop: propTok.v, value: v };
    }
    const opTok = toks[p++];
    if (opTok?.t !== 'id') throw syntax('operator expected');
    const op = opTok.v.toLowerCase();
    if (op === 'eq' || op === 'ne') return { k: 'cmp', op, prop: name, value: literal() };
    if (op === 'in') {
      expect('(');
      const values: (string | boolean | null)[] = [literal()];
      while (toks[p]?.t === ',') {
        p++;
        values.push(literal());
      }
      expect(')');
      return { k: 'in', prop: name, values };
    }
    if (['gt', 'ge', 'lt', 'le'].includes(op))
      throw new ODataError(
        400,
        'Request_UnsupportedQuery',
        `Unsupported or invalid query filter clause specified for property '${name}'.`,
      );
    throw syntax(`unknown operator '${opTok.v}'`);
  };
  const root = orExpr();
  if (p !== toks.length) throw syntax(`unexpected token at ${p}`);
  return root;
}

export interface EntitySchema {
  /** 'User', 'Group' (for messages) */
  name: string;
  /** property → how startswith/eq may be used */
  filterable: Record<string, { startswith?: boolean; kind: 'string' | 'bool' }>;
  searchable: Set<string>;
  orderable: Set<string>;
  selectable: Set<string>;
}

/** Checks properties, finds whether the filter needs advanced query capabilities. */
export function analyzeFilter(node: FilterNode, schema: EntitySchema): { advanced: boolean; firstProp: string } {
  let advanced = false;
  let firstProp = '';
  const unsupported = (prop: string) =>
    new ODataError(
      400,
      'Request_UnsupportedQuery',
      `Unsupported or invalid query filter clause specified for property '${prop}' of resource '${schema.name}'.`,
    );
  const visit = (n: FilterNode) => {
    switch (n.k) {
      case 'and':
      case 'or':
        visit(n.a);
        visit(n.b);
        return;
      case 'not':
        advanced = true;
        visit(n.a);
        return;
      default: {
        const f = findProp(schema.filterable, n.prop);
        if (!f) throw unsupported(n.prop);
        firstProp ||= n.prop;
        if (n.k === 'fn') {
          if (!f.startswith) throw unsupported(n.prop);
          if (n.fn === 'endswith') advanced = true;
        }
        if (n.k === 'cmp' && n.op === 'ne') advanced = true;
      }
    }
  };
  visit(node);
  return { advanced, firstProp };
}

function findProp<T>(rec: Record<string, T>, prop: string): T | undefined {
  const key = Object.keys(rec).find((k) => k.toLowerCase() === prop.toLowerCase());
  return key ? rec[key] : undefined;
}

function canonical(rec: Record<string, unknown>, prop: string): string {
  return Object.keys(rec).find((k) => k.toLowerCase() === prop.toLowerCase()) ?? prop;
}

export function compileFilter(node: FilterNode, schema: EntitySchema): (obj: Record<string, unknown>) => boolean {
  const get = (obj: Record<string, unknown>, prop: string) => obj[canonical(schema.filterable, prop)];
  const eq = (a: unknown, b: string | boolean | null) => {
    if (b === null) return a === null || a === undefined;
    if (typeof b === 'boolean') return a === b;
    return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
  };
  const build = (n: FilterNode): ((o: Record<string, unknown>) => boolean) => {
    switch (n.k) {
      case 'and': {
        const a = build(n.a);
        const b = build(n.b);
        return (o) => a(o) && b(o);
      }
      case 'or': {
        const a = build(n.a);
        const b = build(n.b);
        return (o) => a(o) || b(o);
      }
      case 'not': {
        const a = build(n.a);
        return (o) => !a(o);
      }
      case 'cmp':
        return n.op === 'eq' ? (o) => eq(get(o, n.prop), n.value) : (o) => !eq(get(o, n.prop), n.value);
      case 'in':
        return (o) => n.values.some((v) => eq(get(o, n.prop), v));
      case 'fn': {
        const needle = n.value.toLowerCase();
        return n.fn === 'startswith'
          ? (o) => {
              const v = get(o, n.prop);
              return typeof v === 'string' && v.toLowerCase().startsWith(needle);
            }
          : (o) => {
              const v = get(o, n.prop);
              return typeof v === 'string' && v.toLowerCase().endsWith(needle);
            };
      }
    }
  };
  return build(node);
}

// ---------------------------------------------------------------------------------------------
// $search

export type SearchNode = { k: 'and' | 'or'; a: SearchNode; b: SearchNode } | { k: 'term'; prop: string; value: string };

export function parseSearch(raw: string, schema: EntitySchema): SearchNode {
  const s = raw.trim();
  if (!s.startsWith('"')) {
    const colon = s.indexOf(':');
    throw new ODataError(
      400,
      'BadRequest',
      colon >= 0
        ? `Syntax error: character ':' is not valid at position ${colon} in '${s}'.`
        : `Invalid search query '${s}': use "property:value".`,
    );
  }
  const toks: ({ t: 'q'; v: string } | { t: 'op'; v: 'and' | 'or' } | { t: '(' | ')' })[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      toks.push({ t: c });
      i++;
      continue;
    }
    if (c === '"') {
      const end = s.indexOf('"', i + 1);
      if (end < 0) throw new ODataError(400, 'BadRequest', `Syntax error: unterminated quoted string in '${s}'.`);
      toks.push({ t: 'q', v: s.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const m = /^(AND|OR)\b/.exec(s.slice(i));
    if (m) {
      toks.push({ t: 'op', v: m[1]!.toLowerCase() as 'and' | 'or' });
      i += m[0].length;
      continue;
    }
    throw new ODataError(400, 'BadRequest', `Syntax error: character '${c}' is not valid at position ${i} in '${s}'.`);
  }
  let p = 0;
  const term = (): SearchNode => {
    const t = toks[p++];
    if (!t) throw new ODataError(400, 'BadRequest', `Syntax error: search term expected in '${s}'.`);
    if (t.t === '(') {
      const e = orE();
      if (toks[p++]?.t !== ')') throw new ODataError(400, 'BadRequest', `Syntax error: ')' expected in '${s}'.`);
      return e;
    }
    if (t.t !== 'q') throw new ODataError(400, 'BadRequest', `Syntax error: search term expected in '${s}'.`);
    const colon = t.v.indexOf(':');
    if (colon < 0)
      throw new ODataError(
        400,
        'Request_UnsupportedQuery',
        `Search on the ${schema.name} resource requires a property name, e.g. "displayName:${t.v}".`,
      );
    const prop = t.v.slice(0, colon);
    const known = [...schema.searchable].find((x) => x.toLowerCase() === prop.toLowerCase());
    if (!known)
      throw new ODataError(
        400,
        'Request_UnsupportedQuery',
        `Search on property '${prop}' is not supported for the ${schema.name} resource.`,
      );
    return { k: 'term', prop: known, value: t.v.slice(colon + 1) };
  };
  const andE = (): SearchNode => {
    let a = term();
    while (toks[p]?.t === 'op' && (toks[p] as { v: string }).v === 'and') {
      p++;
      a = { k: 'and', a, b: term() };
    }
    return a;
  };
  const orE = (): SearchNode => {
    let a = andE();
    while (toks[p]?.t === 'op' && (toks[p] as { v: string }).v === 'or') {
      p++;
      a = { k: 'or', a, b: andE() };
    }
    return a;
  };
  const root = orE();
  if (p !== toks.length) throw new ODataError(400, 'BadRequest', `Syntax error in '${s}'.`);
  return root;
}

/** Tokenised, case-insensitive prefix match (every token of the term prefixes some token of the value). */
export function compileSearch<T>(node: SearchNode, tokensOf: (obj: T, prop: string) => string[]): (obj: T) => boolean {
  switch (node.k) {
    case 'and': {
      const a = compileSearch(node.a, tokensOf);
      const b = compileSearch(node.b, tokensOf);
      return (o) => a(o) && b(o);
    }
    case 'or': {
      const a = compileSearch(node.a, tokensOf);
      const b = compileSearch(node.b, tokensOf);
      return (o) => a(o) || b(o);
    }
    case 'term': {
      const whole = node.value.toLowerCase().trim();
      const termTokens = splitTokens(node.value);
      return (o) => {
        const vt = tokensOf(o, node.prop);
        if (!vt.length) return false;
        if (!whole) return true;
        if (vt[0]!.startsWith(whole)) return true; // whole-value prefix (vt[0] is the full lower-cased value)
        return termTokens.length > 0 && termTokens.every((tt) => vt.some((v) => v.startsWith(tt)));
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// $select / $top / paging

export function parseSelect(raw: string | null, schema: EntitySchema): string[] | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const props = raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return props.map((p) => {
    const known = [...schema.selectable].find((x) => x.toLowerCase() === p.toLowerCase());
    if (!known)
      throw new ODataError(
        400,
        'BadRequest',
        `Could not find a property named '${p}' on type 'microsoft.graph.${schema.name.toLowerCase()}'.`,
      );
    return known;
  });
}

export function parseTop(raw: string | null, def: number): number {
  if (raw === null) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 999)
    throw new ODataError(
      400,
      'Request_BadRequest',
      `Invalid page size specified: '${raw}'. Must be between 1 and 999 inclusive.`,
    );
  return n;
}

const SKIPTOKEN_PREFIX = 'RFNwdAIAAQAAA';

export function encodeSkipToken(offset: number): string {
  const salt = Math.floor(Math.random() * 0xffff).toString(16);
  return SKIPTOKEN_PREFIX + Buffer.from(`o:${offset}:${salt}`).toString('base64url');
}

export function decodeSkipToken(token: string): number {
  if (token.startsWith(SKIPTOKEN_PREFIX)) {
    const m = /^o:(\d+):/.exec(Buffer.from(token.slice(SKIPTOKEN_PREFIX.length), 'base64url').toString());
    if (m) return Number(m[1]);
  }
  throw new ODataError(
    400,
    'Request_BadRequest',
    'The specified page token value has expired and can no longer be included in your request.',
  );
}
