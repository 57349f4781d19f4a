import { Inject, Injectable } from '@nestjs/common';
import { caseRooms } from '@accord/contracts';
import { APP_CONFIG, AppConfig, AuditService, Database, DomainError, FileStorage, ForbiddenError, hasRole, maskPhone, NotFoundError, OutboxService } from '@accord/core';
import type { Upload } from '@accord/core';
import { CaseService } from '@accord/cases';
import { SchedulingService } from '@accord/scheduling';
import type { AdjournDto, BridgeCallDto, CheckInDto, ConcludeDto, LogCallDto, MethodStepDto } from '../dto/session-console.dto';
import {
  CallEnded,
  CallNotFound,
  CaucusOpen,
  invalid,
  NoCaucus,
  NoteConflict,
  SessionNotFound,
  SessionStateConflict,
  StepNotFound,
  TooEarly,
} from '../sessions.errors';
import { TELEPHONY_PROVIDER, TelephonyProvider } from '../telephony/telephony-provider';

interface SessionRow {
  id: string;
  caseId: string;
  caseNumber: string | null;
  centerId: string;
  institutionId: string;
  branchPath: string;
  mediatorId: string;
  mediatorName: string | null;
  channel: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  openedAt: Date | null;
  beganAt: Date | null;
  endedAt: Date | null;
  nextSessionId: string | null;
  participants: { role: string; name: string }[];
  statusReason: string | null;
}

const SESSION = `SELECT s.id, s.case_id AS "caseId", c.case_number AS "caseNumber", s.center_id AS "centerId", s.institution_id AS "institutionId",
    s.branch_path AS "branchPath", s.mediator_id AS "mediatorId", c.mediator_name AS "mediatorName", s.channel, s.status,
    s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.opened_at AS "openedAt", s.began_at AS "beganAt", s.ended_at AS "endedAt",
    s.next_session_id AS "nextSessionId", s.participants, s.status_reason AS "statusReason"
  FROM mediation_sessions s JOIN cases c ON c.id = s.case_id WHERE s.id = $1`;

/** A session may be opened (its waiting room, check-in) from this long before its start. */
const OPENS_BEFORE_MS = 60 * 60_000;

/**
 * Running a session (DOMAIN.md "Session"): the mediator opens the waiting room and checks the
 * parties in, begins (the case goes in_session), talks with one side alone and brings everyone
 * back (caucus time recorded), ticks the center's method, keeps private notes, calls the
 * parties, and adjourns with the next date or concludes. Every change reaches every open page
 * through the outbox; the bank reads the status, never the notes, calls or the checklist.
 */
@Injectable()
export class SessionConsoleService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseService,
    private readonly scheduling: SchedulingService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly storage: FileStorage,
    @Inject(TELEPHONY_PROVIDER) private readonly telephony: TelephonyProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ── Reading ───────────────────────────────────────────────────────────────────────────

  /** Everything the console shows; the bank gets the live status, check-ins and timer only. */
  async console(sessionId: string) {
    const s = await this.visible(sessionId);
    const center = this.db.scope.kind === 'center';
    const [checkIns, caucuses, confirmations] = await Promise.all([
      this.db.manager.query(
        `SELECT id, role, name, via, checked_in_at AS "checkedInAt" FROM session_check_ins WHERE session_id = $1 ORDER BY checked_in_at`,
        [sessionId],
      ),
      this.db.manager.query(
        `SELECT id, with_party AS "withParty", started_at AS "startedAt", ended_at AS "endedAt",
                extract(epoch FROM coalesce(ended_at, now()) - started_at)::int AS seconds
         FROM session_caucuses WHERE session_id = $1 ORDER BY started_at`,
        [sessionId],
      ) as Promise<{ withParty: string; startedAt: Date; endedAt: Date | null; seconds: number }[]>,
      // The parties' answers for the current time: the consumer's confirmation shows up here live.
      this.db.manager.query(
        `SELECT party, answer, note, actor_name AS "actorName", at FROM session_confirmations WHERE session_id = $1 AND for_starts_at = $2 ORDER BY party`,
        [sessionId, s.startsAt],
      ),
    ]);
    const base = {
      session: {
        id: s.id,
        caseId: s.caseId,
        caseNumber: s.caseNumber,
        mediatorId: s.mediatorId,
        mediatorName: s.mediatorName,
        channel: s.channel,
        status: s.status,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        openedAt: s.openedAt,
        beganAt: s.beganAt,
        endedAt: s.endedAt,
        nextSessionId: s.nextSessionId,
        participants: s.participants,
        statusReason: s.statusReason,
      },
      checkIns,
      confirmations,
      caucuses,
      openCaucus: caucuses.find((c) => !c.endedAt) ?? null,
      caucusSeconds: caucuses.reduce((sum, c) => sum + c.seconds, 0),
      mayRun: center && this.mayRun(s),
    };
    if (!center) return { ...base, steps: [], calls: [], note: null };
    const [steps, calls, [note]] = await Promise.all([
      this.db.manager.query(
        `SELECT m.id, m.position, m.title, m.hint, t.ticked_at AS "tickedAt" FROM mediation_method_steps m
         LEFT JOIN session_step_ticks t ON t.step_id = m.id AND t.session_id = $2
         WHERE m.center_id = $1 ORDER BY m.position`,
        [s.centerId, sessionId],
      ),
      this.db.manager.query(
        `SELECT id, party, source, status, provider, phone_masked AS "phoneMasked", started_at AS "startedAt", answered_at AS "answeredAt",
                ended_at AS "endedAt", duration_seconds AS "durationSeconds", note, recording_key IS NOT NULL AS "hasRecording"
         FROM session_calls WHERE session_id = $1 ORDER BY started_at`,
        [sessionId],
      ),
      // RLS keeps notes to their author; the query says so too.
      this.db.manager.query(`SELECT body, version, updated_at AS "updatedAt" FROM session_notes WHERE session_id = $1 AND author_id = $2`, [
        sessionId,
        this.db.scope.userId,
      ]) as Promise<{ body: string; version: number; updatedAt: Date }[]>,
    ]);
    return { ...base, steps, calls, note: note ?? { body: '', version: 0, updatedAt: null } };
  }

  // ── The session's life ────────────────────────────────────────────────────────────────

  /** Opens the waiting room: the parties check in; the bank sees "waiting". */
  async open(sessionId: string) {
    const s = await this.runnable(sessionId);
    if (s.status !== 'booked') throw SessionStateConflict(s.status, 'opened');
    const opensAt = new Date(s.startsAt.getTime() - OPENS_BEFORE_MS);
    if (Date.now() < opensAt.getTime()) throw TooEarly(opensAt);
    await this.setStatus(s, 'waiting', `opened_at = now()`);
    await this.changed(s, 'waiting', 'opened');
    return this.console(sessionId);
  }

  async checkIn(sessionId: string, dto: CheckInDto) {
    const s = await this.runnable(sessionId);
    if (!['waiting', 'in_progress'].includes(s.status)) throw SessionStateConflict(s.status, 'checked in to');
    await this.db.manager.query(
      `INSERT INTO session_check_ins (session_id, center_id, institution_id, branch_path, role, name, via, checked_in_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (session_id, role, name) DO NOTHING`,
      [s.id, s.centerId, s.institutionId, s.branchPath, dto.role, dto.name, dto.via, this.db.scope.userId],
    );
    await this.changed(s, s.status, 'checked_in');
    return this.console(sessionId);
  }

  /**
   * The mediator let a party into the video room: they are present. A booked session opens its
   * waiting room with it; the check-in takes the booked participant's name for that side.
   */
  async checkInFromVideo(sessionId: string, party: 'consumer' | 'bank', nameInRoom: string): Promise<void> {
    const s = await this.runnable(sessionId);
    if (s.status === 'booked') {
      await this.setStatus(s, 'waiting', `opened_at = now()`);
      await this.changed(s, 'waiting', 'opened');
    }
    if (!['waiting', 'in_progress'].includes(s.status)) return;
    const role = party === 'bank' ? 'bank_representative' : 'consumer';
    const booked = s.participants.filter((p) => p.role === role);
    await this.checkIn(sessionId, { role, name: booked.length === 1 ? booked[0].name : nameInRoom.slice(0, 100), via: 'video' });
  }

  /** The mediation itself begins: the case goes in_session, the timer runs. */
  async begin(sessionId: string) {
    const s = await this.runnable(sessionId);
    if (!['booked', 'waiting'].includes(s.status)) throw SessionStateConflict(s.status, 'begun');
    const opensAt = new Date(s.startsAt.getTime() - OPENS_BEFORE_MS);
    if (Date.now() < opensAt.getTime()) throw TooEarly(opensAt);
    await this.setStatus(s, 'in_progress', `began_at = now(), opened_at = coalesce(opened_at, now())`);
    const c = await this.cases.visible(s.caseId);
    if (c.status === 'scheduled') await this.cases.move(c, 'in_session', { kind: 'transition', detail: { sessionId, channel: s.channel } });
    await this.changed(s, 'in_progress', 'began', { note: true });
    return this.console(sessionId);
  }

  /** 背靠背: the mediator talks with one side alone; the others see that they wait, not what is said. */
  async startCaucus(sessionId: string, withParty: 'consumer' | 'bank') {
    const s = await this.runnable(sessionId);
    if (s.status !== 'in_progress') throw SessionStateConflict(s.status, 'split into a private talk');
    const [open] = (await this.db.manager.query(`SELECT with_party AS "withParty" FROM session_caucuses WHERE session_id = $1 AND ended_at IS NULL`, [
      sessionId,
    ])) as { withParty: string }[];
    if (open) throw CaucusOpen(open.withParty);
    try {
      await this.db.manager.query(
        `INSERT INTO session_caucuses (session_id, center_id, institution_id, branch_path, with_party, started_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [s.id, s.centerId, s.institutionId, s.branchPath, withParty, this.db.scope.userId],
      );
    } catch (error) {
      // Two clicks at once: the partial unique index lets one caucus be open.
      if ((error as { code?: string }).code === '23505') throw CaucusOpen(withParty);
      throw error;
    }
    await this.changed(s, 'in_progress', `caucus_${withParty}`, { note: true });
    return this.console(sessionId);
  }

  async endCaucus(sessionId: string) {
    const s = await this.runnable(sessionId);
    const [, n] = (await this.db.manager.query(`UPDATE session_caucuses SET ended_at = now() WHERE session_id = $1 AND ended_at IS NULL`, [sessionId])) as [
      unknown,
      number,
    ];
    if (n !== 1) throw NoCaucus();
    await this.changed(s, s.status, 'caucus_ended', { note: true });
    return this.console(sessionId);
  }

  /** Adjourns; with a next date the next session is booked in the same transaction, or nothing is. */
  async adjourn(sessionId: string, dto: AdjournDto) {
    const s = await this.runnable(sessionId);
    if (s.status !== 'in_progress') throw SessionStateConflict(s.status, 'adjourned');
    await this.closeCaucus(sessionId);
    await this.setStatus(s, 'adjourned', `ended_at = now(), status_reason = $4`, [dto.reason]);
    const c = await this.cases.visible(s.caseId);
    if (c.status === 'in_session') await this.cases.move(c, 'adjourned', { kind: 'transition', body: dto.reason, detail: { sessionId } });
    let nextSessionId: string | null = null;
    if (dto.next) {
      const next = await this.scheduling.book(s.caseId, {
        channel: dto.next.channel ?? (s.channel as 'phone' | 'video' | 'on_site'),
        startsAt: dto.next.startsAt,
        minutes: dto.next.minutes,
        roomId: dto.next.roomId,
        participants: s.participants,
        outsideHoursReason: dto.next.outsideHoursReason,
      });
      nextSessionId = next.id;
      await this.db.manager.query(`UPDATE mediation_sessions SET next_session_id = $2 WHERE id = $1`, [sessionId, nextSessionId]);
    }
    await this.changed(s, 'adjourned', 'adjourned', { note: true, reason: dto.reason, detail: { nextSessionId } });
    return this.console(sessionId);
  }

  /** Ends the session; the outcome of the case is recorded next (settled, not settled…). */
  async conclude(sessionId: string, dto: ConcludeDto) {
    const s = await this.runnable(sessionId);
    if (s.status !== 'in_progress') throw SessionStateConflict(s.status, 'concluded');
    await this.closeCaucus(sessionId);
    await this.setStatus(s, 'concluded', `ended_at = now(), status_reason = $4`, [dto.summary ?? null]);
    await this.changed(s, 'concluded', 'concluded', { note: true, reason: dto.summary });
    return this.console(sessionId);
  }

  // ── Method, notes ─────────────────────────────────────────────────────────────────────

  async tick(sessionId: string, stepId: string, ticked: boolean) {
    const s = await this.runnable(sessionId);
    if (!['waiting', 'in_progress'].includes(s.status)) throw SessionStateConflict(s.status, 'ticked');
    const [step] = (await this.db.manager.query(`SELECT id, position, title FROM mediation_method_steps WHERE id = $1 AND center_id = $2`, [
      stepId,
      s.centerId,
    ])) as { id: string; position: number; title: string }[];
    if (!step) throw StepNotFound();
    if (ticked) {
      await this.db.manager.query(
        `INSERT INTO session_step_ticks (session_id, center_id, step_id, position, title, ticked_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (session_id, step_id) DO NOTHING`,
        [sessionId, s.centerId, step.id, step.position, step.title, this.db.scope.userId],
      );
    } else {
      await this.db.manager.query(`DELETE FROM session_step_ticks WHERE session_id = $1 AND step_id = $2`, [sessionId, step.id]);
    }
    return this.console(sessionId);
  }

  /**
   * Saves the author's notes as typed. Each save names the version it started from; a save
   * from an older version (another tab, a replay after a dropped connection) is refused with
   * the current text, never written over it.
   */
  async saveNote(sessionId: string, body: string, baseVersion: number): Promise<{ version: number; updatedAt: Date }> {
    const s = await this.runnable(sessionId);
    const params = [sessionId, s.centerId, this.db.scope.userId, body, baseVersion];
    const rows = (await this.db.manager.query(
      baseVersion === 0
        ? `INSERT INTO session_notes (session_id, center_id, author_id, body) SELECT $1, $2, $3, $4 WHERE $5::int = 0
           ON CONFLICT (session_id, author_id) DO NOTHING RETURNING version, updated_at AS "updatedAt"`
        : `UPDATE session_notes SET body = $4, version = version + 1, updated_at = now()
           WHERE session_id = $1 AND center_id = $2 AND author_id = $3 AND version = $5 RETURNING version, updated_at AS "updatedAt"`,
      params,
    )) as { version: number; updatedAt: Date }[] | [{ version: number; updatedAt: Date }[], number];
    // The driver answers an INSERT … RETURNING with its rows, an UPDATE … RETURNING with [rows, count].
    const saved = (Array.isArray(rows[0]) ? rows[0] : rows) as { version: number; updatedAt: Date }[];
    if (saved[0]) return saved[0];
    const [current] = (await this.db.manager.query(`SELECT body, version FROM session_notes WHERE session_id = $1 AND author_id = $2`, [
      sessionId,
      this.db.scope.userId,
    ])) as { body: string; version: number }[];
    throw NoteConflict(current ?? { body: '', version: 0 });
  }

  async method(): Promise<{ steps: { id: string; position: number; title: string; hint: string | null }[] }> {
    if (this.db.scope.kind !== 'center') throw new ForbiddenError('The mediation method belongs to a center');
    return {
      steps: await this.db.manager.query(`SELECT id, position, title, hint FROM mediation_method_steps WHERE center_id = $1 ORDER BY position`, [
        this.db.scope.organisationId,
      ]),
    };
  }

  /** Replaces the center's checklist; ticks already given keep the step's title as it was. */
  async saveMethod(steps: MethodStepDto[]) {
    if (this.db.scope.kind !== 'center') throw new ForbiddenError('The mediation method belongs to a center');
    const centerId = this.db.scope.organisationId!;
    const twice = steps.findIndex((step, i) => steps.findIndex((o) => o.title.trim() === step.title.trim()) !== i);
    if (twice >= 0) throw invalid(`steps.${twice}.title`, 'each step has its own title');
    const existing = (await this.db.manager.query(`SELECT id, title FROM mediation_method_steps WHERE center_id = $1`, [centerId])) as { id: string; title: string }[];
    // A step kept by title keeps its id (and its ticks); positions move out of the way first.
    const kept = new Map(existing.map((e) => [e.title, e.id]));
    const keep = steps.map((s) => kept.get(s.title)).filter((id): id is string => Boolean(id));
    await this.db.manager.query(`DELETE FROM mediation_method_steps WHERE center_id = $1 AND NOT (id = ANY($2::uuid[]))`, [centerId, keep]);
    await this.db.manager.query(`UPDATE mediation_method_steps SET position = position + 1000 WHERE center_id = $1`, [centerId]);
    for (const [i, step] of steps.entries()) {
      const id = kept.get(step.title);
      if (id) await this.db.manager.query(`UPDATE mediation_method_steps SET position = $2, hint = $3 WHERE id = $1`, [id, i + 1, step.hint ?? null]);
      else await this.db.manager.query(`INSERT INTO mediation_method_steps (center_id, position, title, hint) VALUES ($1, $2, $3, $4)`, [centerId, i + 1, step.title, step.hint ?? null]);
    }
    await this.audit.record({ action: 'mediation-method.saved', subjectType: 'organisation', subjectId: centerId, detail: { steps: steps.length } });
    return this.method();
  }

  // ── Calls ─────────────────────────────────────────────────────────────────────────────

  /** Rings the party through the telephony provider and bridges them to the mediator. */
  async bridgeCall(sessionId: string, dto: BridgeCallDto) {
    const s = await this.runnable(sessionId);
    if (s.channel !== 'phone') throw SessionStateConflict(`a ${s.channel} session`, 'called through the phone bridge');
    if (!['waiting', 'in_progress'].includes(s.status)) throw SessionStateConflict(s.status, 'called');
    const phone = dto.party === 'consumer' ? (await this.cases.contactOf(s.caseId, 'phone-mediation')).phone : dto.phone;
    if (!phone) throw invalid('phone', 'the number to call is required for the bank or another party');
    const [{ id }] = (await this.db.manager.query(
      `INSERT INTO session_calls (session_id, center_id, institution_id, branch_path, party, source, status, provider, phone_masked, started_at, created_by)
       VALUES ($1, $2, $3, $4, $5, 'bridge', 'dialing', $6, $7, now(), $8) RETURNING id`,
      [s.id, s.centerId, s.institutionId, s.branchPath, dto.party, this.telephony.name, maskPhone(phone), this.db.scope.userId],
    )) as { id: string }[];
    const { ref, answered } = await this.telephony.bridge({ callId: id, to: phone });
    await this.db.manager.query(
      `UPDATE session_calls SET provider_ref = $2, status = $3::text, answered_at = CASE WHEN $3::text = 'connected' THEN now() END WHERE id = $1`,
      [id, ref, answered ? 'connected' : 'dialing'],
    );
    await this.changed(s, s.status, 'call_started');
    return this.console(sessionId);
  }

  async endCall(sessionId: string, callId: string) {
    const s = await this.runnable(sessionId);
    const call = await this.call(sessionId, callId);
    if (!['dialing', 'connected'].includes(call.status)) throw CallEnded();
    if (call.providerRef) await this.telephony.hangUp(call.providerRef);
    await this.db.manager.query(
      `UPDATE session_calls SET ended_at = now(), status = CASE WHEN answered_at IS NULL THEN 'no_answer' ELSE 'completed' END,
         duration_seconds = CASE WHEN answered_at IS NULL THEN 0 ELSE extract(epoch FROM now() - answered_at)::int END WHERE id = $1`,
      [callId],
    );
    await this.changed(s, s.status, 'call_ended');
    return this.console(sessionId);
  }

  /** A call the mediator made outside the bridge (their desk phone), logged by hand. */
  async logCall(sessionId: string, dto: LogCallDto) {
    const s = await this.runnable(sessionId);
    const started = Date.parse(dto.startedAt);
    const ended = Date.parse(dto.endedAt);
    if (ended < started) throw invalid('endedAt', 'must not be before startedAt');
    if (ended > Date.now() + 60_000) throw invalid('endedAt', 'a logged call has already ended');
    if (ended - started > 8 * 3600_000) throw invalid('endedAt', 'a call lasts at most 8 hours');
    const phone = dto.phone ?? (dto.party === 'consumer' ? (await this.cases.contactOf(s.caseId, 'phone-mediation-log')).phone : null);
    const status = dto.status ?? 'completed';
    await this.db.manager.query(
      `INSERT INTO session_calls (session_id, center_id, institution_id, branch_path, party, source, status, phone_masked, started_at, answered_at, ended_at,
         duration_seconds, note, created_by)
       VALUES ($1, $2, $3, $4, $5, 'manual', $6::text, $7, $8::timestamptz, CASE WHEN $6::text = 'completed' THEN $8::timestamptz END, $9, $10, $11, $12)`,
      [s.id, s.centerId, s.institutionId, s.branchPath, dto.party, status, phone ? maskPhone(phone) : '—', dto.startedAt, dto.endedAt,
        status === 'completed' ? Math.round((ended - started) / 1000) : 0, dto.note ?? null, this.db.scope.userId],
    );
    await this.changed(s, s.status, 'call_logged');
    return this.console(sessionId);
  }

  /**
   * A call's recording, uploaded after the call (a provider's own recording, or the mediator's).
   * Only with the mediator's statement that every party agreed to be recorded; checked by
   * what the bytes are (audio), kept by our key, read by the center only.
   */
  async attachRecording(sessionId: string, callId: string, upload: Upload) {
    const s = await this.runnable(sessionId);
    const call = await this.call(sessionId, callId);
    if (['dialing', 'connected'].includes(call.status)) throw new DomainError('CALL_NOT_ENDED', 409, 'Upload the recording once the call has ended');
    if (call.recordingKey) throw new DomainError('RECORDING_EXISTS', 409, 'This call already has its recording');
    if (upload.fields.consentConfirmed !== 'true') throw invalid('consentConfirmed', 'a call is recorded only when every party agreed: confirm it');
    if (!upload.body) throw new DomainError('RECORDING_TOO_LARGE', 413, `Recordings may be at most ${Math.floor(this.config.UPLOAD_MAX_BYTES / 1024 / 1024)} MB`);
    const { fileTypeFromBuffer } = await import('file-type');
    const found = await fileTypeFromBuffer(upload.body);
    const audio = found && (found.mime.startsWith('audio/') || found.mime === 'video/webm' || found.mime === 'video/mp4');
    if (!found || !audio) throw new DomainError('RECORDING_NOT_AUDIO', 415, 'A recording must be an audio file (MP3, M4A, WAV, OGG, WebM)', { detected: found?.mime ?? null });
    // No dot in a key: the type is kept beside it.
    const key = `recordings/${s.centerId}/${sessionId}/${callId}`;
    await this.storage.put(key, upload.body, found.mime);
    await this.db.manager.query(`UPDATE session_calls SET recording_key = $2, recording_type = $3 WHERE id = $1`, [callId, key, found.mime]);
    await this.audit.record({ action: 'session.call-recording-added', subjectType: 'session', subjectId: sessionId, detail: { callId, bytes: upload.body.length } });
    return this.console(sessionId);
  }

  async recording(sessionId: string, callId: string): Promise<{ body: Buffer; contentType: string; fileName: string }> {
    const s = await this.visible(sessionId);
    if (this.db.scope.kind !== 'center') throw CallNotFound();
    const call = await this.call(sessionId, callId);
    if (!call.recordingKey) throw new NotFoundError('Recording', 'RECORDING_NOT_FOUND');
    await this.audit.record({ action: 'session.call-recording-read', subjectType: 'session', subjectId: sessionId, detail: { callId } });
    return { body: await this.storage.get(call.recordingKey), contentType: call.recordingType ?? 'application/octet-stream', fileName: `${s.caseNumber ?? 'call'}-${callId.slice(0, 8)}.${(call.recordingType ?? '').split('/')[1]?.replace(/^x-/, '') || 'bin'}` };
  }

  private async call(sessionId: string, callId: string) {
    const [call] = (await this.db.manager.query(
      `SELECT id, status, provider_ref AS "providerRef", recording_key AS "recordingKey", recording_type AS "recordingType" FROM session_calls WHERE id = $1 AND session_id = $2`,
      [callId, sessionId],
    )) as { id: string; status: string; providerRef: string | null; recordingKey: string | null; recordingType: string | null }[];
    if (!call) throw CallNotFound();
    return call;
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────

  /** A session whose case the caller sees; anything else is 404. */
  private async visible(sessionId: string): Promise<SessionRow> {
    const [s] = (await this.db.manager.query(SESSION, [sessionId])) as SessionRow[];
    if (!s || !['center', 'institution'].includes(this.db.scope.kind)) throw SessionNotFound();
    const c = await this.cases.visible(s.caseId).catch(() => null);
    if (!c) throw SessionNotFound();
    return s;
  }

  /** Runs the session: the case's mediator, or a center admin standing in. */
  private async runnable(sessionId: string): Promise<SessionRow> {
    const s = await this.visible(sessionId);
    if (this.db.scope.kind !== 'center') throw SessionNotFound();
    if (!this.mayRun(s)) throw new ForbiddenError('Only the case’s mediator or a center admin runs the session', 'ROLE_REQUIRED');
    return s;
  }

  private mayRun(s: SessionRow): boolean {
    return s.mediatorId === this.db.scope.userId || hasRole(this.db.scope, 'center_admin');
  }

  /** `set` may use $4 onwards for `extra`. */
  private async setStatus(s: SessionRow, status: string, set: string, extra: unknown[] = []): Promise<void> {
    // Guarded by the status read: two tabs changing it at once cannot both win.
    const [, n] = (await this.db.manager.query(
      `UPDATE mediation_sessions SET status = $2, ${set}, version = version + 1, updated_at = now() WHERE id = $1 AND status = $3`,
      [s.id, status, s.status, ...extra],
    )) as [unknown, number];
    if (n !== 1) {
      const [now] = (await this.db.manager.query(`SELECT status FROM mediation_sessions WHERE id = $1`, [s.id])) as { status: string }[];
      throw SessionStateConflict(now?.status ?? s.status, 'changed: it changed meanwhile');
    }
    s.status = status;
  }

  private async closeCaucus(sessionId: string): Promise<void> {
    await this.db.manager.query(`UPDATE session_caucuses SET ended_at = now() WHERE session_id = $1 AND ended_at IS NULL`, [sessionId]);
  }

  private async changed(
    s: SessionRow,
    status: string,
    change: string,
    opts: { note?: boolean; reason?: string | null; detail?: Record<string, unknown> } = {},
  ): Promise<void> {
    const owners = { id: s.caseId, centerId: s.centerId, institutionId: s.institutionId, branchPath: s.branchPath };
    if (opts.note) await this.cases.note(owners, { kind: 'session', body: opts.reason ?? null, detail: { sessionId: s.id, change, ...opts.detail } });
    await this.outbox.add({
      type: 'session.updated',
      rooms: caseRooms(owners),
      payload: { sessionId: s.id, caseId: s.caseId, status, change, startsAt: s.startsAt.toISOString() },
    });
    if (opts.note) await this.audit.record({ action: `session.${change.replace(/_/g, '-')}`, subjectType: 'session', subjectId: s.id, detail: { caseNumber: s.caseNumber } });
  }
}
