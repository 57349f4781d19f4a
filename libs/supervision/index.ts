export { supervisionEntities } from './entities/warning.entities';
export { supervisionMigrations } from './migrations';
export { SupervisionModule } from './supervision.module';
export { WarningSchedule } from './jobs/warning-schedule';
export { METHOD_TEXT, poissonQuantile } from './services/poisson';
export { MonthlyReportService } from './services/monthly-report.service';
export { renderMonthlyReportPdf } from './services/monthly-report-pdf';
export { renderMonthlyReportWorkbook } from './services/monthly-report-xlsx';
export type { MonthlyReport } from './services/monthly-report';
