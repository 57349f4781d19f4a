import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { CONSENT_DECLINE_REASONS, type ConsentDeclineReason } from '@accord/contracts';

export class ConsumerConsentQuery {
  @IsOptional()
  @IsIn(['zh', 'en'])
  lang?: 'zh' | 'en';
}

/** The consumer's answer, bound to the text they read (its SHA-256 from GET). */
export class ConsumerConsentAnswerDto {
  @IsIn(['given', 'declined'])
  answer: 'given' | 'declined';

  @IsIn(['zh', 'en'])
  language: 'zh' | 'en';

  @Matches(/^[0-9a-f]{64}$/, { message: 'textSha256 must be the 64 hex digits GET answered' })
  textSha256: string;

  @ValidateIf((o: ConsumerConsentAnswerDto) => o.answer === 'declined' && o.declineReason !== undefined)
  @IsIn(CONSENT_DECLINE_REASONS)
  declineReason?: ConsentDeclineReason;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  declineNote?: string;

  /** With "given", when the center offers a choice: one of `mediatorChoices`. */
  @IsOptional()
  @IsUUID()
  mediatorId?: string;
}
