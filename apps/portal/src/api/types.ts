/** Names the pages use for the API's answers: the generated schema's (schema.d.ts), or libs/contracts' for domain types. */
import type { Schemas } from './http';

export type { BranchLevel, MembershipStatus, OrganisationKind as OrgKind, Page, Role } from '@accord/contracts';
export type Me = Schemas['ProfileView'];
export type SignInResponse = Schemas['TokenPair'];
export type Organisation = Schemas['OrganisationView'];
export type User = Schemas['UserView'];
export type Membership = Schemas['MembershipView'];
export type Branch = Schemas['BranchView'];
export type ApiKey = Schemas['ApiKeyView'];
export type CreatedApiKey = Schemas['CreatedApiKey'];
export type AuditEvent = Schemas['AuditEventView'];
