import { Injectable } from '@nestjs/common';
import { caseRooms } from '@accord/contracts';
import { AuditService, Database, ForbiddenError, hasRole, OutboxService } from '@accord/core';
import { CaseLifecycle, CaseReading } from '@accord/cases';
import { RunStatus, SessionRecord, SessionRecords } from '@accord/scheduling';
import { SessionNotFound, SessionStateConflict } from '../sessions.errors';
import type { TimelineMessage } from '@accord/contracts';

/** A session as the console works with it: the booked session with its case's number and mediator. */
export type ConsoleSession = SessionRecord & { caseNumber: string | null; mediatorName: string | null };

/**
 * Which session the caller may see (like its case) or run (its mediator, or a center admin
 * standing in), moving it on, and telling every open page and the case's timeline that it did.
 */
@Injectable()
export class SessionAccess {
  constructor(
    private readonly db: Database,
    private readonly records: SessionRecords,
    private readonly cases: CaseReading,
    private readonly caseLifecycle: CaseLifecycle,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /** A session whose case the caller sees; anything else is 404. */
  async visible(sessionId: string): Promise<ConsoleSession> {
    const s = await this.records.find(sessionId);
    if (!s || !['center', 'institution'].includes(this.db.scope.kind)) throw SessionNotFound();
    const c = await this.cases.visible(s.caseId).catch(() => null);
    if (!c) throw SessionNotFound();
    return { ...s, caseNumber: c.caseNumber, mediatorName: c.mediatorName };
  }

  /** Runs the session: the case's mediator, or a center admin standing in. */
  async runnable(sessionId: string): Promise<ConsoleSession> {
    const s = await this.visible(sessionId);
    if (this.db.scope.kind !== 'center') throw SessionNotFound();
    if (!this.mayRun(s)) throw new ForbiddenError('Only the case’s mediator or a center admin runs the session', 'ROLE_REQUIRED');
    return s;
  }

  mayRun(s: ConsoleSession): boolean {
    return s.mediatorId === this.db.scope.userId || hasRole(this.db.scope, 'center_admin');
  }

  /** Moves the session on from the status it was read in; adjourned and concluded keep `reason`. */
  async setStatus(s: ConsoleSession, status: RunStatus, reason?: string | null, message?: TimelineMessage): Promise<void> {
    // Guarded by the status read: two tabs changing it at once cannot both win.
    if (!(await this.records.advance(s.id, s.status, status, reason, message))) {
      const now = await this.records.find(s.id);
      throw SessionStateConflict(now?.status ?? s.status, 'changed: it changed meanwhile');
    }
    s.status = status;
  }

  async changed(
    s: ConsoleSession,
    status: string,
    change: string,
    opts: { note?: boolean; reason?: string | null; detail?: Record<string, unknown> } = {},
  ): Promise<void> {
    const owners = { id: s.caseId, centerId: s.centerId, institutionId: s.institutionId, branchPath: s.branchPath };
    if (opts.note) await this.caseLifecycle.note(owners, { kind: 'session', body: opts.reason ?? null, detail: { sessionId: s.id, change, ...opts.detail } });
    await this.outbox.add({
      type: 'session.updated',
      rooms: caseRooms(owners),
      payload: { sessionId: s.id, caseId: s.caseId, status, change, startsAt: s.startsAt.toISOString() },
    });
    if (opts.note) await this.audit.record({ action: `session.${change.replace(/_/g, '-')}`, subjectType: 'session', subjectId: s.id, detail: { caseNumber: s.caseNumber } });
  }
}
