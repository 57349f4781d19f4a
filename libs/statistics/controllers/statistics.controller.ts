import { PassThrough } from 'node:stream';
import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles, ReplicaReads } from '@accord/core';
import { StatisticsDashboardFilterQuery, StatisticsExportQuery } from '../dto/statistics.dto';
import { writeStatisticsWorkbook } from '../services/statistics-workbook';
import { StatisticsService } from '../services/statistics.service';
import { ApiResult } from '@accord/core';

/** Center staff who run intake see their center's figures; mediators see their own caseload elsewhere. */
const READERS = ['center_admin', 'intake_officer', 'institution_admin', 'branch_manager', 'complaint_handler', 'viewer', 'regulator_analyst', 'regulator_supervisor'] as const;

@ApiTags('statistics')
@ApiBearerAuth()
// Figures from the roll-ups, which the worker keeps seconds behind the cases: a replica within
// DATABASE_READ_MAX_LAG_SECONDS answers them as well (and the caller's own writes are awaited).
@ReplicaReads({ scope: 'request' })
@Controller('statistics')
export class StatisticsController {
  private readonly logger = new Logger('StatisticsController');

  constructor(private readonly statistics: StatisticsService) {}

  /**
   * The success-rate dashboard for a period: per institution (centers, regulators) or per branch
   * (institutions), one level below the viewer's root or below `branchId` in its subtree. Centers
   * and regulators may narrow it to a center, a business line and a dispute type.
   */
  @Get('dashboard')
  @Roles(...READERS)
  @ApiResult('StatisticsDashboard')
  dashboard(@Query() query: StatisticsDashboardFilterQuery) {
    const { from, to, branchId, ...filter } = query;
    return this.statistics.dashboard(from, to, branchId, filter);
  }

  /** The same rows and figures as an XLSX workbook, with the period and the definitions (口径); with `cases=true` also the cases behind them. */
  @Get('dashboard.xlsx')
  @Roles(...READERS)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async workbook(@Query() query: StatisticsExportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const dash = await this.statistics.dashboard(query.from, query.to, query.branchId);
    const cases = query.cases ? this.statistics.concludedCases(query.from, query.to, query.branchId) : null;
    const out = new PassThrough();
    writeStatisticsWorkbook(dash, out, cases).catch((error: Error) => {
      this.logger.error(`statistics workbook failed: ${error.message}`);
      out.destroy(error);
    });
    const fileName = `调解统计_${dash.from}_${dash.to}.xlsx`;
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="statistics-${dash.from}-${dash.to}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    return out;
  }
}
