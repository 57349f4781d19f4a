import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { PageQueryDto } from '../http/page-query.dto';
import { AuditService } from './audit.service';
import { ApiPage } from '../http/api-result';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The caller's organisation's trail, newest first. */
  @Get()
  @Roles('platform_admin', 'center_admin', 'institution_admin')
  @ApiPage('AuditEventView')
  list(@Query() query: PageQueryDto) {
    return this.audit.list(query.page, query.pageSize);
  }
}
