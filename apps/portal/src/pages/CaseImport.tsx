import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Row, Select, Space, Table, Tag, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CaseImportResult } from '@accord/contracts';
import { caseKeys, casesApi } from '../api/cases';
import { downloadFile } from '../api/http';
import { organisationsApi } from '../api/organisations';
import { useCurrentUser } from '../auth/AuthContext';
import { ProblemAlert } from '../components/ProblemAlert';
import { errorMessage } from '../lib/errors';

/** The import's field names → the labels people read (the API names the fields as its DTO does). */
const FIELD_LABELS: Record<string, string> = {
  branchCode: 'caseImport.col_branchCode',
  branchId: 'caseImport.col_branchCode',
  'consumer.name': 'caseForm.consumerName',
  consumerName: 'caseForm.consumerName',
  'consumer.idType': 'caseForm.idType',
  idType: 'caseForm.idType',
  'consumer.idNumber': 'caseForm.idNumber',
  idNumber: 'caseForm.idNumber',
  'consumer.phone': 'caseForm.phone',
  phone: 'caseForm.phone',
  'consumer.email': 'caseForm.email',
  email: 'caseForm.email',
  businessLine: 'caseForm.businessLine',
  disputeType: 'caseForm.disputeType',
  amountFen: 'caseForm.amountYuan',
  amountYuan: 'caseForm.amountYuan',
  complaintReceivedOn: 'caseForm.complaintReceivedOn',
  facts: 'caseForm.facts',
  claims: 'caseForm.claims',
  preferredChannel: 'caseForm.preferredChannel',
  consent: 'caseForm.consent',
  consentGiven: 'caseForm.consent',
};

interface ImportValues {
  centerId?: string;
}

/** /cases/import — many referrals from one spreadsheet; filed rows and error rows side by side. */
export default function CaseImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ImportValues>();
  const [file, setFile] = useState<UploadFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const members = useQuery({
    queryKey: ['memberships', { page: 1, pageSize: 100 }],
    queryFn: ({ signal }) => organisationsApi.memberships({ page: 1, pageSize: 100 }, signal),
  });
  const centerOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const m of members.data?.items ?? []) {
      if (m.status === 'active' && m.institutionId === me.organisation.id) seen.set(m.centerId, m.centerName);
    }
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [members.data, me.organisation.id]);

  const run = useMutation({
    mutationFn: (v: ImportValues) => casesApi.importFile(v.centerId ?? '', file?.originFileObj as File),
    onSuccess: (r) => {
      void message.success(t('caseImport.filedCount', { count: r.filed.length }));
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists });
    },
  });

  const template = useMutation({
    mutationFn: () => downloadFile(casesApi.importTemplatePath, 'accord-cases-template.csv'),
    onError: (err) => void message.error(errorMessage(err, t)),
  });

  const result: CaseImportResult | undefined = run.data;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={t('caseImport.title')}
        extra={
          <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()} data-testid="import-template">
            {t('caseImport.template')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('caseImport.intro')}</Typography.Paragraph>
        <ProblemAlert error={members.error} />
        <Form<ImportValues>
          form={form}
          layout="vertical"
          disabled={run.isPending}
          initialValues={{}}
          onFinish={(v) => {
            if (!file) {
              setFileError(t('caseImport.fileRequired'));
              return;
            }
            run.mutate({ centerId: v.centerId ?? centerOptions[0]?.value });
          }}
        >
          <Row gutter={24}>
            <Col xs={24} md={10}>
              <Form.Item
                name="centerId"
                label={t('caseImport.center')}
                rules={[{ required: true, message: t('common.selectField', { field: t('caseImport.center') }) }]}
              >
                <Select options={centerOptions} loading={members.isFetching} data-testid="import-center" />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item
                label={t('caseImport.file')}
                required
                validateStatus={fileError ? 'error' : undefined}
                help={fileError ?? t('caseImport.fileType')}
              >
                <Upload
                  accept=".xlsx,.csv"
                  maxCount={1}
                  fileList={file ? [file] : []}
                  beforeUpload={(f) => {
                    if (!/\.(xlsx|csv)$/i.test(f.name)) {
                      setFileError(t('caseImport.fileType'));
                      return Upload.LIST_IGNORE;
                    }
                    setFileError(null);
                    setFile({ uid: f.uid, name: f.name, size: f.size, originFileObj: f, status: 'done' });
                    run.reset();
                    return false;
                  }}
                  onRemove={() => setFile(null)}
                >
                  <Button icon={<UploadOutlined />} data-testid="import-file">
                    {t('caseImport.chooseFile')}
                  </Button>
                </Upload>
              </Form.Item>
            </Col>
          </Row>
          <ProblemAlert error={run.error} />
          <Button type="primary" htmlType="submit" loading={run.isPending} data-testid="import-run">
            {t('caseImport.run')}
          </Button>
        </Form>
      </Card>

      {result ? (
        <Card
          title={
            <Flex gap={8} align="center">
              {t('caseImport.result')}
              <Tag color="green" data-testid="import-filed-count">
                {t('caseImport.filedCount', { count: result.filed.length })}
              </Tag>
              {result.errors.length ? (
                <Tag color="red" data-testid="import-error-count">
                  {t('caseImport.errorCount', { count: result.errors.length })}
                </Tag>
              ) : null}
            </Flex>
          }
        >
          {result.errors.length ? (
            <>
              <Alert type="warning" showIcon title={t('caseImport.errors')} style={{ marginBottom: 8 }} />
              <Table
                rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
                size="small"
                data-testid="import-errors"
                pagination={false}
                dataSource={result.errors}
                columns={[
                  { title: t('caseImport.row'), dataIndex: 'row', key: 'row', width: 80 },
                  {
                    title: t('caseImport.field'),
                    dataIndex: 'field',
                    key: 'field',
                    width: 220,
                    render: (f: string) => (FIELD_LABELS[f] ? `${t(FIELD_LABELS[f])}（${f}）` : f),
                  },
                  { title: t('caseImport.reason'), dataIndex: 'message', key: 'message' },
                ]}
                style={{ marginBottom: 24 }}
              />
            </>
          ) : null}
          <Typography.Title level={2} style={{ fontSize: 16 }}>{t('caseImport.filed')}</Typography.Title>
          <Table
            rowKey="caseId"
            size="small"
            data-testid="import-filed"
            pagination={false}
            dataSource={result.filed}
            columns={[
              { title: t('caseImport.row'), dataIndex: 'row', key: 'row', width: 80 },
              {
                title: t('cases.caseNumber'),
                dataIndex: 'caseNumber',
                key: 'caseNumber',
                render: (n: string, r) => <Link to={`/cases/${r.caseId}`}>{n}</Link>,
              },
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}
