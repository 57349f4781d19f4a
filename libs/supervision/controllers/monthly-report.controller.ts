import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { asDownload, Roles } from '@accord/core';
import { MonthlyReportQuery } from '../dto/monthly-report.dto';
import { MonthlyReportService } from '../services/monthly-report.service';

@ApiTags('supervision')
@ApiBearerAuth()
@Controller('reports')
export class MonthlyReportController {
  constructor(private readonly reports: MonthlyReportService) {}

  /**
   * 监管月报: the month's jurisdiction totals, institution table, 红黑榜, referral trend and
   * warnings with their handling, as PDF (Chinese, with charts) or XLSX; audited as an export.
   */
  @Get('monthly')
  @Roles('regulator_analyst', 'regulator_supervisor')
  @ApiProduces('application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async monthly(@Query() query: MonthlyReportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return asDownload(reply, await this.reports.file(query.month, query.format, query.centerId));
  }
}
