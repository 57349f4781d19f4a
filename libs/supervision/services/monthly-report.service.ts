import { Injectable } from '@nestjs/common';
import { AuditService, Database, ForbiddenError, hasRole, NotFoundError } from '@accord/core';
import { DirectoryService } from '@accord/organisations';
import { currentMonth, RankingService, StatisticsService, TrendsService } from '@accord/statistics';
import { WarningService } from './warning.service';
import { monthBounds, monthIndex, monthOf, MonthlyReport, ReportFormat, ReportTrend, TREND_INSTITUTIONS, TREND_MONTHS, validateReportMonth } from './monthly-report';
import { renderMonthlyReportPdf } from './monthly-report-pdf';
import { renderMonthlyReportWorkbook } from './monthly-report-xlsx';

export interface MonthlyReportFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The regulator's monthly supervisory report (监管月报): the month's totals and institution table
 * (the dashboard), the 红黑榜 (the rankings), the referral trend (the dashboard's totals and the
 * console's trend lines) and the month's warnings with their handling. Every figure comes from the
 * statistics lib's own services — the screen's numbers, small cells withheld the same way — and
 * nothing reads a case, so a large jurisdiction renders in the time of a few roll-up reads.
 */
@Injectable()
export class MonthlyReportService {
  constructor(
    private readonly db: Database,
    private readonly statistics: StatisticsService,
    private readonly rankings: RankingService,
    private readonly trends: TrendsService,
    private readonly warningService: WarningService,
    private readonly directory: DirectoryService,
    private readonly audit: AuditService,
  ) {}

  /** The report as a file (audited as an export). */
  async file(month: string, format: ReportFormat, centerId?: string): Promise<MonthlyReportFile> {
    const report = await this.build(month, centerId);
    const body = format === 'pdf' ? await renderMonthlyReportPdf(report) : await renderMonthlyReportWorkbook(report);
    await this.audit.record({
      action: 'report.monthly-exported',
      subjectType: 'report',
      detail: { month: report.month, format, centerId: report.center?.id ?? null, warnings: report.warnings.length },
    });
    return { body, contentType: CONTENT_TYPES[format], fileName: `监管月报-${report.month}${report.center ? `-${report.center.name}` : ''}.${format}` };
  }

  /** The report's figures; also what `npm run bench` times with the renderers. */
  async build(month: string, centerId?: string, now = new Date()): Promise<MonthlyReport> {
    const scope = this.db.scope;
    if (scope.kind !== 'regulator' || !hasRole(scope, 'regulator_analyst', 'regulator_supervisor')) {
      throw new ForbiddenError('The monthly report is for regulators', 'REPORT_FORBIDDEN');
    }
    validateReportMonth(month, currentMonth(now));
    // Another center (another tenant's, one outside the jurisdiction, a made-up id) is not there.
    if (centerId && !scope.centerIds.includes(centerId)) throw new NotFoundError('Center', 'CENTER_NOT_FOUND');
    const { first, last, next } = monthBounds(month);
    // One after the other: the request's transaction is one connection.
    const dashboard = await this.statistics.dashboard(first, last, undefined, { centerId });
    const rankings = await this.rankings.rankings({ from: month, to: month, centerId });
    const trend = await this.trend(month, centerId);
    const warnings = await this.warningService.startingIn(first, next, centerId ? [centerId] : scope.centerIds);
    const names = await this.directory.organisationNames([scope.organisationId!, ...(centerId ? [centerId] : [])]);
    return {
      month,
      jurisdiction: names.get(scope.organisationId!) ?? '',
      center: centerId ? { id: centerId, name: names.get(centerId) ?? '' } : null,
      generatedAt: now,
      dashboard,
      rankings,
      trend,
      warnings,
    };
  }

  /**
   * The jurisdiction's referrals month by month are the dashboard's total of each month (what
   * the console's overview shows for it); the institutions' lines the console's trend lines.
   */
  private async trend(month: string, centerId?: string): Promise<ReportTrend> {
    const end = monthIndex(month);
    const months = Array.from({ length: TREND_MONTHS }, (_, i) => monthOf(end - TREND_MONTHS + 1 + i));
    const series = await this.trends.series('institution', { from: months[0], to: month, centerId });
    const total: (number | null)[] = [];
    for (const m of months) {
      const { first, last } = monthBounds(m);
      total.push((await this.statistics.dashboard(first, last, undefined, { centerId })).total.referrals);
    }
    const lines = series.lines.slice(0, TREND_INSTITUTIONS).map((l) => ({ id: l.id, name: l.name, referrals: l.points.map((p) => p.referrals) }));
    return { months, total, lines };
  }
}
