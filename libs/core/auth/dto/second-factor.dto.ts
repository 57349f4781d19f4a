import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** A 6-digit authenticator code, or a recovery code (xxxxx-xxxxx). */
const CODE = /^\s*(\d{3}\s?\d{3}|[0-9a-fA-F]{5}-?[0-9a-fA-F]{5})\s*$/;

export class SecondFactorCodeDto {
  @ApiProperty({ example: '123456', description: 'the 6-digit code from the authenticator app, or a recovery code' })
  @IsString()
  @Matches(CODE, { message: 'code must be the 6 digits from the authenticator app or a recovery code' })
  code: string;
}

export class PendingSignInDto {
  @ApiProperty({ description: 'secondFactorToken from the SECOND_FACTOR_REQUIRED answer of sign-in' })
  @IsString()
  @MinLength(20)
  @MaxLength(2000)
  secondFactorToken: string;
}

export class PendingCodeDto extends PendingSignInDto {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(CODE, { message: 'code must be the 6 digits from the authenticator app or a recovery code' })
  code: string;
}
