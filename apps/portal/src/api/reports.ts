import { downloadFile } from './http';

export type ReportFormat = 'pdf' | 'xlsx';

export const reportsApi = {
  /** 监管月报: the month's report as PDF or XLSX, downloaded with the staff token (the server names the file). */
  downloadMonthly: (month: string, format: ReportFormat, centerId?: string) =>
    downloadFile(
      `/api/v1/reports/monthly?month=${encodeURIComponent(month)}&format=${format}${centerId ? `&centerId=${encodeURIComponent(centerId)}` : ''}`,
      `monthly-report-${month}.${format}`,
    ),
};
