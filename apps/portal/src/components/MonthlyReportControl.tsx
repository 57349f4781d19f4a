import { useState } from 'react';
import { Button, DatePicker, Space, Tooltip, Typography } from 'antd';
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { reportsApi, type ReportFormat } from '../api/reports';
import { todayInShanghai } from '../lib/format';
import { ProblemAlert } from './ProblemAlert';

/** The server takes the last three years up to the current month (Asia/Shanghai). */
const YEARS_BACK = 3;

/**
 * 监管月报 on the regulator's console: a month and two downloads (PDF with the charts, XLSX with
 * the same tables), for the center chosen on the console or the whole jurisdiction. By default
 * the last complete month, the one a monthly report is usually about.
 */
export function MonthlyReportControl({ centerId }: { centerId?: string }) {
  const { t } = useTranslation();
  const thisMonth = dayjs(todayInShanghai().slice(0, 7) + '-01');
  const [month, setMonth] = useState<Dayjs>(thisMonth.subtract(1, 'month'));
  const download = useMutation({ mutationFn: (format: ReportFormat) => reportsApi.downloadMonthly(month.format('YYYY-MM'), format, centerId) });
  const busy = (format: ReportFormat) => download.isPending && download.variables === format;
  return (
    <Space direction="vertical" size={4} data-testid="monthly-report">
      <Space wrap>
        <Typography.Text strong>{t('reports.monthly')}</Typography.Text>
        <DatePicker
          picker="month"
          allowClear={false}
          aria-label={t('reports.month')}
          value={month}
          onChange={(v) => v && setMonth(v)}
          disabledDate={(d) => d.isAfter(thisMonth, 'month') || d.isBefore(thisMonth.subtract(YEARS_BACK * 12, 'month'), 'month')}
          data-testid="monthly-report-month"
        />
        <Tooltip title={t('reports.pdfHint')}>
          <Button icon={<FilePdfOutlined />} loading={busy('pdf')} onClick={() => download.mutate('pdf')} data-testid="monthly-report-pdf">
            {t('reports.pdf')}
          </Button>
        </Tooltip>
        <Tooltip title={t('reports.xlsxHint')}>
          <Button icon={<FileExcelOutlined />} loading={busy('xlsx')} onClick={() => download.mutate('xlsx')} data-testid="monthly-report-xlsx">
            {t('reports.xlsx')}
          </Button>
        </Tooltip>
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {centerId ? t('reports.scopeCenter') : t('reports.scopeAll')}
      </Typography.Text>
      <ProblemAlert error={download.error} title={t('reports.failed')} />
    </Space>
  );
}
