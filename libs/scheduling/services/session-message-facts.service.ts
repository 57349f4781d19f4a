import { Injectable } from '@nestjs/common';
import { CaseFacts } from '@accord/cases';
import { DirectoryService } from '@accord/organisations';
import { SessionRepository } from '../repositories/session.repository';
import type { SessionFactsForText } from './invitation-text';

export interface InvitationFacts extends SessionFactsForText {
  id: string;
  status: string;
  version: number;
  caseId: string;
  centerId: string;
  institutionId: string;
  branchPath: string;
}

export interface ReminderFacts {
  status: string;
  startsAt: Date;
  channel: string;
  caseId: string;
  caseNumber: string;
  centerId: string;
  institutionId: string;
  branchPath: string;
  mediatorId: string;
  /** Whoever filed the case, while still an active user, and their organisation. */
  filerId: string | null;
  filerOrganisationId: string | null;
}

/** The session as the messages about it describe it (system scope: the worker's). */
@Injectable()
export class SessionMessageFacts {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly cases: CaseFacts,
    private readonly directory: DirectoryService,
  ) {}

  async invitation(sessionId: string): Promise<InvitationFacts | undefined> {
    const s = await this.sessions.withRoom(sessionId);
    if (!s) return undefined;
    const [labels, centers] = await Promise.all([this.cases.sessionLabels([s.caseId]), this.directory.organisationNames([s.centerId])]);
    const label = labels.get(s.caseId);
    if (!label) return undefined;
    return {
      id: s.id,
      status: s.status,
      version: s.version,
      channel: s.channel,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      reason: s.statusReason,
      caseId: s.caseId,
      centerId: s.centerId,
      institutionId: s.institutionId,
      branchPath: s.branchPath,
      caseNumber: label.caseNumber!,
      mediatorName: label.mediatorName,
      centerName: centers.get(s.centerId)!,
      roomName: s.roomName,
      roomAddress: s.roomAddress,
      previousStartsAt: null,
    };
  }

  /**
   * The bank's people a session's news reaches, each once, by user id → organisation: whoever
   * filed the case (while active) and the complaint handlers of the case's branch who got the
   * invitation by e-mail; a filer among the handlers hears it once.
   */
  async bankPeople(s: Pick<ReminderFacts, 'institutionId' | 'branchPath' | 'filerId' | 'filerOrganisationId'>): Promise<Map<string, string>> {
    const people = new Map<string, string>();
    if (s.filerId && s.filerOrganisationId) people.set(s.filerId, s.filerOrganisationId);
    for (const handler of await this.directory.branchUsersWithEmail(s.institutionId, s.branchPath, 'complaint_handler')) people.set(handler.id, s.institutionId);
    return people;
  }

  async reminder(sessionId: string): Promise<ReminderFacts | undefined> {
    const s = await this.sessions.find(sessionId);
    if (!s) return undefined;
    const label = await this.cases.summary(s.caseId);
    if (!label) return undefined;
    const filerId = label.createdByUserId;
    const filerOrganisationId = filerId ? ((await this.directory.activeUserOrganisation(filerId)) ?? null) : null;
    return {
      status: s.status,
      startsAt: s.startsAt,
      channel: s.channel,
      caseId: s.caseId,
      caseNumber: label.caseNumber!,
      centerId: s.centerId,
      institutionId: s.institutionId,
      branchPath: s.branchPath,
      mediatorId: s.mediatorId,
      filerId: filerId ?? null,
      filerOrganisationId,
    };
  }
}
