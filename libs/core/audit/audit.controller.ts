import { PassThrough } from 'node:stream';
import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ReplicaReads } from '../database/replica-reads.decorator';
import { ApiList, ApiPage } from '../http/api-result';
import { AuditFilterQuery, AuditPageQuery } from './audit-query.dto';
import { writeAuditWorkbook } from './audit-workbook';
import { AuditService } from './audit.service';

/**
 * The trail of the caller's own organisation: a center admin sees the center's, an institution
 * admin the institution's, a platform admin the platform's (RLS holds the same line underneath).
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditController {
  private readonly logger = new Logger('AuditController');

  constructor(private readonly audit: AuditService) {}

  /** Newest first, filtered by actor, action (prefix), subject and period. */
  @Get()
  @Roles('platform_admin', 'center_admin', 'institution_admin')
  @ApiPage('AuditEventView')
  list(@Query() query: AuditPageQuery) {
    const { page, pageSize, q: _q, ...filter } = query;
    return this.audit.list(filter, page, pageSize);
  }

  /** The people who appear in the trail, for the actor filter. */
  @Get('actors')
  @Roles('platform_admin', 'center_admin', 'institution_admin')
  @ApiList('AuditActor')
  actors() {
    return this.audit.actors();
  }

  /** The filtered trail as XLSX, streamed batch by batch; the export is itself an entry of the trail. */
  @Get('export.xlsx')
  @Roles('platform_admin', 'center_admin', 'institution_admin')
  @ReplicaReads({ scope: 'batches' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@Query() query: AuditFilterQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const batches = await this.audit.export(query);
    const out = new PassThrough();
    writeAuditWorkbook(batches, out).catch((error: Error) => {
      this.logger.error(`audit workbook failed: ${error.message}`);
      out.destroy(error);
    });
    const day = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="audit-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`审计日志_${day}.xlsx`)}`);
    return out;
  }
}
