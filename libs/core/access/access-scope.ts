import type { OrganisationKind, Role } from '@accord/contracts';

/**
 * Who is asking, as far as visibility goes. It rides in the request context, filters every
 * repository query (first wall) and becomes the transaction's RLS settings (second wall).
 */
export interface AccessScope {
  /** 'anonymous' may only call the sign-in look-ups; 'system' is the worker. */
  kind: OrganisationKind | 'system' | 'anonymous';
  organisationId: string | null;
  userId: string | null;
  sessionId: string | null;
  apiKeyId?: string | null;
  /** The API key's own quota of requests per minute (api_keys.rate_per_minute). */
  apiKeyRatePerMinute?: number;
  roles: Role[];
  /** Materialised path of the branch an institution user is pinned to ('' when not pinned). */
  branchPath: string;
  /** Centers this scope reaches: a center its own id, a regulator its jurisdiction. */
  centerIds: string[];
  /** A signed-in user's access_version as their token states it (checked with the session). */
  accessVersion?: number;
  /** When the user last proved their second factor in this session (seconds since epoch). */
  mfaAt?: number;
}

/** The worker's scope: it relays the outbox and runs jobs across tenants. */
export const SYSTEM_SCOPE: AccessScope = {
  kind: 'system',
  organisationId: null,
  userId: null,
  sessionId: null,
  roles: [],
  branchPath: '',
  centerIds: [],
};

/** Before sign-in: may call only the SECURITY DEFINER look-ups; every policy refuses it. */
export const ANONYMOUS_SCOPE: AccessScope = { ...SYSTEM_SCOPE, kind: 'anonymous' };

/** The transaction-local settings the RLS policies read (see the migrations' app_* functions). */
export function rlsSettings(scope: AccessScope): [string, string][] {
  return [
    ['app.kind', scope.kind],
    ['app.org_id', scope.organisationId ?? ''],
    ['app.user_id', scope.userId ?? ''],
    ['app.branch_path', scope.branchPath],
    ['app.center_ids', scope.centerIds.join(',')],
  ];
}

export function hasRole(scope: AccessScope, ...roles: Role[]): boolean {
  return roles.some((r) => scope.roles.includes(r));
}
