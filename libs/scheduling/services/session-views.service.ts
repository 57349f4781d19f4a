import { Injectable } from '@nestjs/common';
import { CaseFacts } from '@accord/cases';
import { BookedRow, Confirmation, SessionRepository } from '../repositories/session.repository';
import { SessionNotFound } from '../scheduling.errors';
import type { TimelineMessage } from '@accord/contracts';

export interface SessionView {
  id: string;
  caseId: string;
  caseNumber: string | null;
  mediatorId: string;
  mediatorName: string | null;
  roomId: string | null;
  roomName: string | null;
  channel: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  participants: { role: string; name: string }[];
  statusReason: string | null;
  statusReasonMessage: TimelineMessage | null;
  version: number;
  /** Answers given for the current time (a reschedule asks again). */
  confirmations: Confirmation[];
}

/**
 * Sessions as the calendar and the case page show them: each with its case's number and
 * mediator, looked up for a whole list at once. A session whose case the caller may not read
 * is left out, as it always was when the two were joined.
 */
@Injectable()
export class SessionViews {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly cases: CaseFacts,
  ) {}

  async one(id: string): Promise<SessionView> {
    const row = await this.sessions.booked(id);
    const [view] = row ? await this.of([row]) : [];
    if (!view) throw SessionNotFound();
    return view;
  }

  async of(rows: BookedRow[]): Promise<SessionView[]> {
    const labels = await this.cases.sessionLabels(rows.map((r) => r.caseId));
    return rows.flatMap((s) => {
      const label = labels.get(s.caseId);
      if (!label) return [];
      return [
        {
          id: s.id,
          caseId: s.caseId,
          caseNumber: label.caseNumber,
          mediatorId: s.mediatorId,
          mediatorName: label.mediatorName,
          roomId: s.roomId,
          roomName: s.roomName,
          channel: s.channel,
          status: s.status,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          participants: s.participants,
          statusReason: s.statusReason,
          statusReasonMessage: s.statusReasonMessage as TimelineMessage | null,
          version: s.version,
          confirmations: s.confirmations,
        },
      ];
    });
  }
}
