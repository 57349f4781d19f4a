import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Flex, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { CaseBatchNote } from '../components/batches/CaseBatchNote';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import type { CaseDetail } from '@accord/contracts';
import { ApiError } from '../api/http';
import { hasAnyRole, useCurrentUser } from '../auth/AuthContext';
import { caseKeys, casesApi } from '../api/cases';
import { CaseActions } from '../components/cases/CaseActions';
import { CaseAttachments } from '../components/cases/CaseAttachments';
import { CaseDocuments } from '../components/cases/CaseDocuments';
import { CaseForm } from '../components/cases/CaseForm';
import { ClockTags, StatusTag, TrackTag } from '../components/cases/CaseTags';
import { CaseTimeline } from '../components/cases/CaseTimeline';
import { ConsumerBlock } from '../components/cases/ConsumerBlock';
import { ConsentCard, ConsentLinkModal } from '../components/cases/ConsentLink';
import { ExtensionCard } from '../components/cases/ExtensionCard';
import type { ConsentRequestSent } from '../api/consent';
import { CaseOutcome } from '../components/outcomes/CaseOutcome';
import { ProblemAlert } from '../components/ProblemAlert';
import { CaseSessions } from '../components/sessions/CaseSessions';
import { errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { useCaseLive } from '../realtime/caseLive';
import { Amount, Nowrap } from '../components/Nowrap';

function useCase(id: string) {
  useCaseLive(id);
  return useQuery({
    queryKey: caseKeys.detail(id),
    queryFn: ({ signal }) => casesApi.get(id, signal),
  });
}

function Loading() {
  const { t } = useTranslation();
  return (
    <Flex justify="center" style={{ padding: 48 }}>
      <Spin aria-label={t('caseDetail.loading')} />
    </Flex>
  );
}

function LoadFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <Result
      status={notFound ? '404' : 'error'}
      title={notFound ? t('problems.NOT_FOUND') : t('common.loadFailed')}
      subTitle={notFound ? undefined : errorMessage(error, t)}
      extra={<Button onClick={() => navigate('/cases')}>{t('caseDetail.back')}</Button>}
    />
  );
}

function Header({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <Card>
      <Flex vertical gap={12}>
        <Flex gap={12} align="center" wrap>
          <Typography.Title level={2} style={{ fontSize: 24, margin: 0 }} data-testid="case-number">
            <Nowrap>{c.caseNumber ?? t('cases.noNumber')}</Nowrap>
          </Typography.Title>
          <StatusTag status={c.status} testId="case-status" />
          {c.track ? <TrackTag track={c.track} /> : null}
          <Tag>{t(`caseSource.${c.source}`, { defaultValue: c.source })}</Tag>
        </Flex>
        <div data-testid="case-clocks">
          <ClockTags item={c} />
        </div>
        <CaseActions c={c} />
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 'center', label: t('cases.center'), children: c.centerName },
            { key: 'inst', label: t('cases.institution'), children: `${c.institutionName} · ${c.branchName}` },
            { key: 'mediator', label: t('cases.mediator'), children: <span data-testid="case-mediator">{c.mediatorName ?? t('caseDetail.mediatorNone')}</span> },
            { key: 'submitted', label: t('cases.submittedAt'), children: formatDateTime(c.submittedAt, i18n.language) },
          ]}
        />
      </Flex>
    </Card>
  );
}

function Details({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const para = (v: string | null) => (v ? <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{v}</Typography.Paragraph> : '—');
  return (
    <Card title={t('caseDetail.details')}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'bl', label: t('cases.businessLine'), children: c.businessLine ? t(`businessLine.${c.businessLine}`) : '—' },
          { key: 'dt', label: t('cases.disputeType'), children: c.disputeType ? t(`disputeType.${c.disputeType}`) : '—' },
          { key: 'amount', label: t('cases.amount'), children: <Amount fen={c.amountFen} data-testid="case-amount" /> },
          { key: 'received', label: t('caseDetail.complaintReceivedOn'), children: c.complaintReceivedOn ?? '—' },
          { key: 'prior', label: t('caseDetail.priorComplaintRef'), children: c.priorComplaintRef ?? '—' },
          { key: 'channel', label: t('caseDetail.preferredChannel'), children: c.preferredChannel ? t(`channel.${c.preferredChannel}`) : '—' },
          { key: 'times', label: t('caseDetail.preferredTimes'), children: c.preferredTimes ?? '—' },
          {
            key: 'consent',
            label: t('caseDetail.consent'),
            children: c.consentAt ? (
              <Tag color="green">{t('caseDetail.consentGivenAt', { at: formatDateTime(c.consentAt, i18n.language) })}</Tag>
            ) : c.consentState ? (
              <Tag color={c.consentState === 'awaiting' ? 'processing' : 'red'}>{t(`consent.state.${c.consentState}`)}</Tag>
            ) : (
              <Tag color="red">{t('caseDetail.consentMissing')}</Tag>
            ),
          },
          ...(c.rejectReason
            ? [{ key: 'reject', label: t('caseDetail.rejectReason'), children: t(`rejectReason.${c.rejectReason}`) }]
            : []),
          { key: 'facts', label: t('caseDetail.facts'), span: 'filled' as const, children: para(c.facts) },
          { key: 'claims', label: t('caseDetail.claims'), span: 'filled' as const, children: para(c.claims) },
          { key: 'position', label: t('caseDetail.bankPosition'), span: 'filled' as const, children: para(c.bankPosition) },
        ]}
      />
    </Card>
  );
}

/** /cases/:id — everything about one case, live. */
export default function CaseDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  // regulators read the case without its handling record (the API answers an empty timeline)
  const regulator = me.organisation.kind === 'regulator';
  const q = useCase(id);
  const location = useLocation();
  const navigate = useNavigate();
  // The consent link the form just sent (its QR code is shown once), or one sent again from the card.
  const [sent, setSent] = useState<ConsentRequestSent | null>((location.state as { consentSent?: ConsentRequestSent } | null)?.consentSent ?? null);
  useEffect(() => {
    // Once shown, the link leaves the history entry: a reload or going back never shows it again.
    if ((location.state as { consentSent?: unknown } | null)?.consentSent) navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);
  if (q.isPending) return <Loading />;
  if (q.isError && !q.data) return <LoadFailed error={q.error} />;
  const c = q.data;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="case-page">
      <Link to="/cases">
        <ArrowLeftOutlined /> {t('caseDetail.back')}
      </Link>
      <ProblemAlert error={q.error} />
      <Header c={c} />
      {me.organisation.kind === 'center' && hasAnyRole(me, ['center_admin', 'intake_officer', 'mediator']) ? <CaseBatchNote caseId={c.id} /> : null}
      {c.repeatCandidates?.length ? (
        <Alert
          type="warning"
          showIcon
          data-testid="repeat-warning"
          title={t('caseDetail.repeatWarning')}
          description={
            <>
              {t('caseDetail.repeatWarningText')}{' '}
              <Space size={[8, 4]} wrap>
                {c.repeatCandidates.map((r) => (
                  <Link key={r.id} to={`/cases/${r.id}`}>
                    <Nowrap>{r.caseNumber ?? t('cases.noNumber')}</Nowrap> ({t(`caseStatus.${r.status}`)})
                  </Link>
                ))}
              </Space>
            </>
          }
        />
      ) : null}
      {regulator ? null : <CaseSessions c={c} />}
      {regulator ? null : <ExtensionCard c={c} />}
      {regulator ? null : <CaseOutcome c={c} />}
      {regulator ? null : <CaseDocuments c={c} />}
      <ConsentLinkModal sent={sent} onClose={() => setSent(null)} />
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <ConsumerBlock c={c} />
            {regulator ? null : <ConsentCard c={c} onSent={setSent} />}
            <Details c={c} />
            <CaseAttachments c={c} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          {regulator ? (
            <Card title={t('caseDetail.timeline')} data-testid="timeline-card">
              <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="regulator-no-timeline">
                {t('caseDetail.regulatorNoTimeline')}
              </Typography.Paragraph>
            </Card>
          ) : (
            <CaseTimeline c={c} />
          )}
        </Col>
      </Row>
    </Space>
  );
}

/** /cases/:id/edit — a draft or a returned referral, in the filing form. */
export function CaseEditPage() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: caseKeys.detail(id), queryFn: ({ signal }) => casesApi.get(id, signal) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadFailed error={q.error} />;
  return <CaseForm key={q.data.id} existing={q.data} />;
}

/** /cases/new */
export function CaseNewPage() {
  return <CaseForm />;
}

/** /cases/refer — a regulator supervisor's referral (监管转办): the same form, naming the bank. */
export function CaseReferPage() {
  return <CaseForm />;
}
