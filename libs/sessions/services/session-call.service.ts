import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, AuditService, Database, DomainError, FileStorage, maskPhone, NotFoundError } from '@accord/core';
import type { Upload } from '@accord/core';
import { CaseReading } from '@accord/cases';
import type { BridgeCallDto, LogCallDto } from '../dto/session-console.dto';
import { CallState, SessionCallRepository } from '../repositories/session-call.repository';
import { CallEnded, CallNotFound, invalid, SessionStateConflict } from '../sessions.errors';
import { TELEPHONY_PROVIDER, TelephonyProvider } from '../telephony/telephony-provider';
import { SessionAccess } from './session-access.service';
import { SessionConsoleService } from './session-console.service';

/**
 * Calling the parties during a session: through the telephony provider's bridge (a phone
 * session), or logged by hand from the mediator's desk phone; a call's recording is added
 * afterwards, only with every party's consent, and read by the center only.
 */
@Injectable()
export class SessionCallService {
  constructor(
    private readonly db: Database,
    private readonly calls: SessionCallRepository,
    private readonly access: SessionAccess,
    private readonly console: SessionConsoleService,
    private readonly cases: CaseReading,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
    @Inject(TELEPHONY_PROVIDER) private readonly telephony: TelephonyProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Rings the party through the telephony provider and bridges them to the mediator. */
  async bridgeCall(sessionId: string, dto: BridgeCallDto) {
    const s = await this.access.runnable(sessionId);
    if (s.channel !== 'phone') throw SessionStateConflict(`a ${s.channel} session`, 'called through the phone bridge');
    if (!['waiting', 'in_progress'].includes(s.status)) throw SessionStateConflict(s.status, 'called');
    const phone = dto.party === 'consumer' ? (await this.cases.contactOf(s.caseId, 'phone-mediation')).phone : dto.phone;
    if (!phone) throw invalid('phone', 'the number to call is required for the bank or another party');
    const id = await this.calls.dialing(s, dto.party, this.telephony.name, maskPhone(phone), this.db.scope.userId);
    const { ref, answered } = await this.telephony.bridge({ callId: id, to: phone });
    await this.calls.bridged(id, ref, answered);
    await this.access.changed(s, s.status, 'call_started');
    return this.console.console(sessionId);
  }

  async endCall(sessionId: string, callId: string) {
    const s = await this.access.runnable(sessionId);
    const call = await this.call(sessionId, callId);
    if (!['dialing', 'connected'].includes(call.status)) throw CallEnded();
    if (call.providerRef) await this.telephony.hangUp(call.providerRef);
    await this.calls.end(callId);
    await this.access.changed(s, s.status, 'call_ended');
    return this.console.console(sessionId);
  }

  /** A call the mediator made outside the bridge (their desk phone), logged by hand. */
  async logCall(sessionId: string, dto: LogCallDto) {
    const s = await this.access.runnable(sessionId);
    const started = Date.parse(dto.startedAt);
    const ended = Date.parse(dto.endedAt);
    if (ended < started) throw invalid('endedAt', 'must not be before startedAt');
    if (ended > Date.now() + 60_000) throw invalid('endedAt', 'a logged call has already ended');
    if (ended - started > 8 * 3600_000) throw invalid('endedAt', 'a call lasts at most 8 hours');
    const phone = dto.phone ?? (dto.party === 'consumer' ? (await this.cases.contactOf(s.caseId, 'phone-mediation-log')).phone : null);
    const status = dto.status ?? 'completed';
    await this.calls.log(
      s,
      {
        party: dto.party,
        status,
        phoneMasked: phone ? maskPhone(phone) : '—',
        startedAt: dto.startedAt,
        endedAt: dto.endedAt,
        durationSeconds: status === 'completed' ? Math.round((ended - started) / 1000) : 0,
        note: dto.note ?? null,
      },
      this.db.scope.userId,
    );
    await this.access.changed(s, s.status, 'call_logged');
    return this.console.console(sessionId);
  }

  /**
   * A call's recording, uploaded after the call (a provider's own recording, or the mediator's).
   * Only with the mediator's statement that every party agreed to be recorded; checked by
   * what the bytes are (audio), kept by our key, read by the center only.
   */
  async attachRecording(sessionId: string, callId: string, upload: Upload) {
    const s = await this.access.runnable(sessionId);
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
    await this.calls.attachRecording(callId, key, found.mime);
    await this.audit.record({ action: 'session.call-recording-added', subjectType: 'session', subjectId: sessionId, detail: { callId, bytes: upload.body.length } });
    return this.console.console(sessionId);
  }

  async recording(sessionId: string, callId: string): Promise<{ body: Buffer; contentType: string; fileName: string }> {
    const s = await this.access.visible(sessionId);
    if (this.db.scope.kind !== 'center') throw CallNotFound();
    const call = await this.call(sessionId, callId);
    if (!call.recordingKey) throw new NotFoundError('Recording', 'RECORDING_NOT_FOUND');
    await this.audit.record({ action: 'session.call-recording-read', subjectType: 'session', subjectId: sessionId, detail: { callId } });
    return {
      body: await this.storage.get(call.recordingKey),
      contentType: call.recordingType ?? 'application/octet-stream',
      fileName: `${s.caseNumber ?? 'call'}-${callId.slice(0, 8)}.${(call.recordingType ?? '').split('/')[1]?.replace(/^x-/, '') || 'bin'}`,
    };
  }

  private async call(sessionId: string, callId: string): Promise<CallState> {
    const call = await this.calls.find(callId, sessionId);
    if (!call) throw CallNotFound();
    return call;
  }
}
