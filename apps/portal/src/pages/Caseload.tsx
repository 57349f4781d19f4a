import type { HTMLAttributes } from 'react';
import { Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseloadRow } from '@accord/contracts';
import { caseKeys, casesApi } from '../api/cases';
import { ProblemAlert } from '../components/ProblemAlert';
import { useCaseListsLive } from '../realtime/caseLive';

const OPEN = ['assigned', 'scheduled', 'in_session', 'adjourned'] as const;

/** /caseload — every mediator's open cases by status, for the intake officer's choice. */
export default function CaseloadPage() {
  const { t } = useTranslation();
  useCaseListsLive();
  const list = useQuery({ queryKey: caseKeys.caseload, queryFn: ({ signal }) => casesApi.caseload(signal) });

  const columns: TableColumnsType<CaseloadRow> = [
    { title: t('caseload.mediator'), dataIndex: 'name', key: 'name', fixed: 'left', width: 120 },
    {
      title: t('caseload.accepting'),
      dataIndex: 'acceptingCases',
      key: 'accepting',
      width: 110,
      render: (v: boolean) => <Tag color={v ? 'success' : 'warning'}>{v ? t('caseDetail.acceptingYes') : t('caseDetail.acceptingNo')}</Tag>,
    },
    {
      title: t('caseload.open'),
      dataIndex: 'open',
      key: 'open',
      width: 130,
      align: 'right',
      sorter: (a, b) => a.open - b.open,
      render: (n: number) => <Typography.Text strong>{n}</Typography.Text>,
    },
    ...OPEN.map((s) => ({
      title: t(`caseStatus.${s}`),
      key: s,
      width: 90,
      align: 'right' as const,
      render: (_: unknown, r: CaseloadRow) => r.byStatus?.[s] ?? 0,
    })),
    {
      title: t('caseload.overdue'),
      dataIndex: 'firstSessionOverdue',
      key: 'overdue',
      width: 130,
      align: 'right',
      render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0),
    },
    {
      title: t('caseload.expertise'),
      dataIndex: 'expertise',
      key: 'expertise',
      render: (list: string[]) => (
        <Space size={[4, 4]} wrap>
          {list.map((e) => (
            <Tag key={e}>{t(`businessLine.${e}`, { defaultValue: e })}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('caseload.affiliated'),
      dataIndex: 'affiliatedInstitutionName',
      key: 'affiliated',
      width: 180,
      render: (n: string | null) => n ?? <Typography.Text type="secondary">{t('caseload.fullTime')}</Typography.Text>,
    },
  ];

  return (
    <Card title={t('caseload.title')}>
      <Typography.Paragraph type="secondary">{t('caseload.intro')}</Typography.Paragraph>
      <ProblemAlert error={list.error} />
      <Table<CaseloadRow>
        rowKey="mediatorId"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 1100 }}
        onRow={(r) => ({ 'data-testid': `caseload-row-${r.mediatorId}` }) as HTMLAttributes<HTMLElement>}
      />
    </Card>
  );
}
