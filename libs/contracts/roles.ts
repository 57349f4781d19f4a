/** Organisation kinds of DOMAIN.md ("Actors and tenants"). */
export const ORGANISATION_KINDS = ['platform', 'center', 'institution', 'regulator'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Roles a user may hold; each belongs to exactly one organisation kind. */
export const ROLES_BY_KIND = {
  platform: ['platform_admin'],
  center: ['center_admin', 'intake_officer', 'mediator', 'liaison_officer', 'quality_reviewer'],
  institution: ['institution_admin', 'branch_manager', 'complaint_handler', 'viewer'],
  regulator: ['regulator_analyst', 'regulator_supervisor'],
} as const satisfies Record<OrganisationKind, readonly string[]>;

export type Role = (typeof ROLES_BY_KIND)[OrganisationKind][number];
export const ROLES: readonly Role[] = Object.values(ROLES_BY_KIND).flat();

/** The role an organisation's first user gets when the platform creates it. */
export const ADMIN_ROLE_BY_KIND: Record<Exclude<OrganisationKind, 'platform'>, Role> = {
  center: 'center_admin',
  institution: 'institution_admin',
  regulator: 'regulator_analyst',
};

export const BRANCH_LEVELS = ['head_office', 'branch', 'sub_branch', 'outlet'] as const;
export type BranchLevel = (typeof BRANCH_LEVELS)[number];

export const MEMBERSHIP_STATUSES = ['active', 'suspended', 'ended'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
