import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/a11y/PageTitle';
import { securityApi } from '../api/organisations';
import type { Schemas } from '../api/http';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDateTime } from '../lib/format';
import { EmailLanguage } from '../components/security/EmailLanguage';
import { EnrolFactor, RecoveryCodesList } from '../components/security/EnrolFactor';

const STATUS_KEY = ['second-factor'] as const;
const SESSIONS_KEY = ['auth-sessions'] as const;

/** 安全设置: the user's own second factor, recovery codes, signed-in devices and the language of their e-mails. */
export default function AccountSecurityPage() {
  const { t, i18n } = useTranslation();
  const when = (iso: string | null) => formatDateTime(iso, i18n.language);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: ({ signal }) => securityApi.status(signal) });
  const sessions = useQuery({ queryKey: SESSIONS_KEY, queryFn: ({ signal }) => securityApi.sessions(signal) });
  const [codes, setCodes] = useState<string[] | null>(null);

  const begin = useMutation({ mutationFn: () => securityApi.beginEnrolment() });
  const confirm = useMutation({
    mutationFn: (code: string) => securityApi.confirmEnrolment(code),
    onSuccess: (r) => {
      begin.reset();
      setCodes(r.recoveryCodes);
      void queryClient.invalidateQueries({ queryKey: STATUS_KEY });
    },
  });
  const renew = useMutation({
    mutationFn: () => securityApi.newRecoveryCodes(),
    onSuccess: (r) => {
      setCodes(r.recoveryCodes);
      void queryClient.invalidateQueries({ queryKey: STATUS_KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => securityApi.revokeSession(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
  const revokeOthers = useMutation({
    mutationFn: () => securityApi.revokeOthers(),
    onSuccess: (r) => {
      void message.success(t('security.revokedOthers', { count: r.revoked }));
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
  });

  const s = status.data;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <PageHeading style={{ margin: 0 }}>
        {t('security.title')}
      </PageHeading>
      <Card title={t('security.status')} loading={status.isLoading} data-testid="second-factor-card">
        <ProblemAlert error={status.error ?? begin.error ?? renew.error} />
        {s ? (
          <Flex vertical gap={12}>
            <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
              <Descriptions.Item label={t('security.status')}>
                <Space>
                  <Tag color={s.enrolled ? 'green' : 'default'} data-testid="second-factor-state">
                    {s.enrolled ? t('security.enrolled') : t('security.notEnrolled')}
                  </Tag>
                  {s.required ? <Tag color="blue">{t('security.requiredTag')}</Tag> : null}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('security.enrolledAt')}>{when(s.enrolledAt)}</Descriptions.Item>
              <Descriptions.Item label={t('security.codesLeft')}>{s.enrolled ? s.recoveryCodesLeft : '—'}</Descriptions.Item>
            </Descriptions>
            <Space wrap>
              <Button type={s.enrolled ? 'default' : 'primary'} onClick={() => begin.mutate()} loading={begin.isPending} data-testid="second-factor-enrol">
                {s.enrolled ? t('security.reEnrol') : t('security.enrol')}
              </Button>
              {s.enrolled ? (
                <Button onClick={() => renew.mutate()} loading={renew.isPending}>
                  {t('security.newCodes')}
                </Button>
              ) : null}
            </Space>
          </Flex>
        ) : null}
      </Card>
      <Card
        title={t('security.sessions')}
        extra={
          <Popconfirm title={t('security.revokeOthers')} onConfirm={() => revokeOthers.mutate()}>
            <Button danger size="small" loading={revokeOthers.isPending} data-testid="revoke-other-sessions">
              {t('security.revokeOthers')}
            </Button>
          </Popconfirm>
        }
      >
        <ProblemAlert error={sessions.error ?? revoke.error ?? revokeOthers.error} />
        <Table<Schemas['SignedInSessionView']>
          rowKey="id"
          size="small"
          loading={sessions.isLoading}
          dataSource={sessions.data?.items ?? []}
          pagination={false}
          scroll={{ x: 720 }}
          columns={[
            {
              title: t('security.device'),
              dataIndex: 'userAgent',
              ellipsis: true,
              render: (ua: string | null, r) => (
                <Space>
                  <Typography.Text ellipsis style={{ maxWidth: 300 }}>
                    {ua ?? '—'}
                  </Typography.Text>
                  {r.current ? <Tag color="green">{t('security.current')}</Tag> : null}
                </Space>
              ),
            },
            { title: t('security.ip'), dataIndex: 'ip', width: 140 },
            { title: t('security.createdAt'), dataIndex: 'createdAt', width: 170, render: when },
            { title: t('security.lastSeenAt'), dataIndex: 'lastSeenAt', width: 170, render: when },
            {
              title: '',
              key: 'revoke',
              width: 90,
              render: (_: unknown, r) =>
                r.current ? null : (
                  <Popconfirm title={t('security.revokeConfirm')} onConfirm={() => revoke.mutate(r.id)}>
                    <Button size="small" danger type="link">
                      {t('security.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <Modal open={Boolean(begin.data)} title={t('security.enrolTitle')} footer={null} onCancel={() => begin.reset()} destroyOnHidden width={420}>
        <ProblemAlert error={confirm.error} />
        {begin.data ? <EnrolFactor enrolment={begin.data} onConfirm={(code) => confirm.mutate(code)} pending={confirm.isPending} /> : null}
      </Modal>
      <Modal open={Boolean(codes)} title={t('security.recoveryTitle')} footer={null} closable={false} width={460}>
        {codes ? <RecoveryCodesList codes={codes} onDone={() => setCodes(null)} /> : null}
      </Modal>
      <EmailLanguage />
    </Flex>
  );
}
