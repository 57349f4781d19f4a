import { useEffect } from 'react';
import { Button, Flex, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { videoApi } from '../api/video';
import { VideoRoom } from '../components/video/VideoRoom';

/** /sessions/:sessionId/video — the video room for the signed-in mediator, center staff and bank representative. */
export default function SessionVideoPage() {
  const { t } = useTranslation();
  const { sessionId = '' } = useParams();
  // the same answer VideoRoom reads (shared cache): here only for the way back to the case
  const info = useQuery({ queryKey: ['video-info', sessionId, 'staff', ''], queryFn: () => videoApi.joinInfo(sessionId), retry: 1, staleTime: 10 * 60_000 });
  useEffect(() => {
    document.title = t('video.pageTitle');
  }, [t]);
  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={12} wrap>
        {info.data?.caseId ? (
          <Link to={`/cases/${info.data.caseId}`}>
            <Button icon={<ArrowLeftOutlined />} data-testid="video-back">
              {t('video.backToCase')}
            </Button>
          </Link>
        ) : null}
        <Typography.Title level={2} style={{ fontSize: 24, margin: 0 }}>
          {t('video.pageTitle')}
        </Typography.Title>
      </Flex>
      <VideoRoom key={sessionId} sessionId={sessionId} as="staff" />
    </Flex>
  );
}
