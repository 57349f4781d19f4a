import { App, Button, Card, Space, Table, Typography, Upload, type TableColumnsType } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseAttachmentView, CaseDetail } from '@accord/contracts';
import { caseKeys, casesApi } from '../../api/cases';
import { downloadFile } from '../../api/http';
import { useCurrentUser } from '../../auth/AuthContext';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { Nowrap } from '../Nowrap';
import { ProblemAlert } from '../ProblemAlert';
import { ACCEPTED_FILES, checkFile, formatBytes } from './files';

export function CaseAttachments({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canAttach = c.allowedActions.includes('attach');
  // the API serves the files to the center and the institution, not to a regulator
  const canDownload = useCurrentUser().organisation.kind !== 'regulator';

  const list = useQuery({
    queryKey: caseKeys.attachments(c.id),
    queryFn: ({ signal }) => casesApi.attachments(c.id, signal),
  });

  const upload = useMutation({
    mutationFn: (file: File) => casesApi.upload(c.id, file),
    onSuccess: (_r, file) => {
      void message.success(t('caseDetail.uploaded', { name: file.name }));
      void queryClient.invalidateQueries({ queryKey: caseKeys.one(c.id) });
    },
    onError: (err, file) => void message.error(t('caseForm.uploadFailed', { name: file.name, reason: errorMessage(err, t) })),
  });

  const download = useMutation({
    mutationFn: (a: CaseAttachmentView) => downloadFile(casesApi.attachmentPath(c.id, a.id), a.fileName),
    onError: (err) => void message.error(errorMessage(err, t)),
  });

  const columns: TableColumnsType<CaseAttachmentView> = [
    { title: t('caseDetail.fileName'), dataIndex: 'fileName', key: 'fileName', ellipsis: true },
    { title: t('caseDetail.fileSize'), dataIndex: 'sizeBytes', key: 'size', width: 90, render: (n: number) => <Nowrap>{formatBytes(n)}</Nowrap> },
    // Who over when, in one column: the card is half the page wide, and the download must stay in it.
    {
      title: `${t('caseDetail.uploadedBy')} / ${t('caseDetail.uploadedAt')}`,
      key: 'by',
      width: 160,
      render: (_: unknown, a) => (
        <Space orientation="vertical" size={0}>
          <span>{a.uploadedByName}</span>
          <Typography.Text type="secondary">
            <Nowrap>{formatDateTime(a.createdAt, i18n.language)}</Nowrap>
          </Typography.Text>
        </Space>
      ),
    },
  ];
  if (canDownload) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_: unknown, a) => (
        <Button
          size="small"
          icon={<DownloadOutlined />}
          loading={download.isPending && download.variables?.id === a.id}
          onClick={() => download.mutate(a)}
          aria-label={`${t('caseDetail.download')} ${a.fileName}`}
          data-testid={`attachment-download-${a.id}`}
        >
          {t('caseDetail.download')}
        </Button>
      ),
    });
  }

  return (
    <Card
      title={t('caseDetail.attachments')}
      data-testid="attachments"
      extra={
        canAttach ? (
          <Upload
            accept={ACCEPTED_FILES}
            showUploadList={false}
            multiple
            beforeUpload={(file) => {
              const problem = checkFile(file, t);
              if (problem) void message.error(problem);
              else upload.mutate(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="attachment-upload">
              {t('caseDetail.upload')}
            </Button>
          </Upload>
        ) : null
      }
    >
      <ProblemAlert error={list.error} />
      <Table<CaseAttachmentView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={false}
        locale={{ emptyText: t('caseDetail.noAttachments') }}
        scroll={{ x: 480 }}
      />
    </Card>
  );
}
