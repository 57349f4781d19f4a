/** Shapes of the API's JSON answers used by the portal. */

export type OrgKind = 'platform' | 'center' | 'institution' | 'regulator';

export type Role =
  | 'platform_admin'
  | 'center_admin'
  | 'intake_officer'
  | 'mediator'
  | 'liaison_officer'
  | 'institution_admin'
  | 'branch_manager'
  | 'complaint_handler'
  | 'viewer'
  | 'regulator_analyst'
  | 'regulator_supervisor';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  organisation: { id: string; kind: OrgKind; name: string; code?: string | null };
  branchId: string | null;
  branchName?: string | null;
}

export interface SignInResponse {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: Me;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Organisation {
  id: string;
  kind: OrgKind;
  name: string;
  code: string | null;
  regionCode: string | null;
  isActive: boolean;
  createdAt: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  organisationId: string;
  isActive: boolean;
  branchId: string | null;
  branchName: string | null;
  affiliatedInstitutionId: string | null;
  affiliatedInstitutionName: string | null;
  createdAt: string;
}

export type MembershipStatus = 'active' | 'suspended' | 'ended';

export interface Membership {
  id: string;
  institutionId: string;
  institutionName: string;
  centerId: string;
  centerName: string;
  status: MembershipStatus;
  since: string;
}

export type BranchLevel = 'head_office' | 'branch' | 'sub_branch' | 'outlet';

export interface Branch {
  id: string;
  parentId: string | null;
  name: string;
  level: BranchLevel;
  code: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  key: string;
}

export interface AuditEvent {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, unknown> | null;
}
