import type { BranchLevel, MembershipStatus, OrganisationKind, Role } from './roles';
import type { UserLanguage } from './notification-texts';
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
  /** The language of the user's notification e-mails: zh-CN or en. */
  language: UserLanguage;
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
  /** Only when this sign-in completed second-factor enrolment: ten one-time recovery codes, shown once. */
  recoveryCodes?: string[];
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
  /** Facts of the action only (ids, states, counts), never case content; `omitted` names keys left out. */
  detail: Record<string, unknown>;
  actorName: string | null;
  actorUserId: string | null;
  /** An API key's actions (a bank's system) name the key. */
  actorApiKeyId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  /** The entry's place in its organisation's hash chain and its sha256 (`npm run audit:verify` checks them). */
  chainSeq: string;
  hash: string;
}

/** Someone who appears in an organisation's audit trail (the actor filter). */
export interface AuditActor {
  id: string;
  name: string;
}

/** The queue dashboard: open `url` in a new tab; the cookie set with this answer lets it in. */
export interface QueueBoardSession {
  url: string;
}

/** POST /auth/second-factor/enrolment: the new secret, once; the portal shows the URI as a QR code. */
export interface SecondFactorEnrolment {
  secret: string;
  otpauthUri: string;
}

/** GET /auth/second-factor. */
export interface SecondFactorStatus {
  enrolled: boolean;
  enrolledAt: string | null;
  /** Whether this user must have one (their role, organisation kind or institution's policy). */
  required: boolean;
  recoveryCodesLeft: number;
}

/** Ten one-time codes, shown once. */
export interface RecoveryCodes {
  recoveryCodes: string[];
}

/** GET /auth/sessions: one signed-in device (a sign-in session, not a mediation session). */
export interface SignedInSessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  /** The session making this request. */
  current: boolean;
}

export interface RevokedSessions {
  revoked: number;
}

/** PUT /organisations/mine/second-factor-policy: whether all the institution's users need a second factor. */
export interface SecondFactorPolicy {
  required: boolean;
}
