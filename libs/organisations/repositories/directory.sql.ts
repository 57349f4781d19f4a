/**
 * Organisations' tables as scalar SQL expressions, for libs above that must answer in one
 * statement (the filing, a case list's names): they compose these instead of joining
 * `organisations`, `branches`, `memberships` or `users` themselves, so those tables' columns
 * are named here only. Arguments are SQL expressions (a `$n` placeholder or a column such as
 * `c.center_id`). Everything runs under the caller's RLS: a name the caller may not read is NULL.
 */
export const directorySql = {
  organisationName: (id: string) => `(SELECT name FROM organisations WHERE id = ${id})`,
  organisationCode: (id: string) => `(SELECT code FROM organisations WHERE id = ${id})`,
  /** The center's code (the case-number prefix) while it is an active center, else NULL. */
  activeCenterCode: (id: string) => `(SELECT code FROM organisations WHERE id = ${id} AND kind = 'center' AND is_active)`,
  isActiveMember: (centerId: string, institutionId: string) =>
    `EXISTS (SELECT 1 FROM memberships WHERE center_id = ${centerId} AND institution_id = ${institutionId} AND status = 'active')`,
  branchName: (id: string) => `(SELECT name FROM branches WHERE id = ${id})`,
  /** The branch's materialised path if it belongs to the institution, else NULL. */
  branchPath: (id: string, institutionId: string) => `(SELECT path FROM branches WHERE id = ${id} AND institution_id = ${institutionId})`,
  userName: (id: string) => `(SELECT display_name FROM users WHERE id = ${id})`,
} satisfies Record<string, (...args: string[]) => string>;
