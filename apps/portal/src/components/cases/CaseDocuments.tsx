import { App, Button, Card, Empty, Flex, Popconfirm, Space, Steps, Tag, Typography } from 'antd';
import { FilePdfOutlined, MessageOutlined, ReloadOutlined, SafetyCertificateOutlined, SignatureOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CaseDetail, CaseDocumentView, DocumentKind } from '@accord/contracts';
import { documentKeys, documentsApi } from '../../api/documents';
import { useCurrentUser } from '../../auth/AuthContext';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { ProblemAlert } from '../ProblemAlert';

const STATUS_COLORS: Record<CaseDocumentView['status'], string> = { draft: 'default', signing: 'processing', signed: 'success', superseded: 'default' };

/** Which document the case's outcome calls for. */
function kindFor(c: CaseDetail): DocumentKind | null {
  if (c.outcome === 'settled') return 'agreement';
  if (c.outcome === 'not_settled' || c.outcome === 'terminated') return 'termination_notice';
  return null;
}

/**
 * 协议与文书: the agreement or the termination notice of a concluded case — the center drafts
 * and regenerates it, everyone concerned reads the PDF, the bank and the mediator sign in turn,
 * the consumer gets an SMS link; once signed, its SHA-256 and a link to the public check. The
 * page's live socket refetches it (useCaseLive invalidates every query of the case).
 */
export function CaseDocuments({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const center = me.organisation.kind === 'center';
  const mayDraft = center && (me.roles.includes('center_admin') || c.mediatorId === me.id);
  const maySendLink = center && me.roles.some((r) => ['center_admin', 'intake_officer', 'mediator'].includes(r));
  // the PDF names the consumer in full (the API serves it to these roles only)
  const mayOpenPdf = me.roles.some((r) => ['center_admin', 'intake_officer', 'mediator', 'institution_admin', 'branch_manager', 'complaint_handler'].includes(r));
  const kind = kindFor(c);

  const list = useQuery({ queryKey: documentKeys.list(c.id), queryFn: ({ signal }) => documentsApi.list(c.id, signal), enabled: me.organisation.kind !== 'regulator' });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: documentKeys.list(c.id) });
  const onError = (err: unknown) => void message.error(errorMessage(err, t));

  const generate = useMutation({
    mutationFn: (k: DocumentKind) => documentsApi.generate(c.id, k),
    onSuccess: (d) => {
      void message.success(t('documents.generated', { version: d.version }));
      refresh();
    },
    onError,
  });
  const sign = useMutation({
    mutationFn: (d: CaseDocumentView) => documentsApi.sign(c.id, d.id),
    onSuccess: (d) => {
      void message.success(t(d.status === 'signed' ? 'documents.signedAll' : 'documents.signedMine'));
      refresh();
    },
    onError: (err) => {
      onError(err);
      refresh();
    },
  });
  const sendLink = useMutation({
    mutationFn: (d: CaseDocumentView) => documentsApi.sendConsumerLink(c.id, d.id),
    onSuccess: () => {
      void message.success(t('documents.linkSent'));
      refresh();
    },
    onError,
  });
  const download = useMutation({
    mutationFn: (d: CaseDocumentView) => documentsApi.download(c.id, d.id, `${t(`documents.kind.${d.kind}`)}-${c.caseNumber ?? ''}.pdf`),
    onError,
  });

  if (me.organisation.kind === 'regulator') return null;
  const live = (list.data?.items ?? []).filter((d) => d.status !== 'superseded');
  if (!kind && live.length === 0) return null;
  const hasLiveOfKind = live.some((d) => d.kind === kind);

  return (
    <Card
      title={t('documents.title')}
      data-testid="case-documents"
      extra={
        mayDraft && kind && !hasLiveOfKind ? (
          <Button type="primary" icon={<FilePdfOutlined />} loading={generate.isPending} onClick={() => generate.mutate(kind)} data-testid="document-generate">
            {t(`documents.generate.${kind}`)}
          </Button>
        ) : null
      }
    >
      <ProblemAlert error={list.error} />
      {live.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('documents.none')} />
      ) : (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {live.map((d) => {
            const signedParties = new Set(d.signatures.map((s) => s.party));
            const current = d.nextParty ? d.parties.indexOf(d.nextParty) : d.parties.length;
            return (
              <div key={d.id} data-testid={`document-${d.kind}`} data-status={d.status}>
                <Flex align="center" gap={8} wrap style={{ marginBottom: 12 }}>
                  <Typography.Text strong>{t(`documents.kind.${d.kind}`)}</Typography.Text>
                  <Tag>{t('documents.version', { version: d.version })}</Tag>
                  <Tag color={STATUS_COLORS[d.status]} data-testid="document-status">
                    {t(`documents.status.${d.status}`)}
                  </Tag>
                </Flex>
                <Steps
                  size="small"
                  current={current}
                  status={d.status === 'signed' ? 'finish' : 'process'}
                  items={d.parties.map((p) => {
                    const s = d.signatures.find((x) => x.party === p);
                    return {
                      title: t(`documents.party.${p}`),
                      status: signedParties.has(p) ? 'finish' : d.nextParty === p ? 'process' : 'wait',
                      description: s ? (
                        <span data-testid={`signature-${p}`}>
                          {s.name} · {formatDateTime(s.signedAt, i18n.language)}
                        </span>
                      ) : d.nextParty === p ? (
                        t('documents.waiting')
                      ) : null,
                    };
                  })}
                />
                <Flex gap={8} wrap style={{ marginTop: 12 }}>
                  {mayOpenPdf ? (
                    <Button icon={<FilePdfOutlined />} onClick={() => download.mutate(d)} loading={download.isPending && download.variables?.id === d.id} data-testid="document-pdf">
                      {t(d.status === 'signed' ? 'documents.openSigned' : 'documents.openDraft')}
                    </Button>
                  ) : null}
                  {d.youMaySign ? (
                    <Popconfirm title={t('documents.signConfirm')} description={t('documents.signConfirmText')} onConfirm={() => sign.mutate(d)} okText={t('documents.sign')}>
                      <Button type="primary" icon={<SignatureOutlined />} loading={sign.isPending} data-testid="document-sign">
                        {t('documents.sign')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                  {maySendLink && d.nextParty === 'consumer' ? (
                    <Button icon={<MessageOutlined />} loading={sendLink.isPending} onClick={() => sendLink.mutate(d)} data-testid="document-send-link">
                      {t(d.consumerLinkSentAt ? 'documents.resendLink' : 'documents.sendLink')}
                    </Button>
                  ) : null}
                  {mayDraft && d.status === 'draft' && d.signatures.length === 0 ? (
                    <Popconfirm title={t('documents.regenerateConfirm')} onConfirm={() => generate.mutate(d.kind)}>
                      <Button icon={<ReloadOutlined />} loading={generate.isPending} data-testid="document-regenerate">
                        {t('documents.regenerate')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Flex>
                {d.consumerLinkSentAt && d.nextParty === 'consumer' ? (
                  <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                    {t('documents.linkSentAt', { at: formatDateTime(d.consumerLinkSentAt, i18n.language) })}
                  </Typography.Paragraph>
                ) : null}
                {d.sha256 ? (
                  <Typography.Paragraph style={{ margin: '12px 0 0' }}>
                    <SafetyCertificateOutlined /> {t('documents.sha256')}{' '}
                    <Typography.Text code copyable data-testid="document-sha256" style={{ wordBreak: 'break-all' }}>
                      {d.sha256}
                    </Typography.Text>{' '}
                    <Link to={`/verify?sha256=${d.sha256}`} target="_blank">
                      {t('documents.verifyLink')}
                    </Link>
                  </Typography.Paragraph>
                ) : null}
              </div>
            );
          })}
        </Space>
      )}
    </Card>
  );
}
