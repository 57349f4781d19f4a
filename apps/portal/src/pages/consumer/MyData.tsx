import { App, Button, Card, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { downloadMyData } from '../../api/consumer';
import { errorMessage } from '../../lib/errors';

/** Below every consumer view once the code is verified: their copy of what the center holds about them (PIPL art. 45). */
export function MyData({ accessToken }: { accessToken: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const download = useMutation({
    mutationFn: () => downloadMyData(accessToken),
    onError: (err) => void message.error(errorMessage(err, t)),
  });
  return (
    <Card size="small" title={t('privacy.myDataTitle')} style={{ marginTop: 16 }} data-testid="consumer-my-data">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('privacy.myDataIntro')}
      </Typography.Paragraph>
      <Button block icon={<FilePdfOutlined />} loading={download.isPending} onClick={() => download.mutate()} data-testid="consumer-my-data-download">
        {t('privacy.myDataDownload')}
      </Button>
    </Card>
  );
}
