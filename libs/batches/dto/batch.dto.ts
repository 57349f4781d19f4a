import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Type } from 'class-transformer';
import { PageQueryDto } from '@accord/core';
import { BookSessionDto } from '@accord/scheduling';

export class CreateBatchDto {
  /** The product or event the cases share (the batch's name), e.g. "XX理财产品". */
  @ApiProperty({ example: '稳盈理财2号产品' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'must not be blank' })
  label: string;

  @ApiProperty()
  @IsUUID()
  leadMediatorId: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  caseIds: string[];
}

export class SuggestionsQuery {
  /** Only cases whose facts or claims name this product or event. */
  @ApiPropertyOptional({ example: '理财' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(50)
  keyword?: string;

  /** The filing window: cases submitted within this many days of the group's first. */
  @ApiPropertyOptional({ minimum: 1, maximum: 180, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(180)
  days: number = 30;
}

export class BatchesQuery extends PageQueryDto {}

/** One session for every case of the batch: the same time, channel and room, with the lead mediator. */
export class BookBatchSessionDto extends BookSessionDto {}

export class ShareSchemeDto {
  @ApiProperty({ example: '统一调解方案' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'must not be blank' })
  title: string;

  @ApiProperty({ example: '银行按本金的30%予以补偿，分两期支付。' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  @Matches(/\S/, { message: 'must not be blank' })
  terms: string;
}
