/**
 * Row-level security for migrations: the predicates and policy shapes the isolation migrations
 * repeat, table by table. A migration names its table's policies beside the table; these build
 * the statements, and the migration runs each of them with its query runner.
 *
 * The text is frozen: applied migrations (the session console's and outcomes' isolation) run
 * these very strings, and a database migrated before a change would no longer match one migrated
 * after it. A new rule is a new function; rls.spec.ts pins the text. Migrations older than this
 * file spell the same predicates out in their own words and stay as they are.
 */

/** The worker and the consumer's own pages act as the system scope. */
export const SYSTEM = `(SELECT app_kind()) = 'system'`;

/**
 * A row of the caller's own center. Each app_*() call sits in a scalar subquery: evaluated once
 * per statement (an initplan), not once per row.
 */
export const CENTER_OWN = `((SELECT app_kind()) = 'center' AND center_id = (SELECT app_org_id()))`;

/** A row of the caller's own institution, within a pinned user's branch subtree (CaseOwned's columns). */
export const INSTITUTION_OWN = `((SELECT app_kind()) = 'institution' AND institution_id = (SELECT app_org_id())
  AND ((SELECT app_branch_path()) IS NULL OR branch_path LIKE (SELECT app_branch_path()) || '%'))`;

/** RLS on and forced (for the table's owner too): without a policy for the caller a table shows nothing. */
export function enableRowLevelSecurity(table: string): string[] {
  return [`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`, `ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`];
}

/**
 * A table whose rows belong to a case (an entity extending CaseOwned): read like the case (the
 * center, the respondent institution's subtree), written and changed by the center; policies
 * `<table>_read`, `<table>_write`, `<table>_change`.
 */
export function caseOwnedPolicies(table: string): string[] {
  return [
    `CREATE POLICY ${table}_read ON ${table} FOR SELECT USING (${SYSTEM} OR ${CENTER_OWN} OR ${INSTITUTION_OWN})`,
    `CREATE POLICY ${table}_write ON ${table} FOR INSERT WITH CHECK (${SYSTEM} OR ${CENTER_OWN})`,
    `CREATE POLICY ${table}_change ON ${table} FOR UPDATE USING (${SYSTEM} OR ${CENTER_OWN}) WITH CHECK (${SYSTEM} OR ${CENTER_OWN})`,
  ];
}

/** A table of the center's own (its method, its rooms): only the center reads and writes it; policy `<table>_center`. */
export function centerOwnedPolicy(table: string): string {
  return `CREATE POLICY ${table}_center ON ${table} FOR ALL USING (${SYSTEM} OR ${CENTER_OWN}) WITH CHECK (${SYSTEM} OR ${CENTER_OWN})`;
}
