import { api, downloadFile, ok, publicApi, type Schemas } from './http';
import type { operations } from './schema';

type Query<K extends keyof operations> = operations[K]['parameters'] extends { query?: infer Q } ? NonNullable<Q> : never;

/** Who signs in, the organisations, their users, branches and memberships, API keys and the audit log. */
export const authApi = {
  signIn: (username: string, password: string) => ok(publicApi.POST('/api/v1/auth/sign-in', { body: { username, password } })),
  signOut: () => ok(api.POST('/api/v1/auth/sign-out')),
  me: (signal?: AbortSignal) => ok(api.GET('/api/v1/me', { signal })),
  /** The language of the signed-in user's notification e-mails. */
  setLanguage: (language: 'zh-CN' | 'en') => ok(api.PUT('/api/v1/me/language', { body: { language } })),
  signInWithCode: (secondFactorToken: string, code: string) =>
    ok(publicApi.POST('/api/v1/auth/second-factor/sign-in', { body: { secondFactorToken, code } })),
  beginEnrolmentAtSignIn: (secondFactorToken: string) =>
    ok(publicApi.POST('/api/v1/auth/second-factor/sign-in/enrolment', { body: { secondFactorToken } })),
  confirmEnrolmentAtSignIn: (secondFactorToken: string, code: string) =>
    ok(publicApi.POST('/api/v1/auth/second-factor/sign-in/enrolment/confirm', { body: { secondFactorToken, code } })),
};

/** The signed-in user's second factor and devices (安全设置). */
export const securityApi = {
  status: (signal?: AbortSignal) => ok(api.GET('/api/v1/auth/second-factor', { signal })),
  beginEnrolment: () => ok(api.POST('/api/v1/auth/second-factor/enrolment')),
  confirmEnrolment: (code: string) => ok(api.POST('/api/v1/auth/second-factor/enrolment/confirm', { body: { code } })),
  newRecoveryCodes: () => ok(api.POST('/api/v1/auth/second-factor/recovery-codes')),
  stepUp: (code: string) => ok(api.POST('/api/v1/auth/step-up', { body: { code } })),
  sessions: (signal?: AbortSignal) => ok(api.GET('/api/v1/auth/sessions', { signal })),
  revokeSession: (id: string) => ok(api.DELETE('/api/v1/auth/sessions/{id}', { params: { path: { id } } })),
  revokeOthers: () => ok(api.POST('/api/v1/auth/sessions/revoke-others')),
  resetUserFactor: (id: string) => ok(api.POST('/api/v1/users/{id}/second-factor/reset', { params: { path: { id } } })),
  revokeUserSessions: (id: string) => ok(api.POST('/api/v1/users/{id}/sessions/revoke', { params: { path: { id } } })),
};

export const organisationsApi = {
  list: (query: Query<'OrganisationsController_list'>, signal?: AbortSignal) => ok(api.GET('/api/v1/organisations', { params: { query }, signal })),
  create: (body: Schemas['CreateOrganisationDto']) => ok(api.POST('/api/v1/organisations', { body })),
  users: (query: Query<'UsersController_list'>, signal?: AbortSignal) => ok(api.GET('/api/v1/users', { params: { query }, signal })),
  createUser: (body: Schemas['CreateUserDto']) => ok(api.POST('/api/v1/users', { body })),
  setUserActive: (id: string, active: boolean) =>
    active ? ok(api.POST('/api/v1/users/{id}/activate', { params: { path: { id } } })) : ok(api.POST('/api/v1/users/{id}/deactivate', { params: { path: { id } } })),
  branches: (query: Query<'BranchesController_tree'> | undefined, signal?: AbortSignal) => ok(api.GET('/api/v1/branches', { params: { query }, signal })),
  createBranch: (body: Schemas['CreateBranchDto']) => ok(api.POST('/api/v1/branches', { body })),
  memberships: (query: Query<'MembershipsController_list'>, signal?: AbortSignal) => ok(api.GET('/api/v1/memberships', { params: { query }, signal })),
  createMembership: (body: Schemas['CreateMembershipDto']) => ok(api.POST('/api/v1/memberships', { body })),
  updateMembership: (id: string, body: Schemas['UpdateMembershipDto']) => ok(api.PATCH('/api/v1/memberships/{id}', { params: { path: { id } }, body })),
};

export const apiKeysApi = {
  list: (query: Query<'ApiKeysController_list'>, signal?: AbortSignal) => ok(api.GET('/api/v1/api-keys', { params: { query }, signal })),
  create: (name: string, ratePerMinute?: number) => ok(api.POST('/api/v1/api-keys', { body: { name, ratePerMinute } })),
  setRate: (id: string, ratePerMinute: number) => ok(api.PATCH('/api/v1/api-keys/{id}', { params: { path: { id } }, body: { ratePerMinute } })),
  revoke: (id: string) => ok(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } })),
};

export type AuditFilter = Omit<Query<'AuditController_list'>, 'page' | 'pageSize' | 'q'>;

export const auditApi = {
  list: (query: Query<'AuditController_list'>, signal?: AbortSignal) => ok(api.GET('/api/v1/audit-events', { params: { query }, signal })),
  actors: (signal?: AbortSignal) => ok(api.GET('/api/v1/audit-events/actors', { signal })),
  exportXlsx: (filter: AuditFilter) => {
    const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1]))).toString();
    return downloadFile(`/api/v1/audit-events/export.xlsx${query ? `?${query}` : ''}`, 'audit.xlsx');
  },
};
