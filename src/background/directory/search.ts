/** Builds the Graph user search: server-side $search (tokenised prefix match) over name, UPN and mail. Pure. */
export const USER_SELECT = 'id,displayName,userPrincipalName,mail,accountEnabled,userType';
export const PAGE_SIZE = 25;

/** $search clause values are quoted; a quote or backslash inside would end the clause early. */
export function searchClause(query: string): string {
  const q = query.trim().replace(/["\\]/g, ' ').replace(/\s+/g, ' ').trim();
  return ['displayName', 'userPrincipalName', 'mail'].map((p) => `"${p}:${q}"`).join(' OR ');
}

export function searchPath(query: string): string {
  const params = new URLSearchParams({
    $search: searchClause(query),
    $select: USER_SELECT,
    $top: String(PAGE_SIZE),
    $count: 'true',
    $orderby: 'displayName',
  });
  return `/users?${params.toString()}`;
}

export function listPath(): string {
  return `/users?${new URLSearchParams({ $select: USER_SELECT, $top: String(PAGE_SIZE), $orderby: 'displayName' }).toString()}`;
}
