import type { BranchLevel, MembershipStatus, OrganisationKind, Role } from './roles';
/** Organisations, their people and their access (DOMAIN.md "Actors and tenants"), as the API answers them. */

export interface OrganisationView {
  id: string;
  kind: OrganisationKind;
  name: string;
  code: string | null;
  regionCode: string | null;
  isActive: boolean;
  createdAt: string;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  organisationId: string;
  branchId: string | null;
  branchName: string | null;
  affiliatedInstitutionId: string | null;
  affiliatedInstitutionName: string | null;
  /** Where session invitations go by e-mail (staff's own address, not a consumer's). */
  email: string | null;
  isActive: boolean;
  createdAt: string;
}

/** GET /me: the signed-in user. */
export interface ProfileView {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  organisation: { id: string; kind: OrganisationKind; name: string; code: string | null };
  branchId: string | null;
  branchName: string | null;
}

/** POST /auth/sign-in and /auth/refresh. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  /** The signed-in user (the same as GET /me). */
  user: ProfileView;
}

export interface MembershipView {
  id: string;
  centerId: string;
  centerName: string;
  institutionId: string;
  institutionName: string;
  status: MembershipStatus;
  since: string;
}

export interface BranchView {
  id: string;
  parentId: string | null;
  name: string;
  level: BranchLevel;
  code: string;
}

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Requests per minute the key may make; past it the API answers 429 with Retry-After. */
  ratePerMinute: number;
}

/** A new key: the only answer that carries the key itself. */
export interface CreatedApiKey extends ApiKeyView {
  key: string;
}

export interface AuditEventView {
  id: string;
  at: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
  actorName: string | null;
}

/** The queue dashboard: open `url` in a new tab; the cookie set with this answer lets it in. */
export interface QueueBoardSession {
  url: string;
}
