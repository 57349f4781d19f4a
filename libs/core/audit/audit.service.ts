import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Page } from '@accord/contracts';
import { currentContext } from '../access/request-context';
import { PROFILE_READER, ProfileReader } from '../auth/profile-reader';
import { AuditRepository } from './audit.repository';

export interface AuditEntry {
  action: string;
  subjectType?: string;
  subjectId?: string;
  detail?: Record<string, unknown>;
  /** Defaults to the caller's organisation. */
  organisationId?: string | null;
}

/** Appends to the audit trail inside the caller's transaction: no change without its entry. */
@Injectable()
export class AuditService {
  constructor(
    private readonly events: AuditRepository,
    private readonly moduleRef: ModuleRef,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    const { scope, ip, requestId } = currentContext();
    await this.events.insert({
      organisationId: entry.organisationId === undefined ? scope.organisationId : entry.organisationId,
      actorUserId: scope.userId,
      actorApiKeyId: scope.apiKeyId ?? null,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      detail: entry.detail ?? {},
      ip: ip ?? null,
      requestId: requestId ?? null,
    });
  }

  /** Newest first; the actors' names are read for the whole page in one query (no N+1). */
  async list(page: number, pageSize: number): Promise<Page<AuditEventView>> {
    const { scope } = currentContext();
    const { rows, total } = await this.events.page(scope.organisationId, pageSize, (page - 1) * pageSize);
    // Names belong to organisations, above core: asked of its profile reader, looked up lazily
    // because it depends on this service itself.
    const profiles = this.moduleRef.get<ProfileReader>(PROFILE_READER, { strict: false });
    const names = await profiles.userNames(rows.flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])));
    const items = rows.map(({ actorUserId, ...e }) => ({ ...e, actorName: (actorUserId && names.get(actorUserId)) ?? null }));
    return { items, total, page, pageSize };
  }
}

export interface AuditEventView {
  id: string;
  at: Date;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
  actorName: string | null;
}
