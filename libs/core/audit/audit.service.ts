import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Page } from '@accord/contracts';
import { currentContext } from '../access/request-context';
import { PROFILE_READER, ProfileReader } from '../auth/profile-reader';
import { Database } from '../database/database.service';
import { FieldError, ValidationFailedError } from '../errors/domain-error';
import { factsOnly } from './audit-detail';
import { AuditEventRow, AuditFilter, AuditRepository } from './audit.repository';

export interface AuditEntry {
  action: string;
  subjectType?: string;
  subjectId?: string;
  /** Facts only (ids, states, counts): anything else is left out when written (audit-detail.ts). */
  detail?: Record<string, unknown>;
  /** Defaults to the caller's organisation. */
  organisationId?: string | null;
}

/** The filter as asked: dates are Asia/Shanghai days, `to` included. */
export interface AuditQuery {
  actorUserId?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: string;
  to?: string;
}

/** Entries stay in audit_events (readable in the portal) for a year; then they move to the archive, still chained. The database refuses under 180 days. */
export const AUDIT_ARCHIVE_AFTER_DAYS = 365;
const EXPORT_BATCH = 1000;
const ARCHIVE_BATCH = 5000;

/** Appends to the audit trail inside the caller's transaction: no change without its entry. */
@Injectable()
export class AuditService {
  constructor(
    private readonly events: AuditRepository,
    private readonly db: Database,
    private readonly moduleRef: ModuleRef,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    const { scope, ip, userAgent, requestId } = currentContext();
    await this.events.insert({
      organisationId: entry.organisationId === undefined ? scope.organisationId : entry.organisationId,
      actorUserId: scope.userId,
      actorApiKeyId: scope.apiKeyId ?? null,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      detail: factsOnly(entry.detail, entry.subjectType ?? null),
      ip: ip ?? null,
      userAgent: userAgent ?? null,
      requestId: requestId ?? null,
    });
  }

  /** The caller's organisation's trail, newest first; the actors' names are read for the whole page in one query (no N+1). */
  async list(query: AuditQuery, page: number, pageSize: number): Promise<Page<AuditEventView>> {
    const { scope } = currentContext();
    const { rows, total } = await this.events.page(scope.organisationId, toFilter(query), pageSize, (page - 1) * pageSize);
    return { items: await this.views(rows), total, page, pageSize };
  }

  /** Who acted in the caller's trail, by name, for the actor filter. */
  async actors(): Promise<AuditActor[]> {
    const { scope } = currentContext();
    const ids = await this.events.actors(scope.organisationId);
    const names = await this.profiles().userNames(ids);
    return ids.map((id) => ({ id, name: names.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }

  /**
   * The filtered trail for an export, batch by batch while the file goes out (each batch in a
   * transaction of its own under the caller's scope, so the request's transaction need not stay
   * open for the whole download). The export itself is an entry of the trail, written now.
   */
  async export(query: AuditQuery): Promise<AsyncIterable<AuditEventView[]>> {
    const filter = toFilter(query);
    const { scope, ip, userAgent, requestId } = currentContext();
    await this.record({ action: 'audit.exported', subjectType: 'audit-log', detail: { filter: { ...query } } });
    const read = (before: string | null) =>
      this.db.run(scope, async () => this.views(await this.events.batch(scope.organisationId, filter, before, EXPORT_BATCH)), { ip, userAgent, requestId, replica: true });
    return {
      async *[Symbol.asyncIterator]() {
        let before: string | null = null;
        for (;;) {
          const batch: AuditEventView[] = await read(before);
          if (batch.length) yield batch;
          if (batch.length < EXPORT_BATCH) return;
          before = batch[batch.length - 1].id;
        }
      },
    };
  }

  /**
   * Moves entries older than AUDIT_ARCHIVE_AFTER_DAYS into audit_events_archive, batch by batch,
   * and records how many in the system's own chain. Runs in the caller's (the job's) transaction.
   */
  async archiveOld(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - AUDIT_ARCHIVE_AFTER_DAYS * 86_400_000);
    let moved = 0;
    for (;;) {
      const n = await this.events.archiveBatch(cutoff, ARCHIVE_BATCH);
      moved += n;
      if (n < ARCHIVE_BATCH) break;
    }
    if (moved) await this.record({ action: 'audit.archived', organisationId: null, detail: { rows: moved, to: cutoff.toISOString() } });
    return moved;
  }

  private profiles(): ProfileReader {
    // Names belong to organisations, above core: asked of its profile reader, looked up lazily
    // because it depends on this service itself.
    return this.moduleRef.get<ProfileReader>(PROFILE_READER, { strict: false });
  }

  private async views(rows: AuditEventRow[]): Promise<AuditEventView[]> {
    const names = await this.profiles().userNames(rows.flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])));
    // Entries written before content was kept out of `detail` are filtered the same way here.
    return rows.map((e) => ({
      ...e,
      detail: factsOnly(e.detail, e.subjectType),
      actorName: (e.actorUserId && names.get(e.actorUserId)) ?? null,
    }));
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function toFilter(q: AuditQuery): AuditFilter {
  const day = (value: string | undefined, field: string, plusDays: number): Date | undefined => {
    if (!value) return undefined;
    const at = DAY.test(value) ? new Date(`${value}T00:00:00+08:00`) : new Date(NaN);
    if (Number.isNaN(at.getTime())) throw new ValidationFailedError([new FieldError(field, `${field} must be a day (YYYY-MM-DD)`)]);
    return new Date(at.getTime() + plusDays * 86_400_000);
  };
  const from = day(q.from, 'from', 0);
  const to = day(q.to, 'to', 1);
  if (from && to && from >= to) throw new ValidationFailedError([new FieldError('to', 'to must not be before from')]);
  return { actorUserId: q.actorUserId, action: q.action, subjectType: q.subjectType, subjectId: q.subjectId, from, to };
}

export interface AuditEventView {
  id: string;
  at: Date;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
  actorName: string | null;
  actorUserId: string | null;
  /** An API key's actions (a bank's system) name the key. */
  actorApiKeyId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  /** The entry's place in its organisation's hash chain and its hash (`npm run audit:verify` checks them). */
  chainSeq: string;
  hash: string;
}

export interface AuditActor {
  id: string;
  name: string;
}
