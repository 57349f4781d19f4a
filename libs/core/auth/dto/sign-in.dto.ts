import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ example: 'qd.intake' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'Accord-demo-2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  refreshToken: string;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: '核心系统对接' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  /** Requests per minute this key may make (default 600). */
  @ApiPropertyOptional({ example: 600, minimum: 1, maximum: 100000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  ratePerMinute?: number;
}

export class UpdateApiKeyDto {
  @ApiProperty({ example: 600, minimum: 1, maximum: 100000 })
  @IsInt()
  @Min(1)
  @Max(100000)
  ratePerMinute: number;
}
