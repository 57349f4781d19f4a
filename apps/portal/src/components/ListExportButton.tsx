import { App, Button, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';

/**
 * 导出 XLSX for a list: downloads what the list shows with its filters (the server builds the
 * file; past 50,000 rows it answers EXPORT_TOO_LARGE and the user is told to narrow the filters).
 */
export function ListExportButton({ download, hint, tooLarge, testId }: { download: () => Promise<void>; hint: string; tooLarge?: string; testId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const exporting = useMutation({
    mutationFn: download,
    onError: (e) => message.error(e instanceof ApiError && e.problem.code === 'EXPORT_TOO_LARGE' ? (tooLarge ?? t('common.exportTooLarge')) : t('common.exportFailed')),
  });
  return (
    <Tooltip title={hint}>
      <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid={testId}>
        {t('common.exportXlsx')}
      </Button>
    </Tooltip>
  );
}
