import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';

/** The center's proposal: how many more days (1–30; more is refused with EXTENSION_TOO_LONG) and why. */
export class ProposeExtensionDto {
  @IsInt()
  @Min(1)
  days: number;

  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;
}

/** A party's answer: yes, or no (with an optional note). */
export class AnswerExtensionDto {
  @IsIn(['agreed', 'declined'])
  answer: 'agreed' | 'declined';

  @IsOptional()
  @IsString()
  @MaxLength(300)
  note?: string;
}
