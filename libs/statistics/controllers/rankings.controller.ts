import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiResult, Roles, ReplicaReads } from '@accord/core';
import { RankingsQuery } from '../dto/rankings.dto';
import { RankingService } from '../services/ranking.service';

/** Who keeps a 红黑榜: center admins, institution admins and branch managers (within their subtree), regulators. */
const RANKERS = ['center_admin', 'institution_admin', 'branch_manager', 'regulator_analyst', 'regulator_supervisor'] as const;

@ApiTags('statistics')
@ApiBearerAuth()
// Figures from the roll-ups, which the worker keeps seconds behind the cases: a replica within
// DATABASE_READ_MAX_LAG_SECONDS answers them as well (and the caller's own writes are awaited).
@ReplicaReads({ scope: 'request' })
@Controller('statistics')
export class RankingsController {
  constructor(private readonly rankings: RankingService) {}

  /** 红黑榜: institutions (centers, regulators) or branches of one level (institutions) ranked by the stated composite, with the rank change against the previous period. */
  @Get('rankings')
  @Roles(...RANKERS)
  @ApiResult('Rankings')
  list(@Query() query: RankingsQuery) {
    return this.rankings.rankings(query);
  }
}
