import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiResult, Roles, ReplicaReads } from '@accord/core';
import { TrendFilterQuery, TrendSeriesQuery } from '../dto/trends.dto';
import { TrendsService } from '../services/trends.service';

/**
 * The regulator's console (监管驾驶舱): trends and the heat map across its jurisdiction. Centers
 * and institutions answer 403: their dashboard has no business-line split and no other bank.
 */
const REGULATORS = ['regulator_analyst', 'regulator_supervisor'] as const;

@ApiTags('statistics')
@ApiBearerAuth()
// Figures from the roll-ups, which the worker keeps seconds behind the cases: a replica within
// DATABASE_READ_MAX_LAG_SECONDS answers them as well (and the caller's own writes are awaited).
@ReplicaReads({ scope: 'request' })
@Controller('statistics')
export class TrendsController {
  constructor(private readonly trends: TrendsService) {}

  /** Monthly referrals, concluded and success rate per institution or business line, with month-over-month and year-over-year change. */
  @Get('trends')
  @Roles(...REGULATORS)
  @ApiResult('TrendSeries')
  series(@Query() query: TrendSeriesQuery) {
    const { by, ...filter } = query;
    return this.trends.series(by ?? 'institution', filter);
  }

  /** Referrals and success rate per business line × institution over a range of months. */
  @Get('heat-map')
  @Roles(...REGULATORS)
  @ApiResult('TrendHeatMap')
  heatMap(@Query() query: TrendFilterQuery) {
    return this.trends.heatMap(query);
  }
}
