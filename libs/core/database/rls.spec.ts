import { caseOwnedPolicies, centerOwnedPolicy, enableRowLevelSecurity } from './rls';

// Applied migrations run these strings: a change here would make a database migrated after it
// differ from one migrated before. Add a new function for a new rule instead.
describe('RLS helpers for migrations (frozen text)', () => {
  const system = `(SELECT app_kind()) = 'system'`;
  const center = `((SELECT app_kind()) = 'center' AND center_id = (SELECT app_org_id()))`;
  const institution = `((SELECT app_kind()) = 'institution' AND institution_id = (SELECT app_org_id())
  AND ((SELECT app_branch_path()) IS NULL OR branch_path LIKE (SELECT app_branch_path()) || '%'))`;

  it('enables and forces RLS', () => {
    expect(enableRowLevelSecurity('session_calls')).toEqual([
      'ALTER TABLE "session_calls" ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE "session_calls" FORCE ROW LEVEL SECURITY',
    ]);
  });

  it('reads a case-owned row like its case and lets the center write it', () => {
    expect(caseOwnedPolicies('case_outcomes')).toEqual([
      `CREATE POLICY case_outcomes_read ON case_outcomes FOR SELECT USING (${system} OR ${center} OR ${institution})`,
      `CREATE POLICY case_outcomes_write ON case_outcomes FOR INSERT WITH CHECK (${system} OR ${center})`,
      `CREATE POLICY case_outcomes_change ON case_outcomes FOR UPDATE USING (${system} OR ${center}) WITH CHECK (${system} OR ${center})`,
    ]);
  });

  it("keeps a center's own table to the center", () => {
    expect(centerOwnedPolicy('session_calls')).toBe(
      `CREATE POLICY session_calls_center ON session_calls FOR ALL USING (${system} OR ${center}) WITH CHECK (${system} OR ${center})`,
    );
  });
});
