import { Injectable } from '@nestjs/common';
import { ROLES_BY_KIND, rooms } from '@accord/contracts';
import type { OrganisationKind, Role, UserLanguage } from '@accord/contracts';
import { AuditService, AuthService, Database, SessionCache, OutboxService, passwordProblem, PasswordService, ProfileReader } from '@accord/core';
import { CreateUserDto, NewUserDto } from '../dto/organisation.dto';
import { CannotDeactivateSelf, invalidField, isUniqueViolation, UsernameTaken, UserNotFound } from '../organisations.errors';
import { BranchRepository } from '../repositories/branch.repository';
import { OrganisationRepository } from '../repositories/organisation.repository';
import { ProfileView, UserRepository } from '../repositories/user.repository';
import { DirectoryService } from './directory.service';

@Injectable()
export class UserService implements ProfileReader {
  constructor(
    private readonly db: Database,
    private readonly users: UserRepository,
    private readonly branches: BranchRepository,
    private readonly organisations: OrganisationRepository,
    private readonly passwords: PasswordService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly directory: DirectoryService,
    private readonly sessions: SessionCache,
  ) {}

  /**
   * From the session cache when this process has it (no transaction at all): any change to the
   * user, their organisation or its branches drops it everywhere at once (SessionCache).
   */
  async currentProfile() {
    const scope = this.db.scope;
    const cached = this.sessions.profile<ProfileView>(scope);
    if (cached) return cached;
    const mark = this.sessions.mark();
    const { userId, organisationId } = scope;
    const profile = userId && organisationId ? await this.users.profile(userId, organisationId) : undefined;
    if (!profile) throw UserNotFound();
    this.sessions.rememberProfile(scope, profile, mark);
    return profile;
  }

  /** The signed-in user chooses the language of their notification e-mails; answers the profile. */
  async setLanguage(language: UserLanguage) {
    const { userId, organisationId } = this.db.scope;
    await this.users.setLanguage(userId!, organisationId!, language);
    await this.audit.record({ action: 'user.language-changed', subjectType: 'user', subjectId: userId!, detail: { language } });
    // Read in this transaction, not from the cache: the change drops cached profiles only once it commits.
    const profile = await this.users.profile(userId!, organisationId!);
    if (!profile) throw UserNotFound();
    return profile;
  }

  /** For core's audit trail (the profile reader): the actors' names of a page at once. */
  userNames(ids: readonly string[]): Promise<Map<string, string>> {
    return this.directory.userNames(ids);
  }

  list(page: number, pageSize: number, q?: string) {
    return this.users.list(this.db.scope.organisationId!, q, page, pageSize);
  }

  /** An admin adds a user to their own organisation. */
  create(dto: CreateUserDto) {
    return this.createIn(this.db.scope.organisationId!, dto);
  }

  async createIn(organisationId: string, dto: NewUserDto & { roles: Role[]; branchId?: string; affiliatedInstitutionId?: string; email?: string }) {
    const weak = passwordProblem(dto.password, dto.username);
    if (weak) throw invalidField('password', weak);
    const org = await this.organisations.findVisible(organisationId);
    if (!org) throw invalidField('organisationId', 'unknown organisation');
    const allowed = ROLES_BY_KIND[org.kind as OrganisationKind] as readonly Role[];
    const wrong = dto.roles.find((r) => !allowed.includes(r));
    if (wrong) throw invalidField('roles', `${wrong} is not a role of a ${org.kind}`);
    if (dto.branchId) {
      if (org.kind !== 'institution') throw invalidField('branchId', 'only institution users are pinned to a branch');
      if (!(await this.branches.find(dto.branchId, organisationId))) throw invalidField('branchId', 'not a branch of this institution');
    }
    if (dto.affiliatedInstitutionId) {
      if (!dto.roles.includes('mediator')) throw invalidField('affiliatedInstitutionId', 'only mediators have an affiliated institution');
      const home = await this.organisations.findVisible(dto.affiliatedInstitutionId);
      if (home?.kind !== 'institution') throw invalidField('affiliatedInstitutionId', 'must be an institution');
    }
    let id: string;
    try {
      id = await this.users.insert({
        organisationId,
        username: dto.username,
        displayName: dto.displayName,
        passwordHash: await this.passwords.hash(dto.password),
        roles: dto.roles,
        branchId: dto.branchId,
        affiliatedInstitutionId: dto.affiliatedInstitutionId,
        email: dto.email,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_users_username')) throw UsernameTaken();
      throw error;
    }
    await this.audit.record({ action: 'user.created', subjectType: 'user', subjectId: id, detail: { roles: dto.roles, username: dto.username } });
    await this.outbox.add({
      type: 'user.changed',
      organisationId,
      rooms: [rooms.organisation(organisationId)],
      payload: { userId: id, active: true },
      job: 'notifications.user-welcome',
    });
    return (await this.users.find(id, organisationId))!;
  }

  /** A user of the caller's organisation (any, for a platform admin); others' answer 404. */
  private async manageable(id: string) {
    const scope = this.db.scope;
    const user = await this.users.find(id, scope.kind === 'platform' ? null : scope.organisationId);
    if (!user) throw UserNotFound();
    return user;
  }

  /** Resetting another's factor is itself sensitive: the admin proves theirs first (step-up). */
  async resetSecondFactor(id: string): Promise<void> {
    await this.manageable(id);
    await this.auth.requireRecentSecondFactor();
    await this.auth.resetSecondFactorByAdmin(id);
  }

  async revokeSessions(id: string) {
    await this.manageable(id);
    return this.auth.revokeSessionsByAdmin(id);
  }

  /** Deactivating ends every session of the user at once (tokens die with their session). */
  async setActive(id: string, active: boolean) {
    const scope = this.db.scope;
    const user = await this.users.find(id, scope.kind === 'platform' ? null : scope.organisationId);
    if (!user) throw UserNotFound();
    if (!active && id === scope.userId) throw CannotDeactivateSelf();
    await this.users.setActive(id, active);
    if (!active) await this.auth.endSessionsOf(id, 'deactivated');
    await this.audit.record({ action: active ? 'user.activated' : 'user.deactivated', subjectType: 'user', subjectId: id });
    await this.outbox.add({
      type: 'user.changed',
      organisationId: user.organisationId,
      rooms: [rooms.organisation(user.organisationId)],
      payload: { userId: id, active },
    });
    return { ...user, isActive: active };
  }
}
