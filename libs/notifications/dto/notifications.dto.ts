import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';
import { NOTIFICATION_KIND_NAMES, type NotificationKind } from '@accord/contracts';
import { PageQueryDto } from '@accord/core';

export class NotificationsQuery extends PageQueryDto {
  /** `true`: only the unread ones (the inbox's 未读 filter). */
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

export class NotificationPreferenceDto {
  @IsString()
  @IsIn(NOTIFICATION_KIND_NAMES)
  kind: NotificationKind;

  /** Also send this kind by e-mail to the address on the account. */
  @IsBoolean()
  email: boolean;
}

export class NotificationPreferencesDto {
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KIND_NAMES.length)
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceDto)
  items: NotificationPreferenceDto[];
}
