import { useRef } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Modal, Popconfirm, QRCode, Tag, Typography } from 'antd';
import { CopyOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, ConsentState } from '@accord/contracts';
import { caseKeys } from '../../api/cases';
import { consentApi, consentKeys, type ConsentRequestSent } from '../../api/consent';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { Nowrap } from '../Nowrap';

const STATE_COLORS: Record<ConsentState, string> = { awaiting: 'processing', given: 'green', declined: 'red', expired: 'orange', cancelled: 'default' };

/** Opens a print window with the QR code (as an image) and the link, for a consumer who takes it home. */
function printQr(canvas: HTMLCanvasElement | null, url: string, title: string, hint: string, expires: string) {
  const w = window.open('', '_blank', 'noopener=no,width=480,height=640');
  if (!w || !canvas) return;
  const doc = w.document;
  doc.title = title;
  const box = doc.createElement('div');
  box.style.cssText = 'font-family: sans-serif; text-align: center; padding: 24px';
  const h = doc.createElement('h1');
  h.textContent = title;
  h.style.fontSize = '20px';
  const img = doc.createElement('img');
  img.src = canvas.toDataURL('image/png');
  img.alt = url;
  img.width = 240;
  const p = doc.createElement('p');
  p.textContent = hint;
  const small = doc.createElement('p');
  small.textContent = `${url} · ${expires}`;
  small.style.cssText = 'font-size: 11px; word-break: break-all; color: #555';
  box.append(h, img, p, small);
  doc.body.append(box);
  w.focus();
  w.print();
}

/** The link right after it was sent: the QR code to show on screen or print, shown this once (the server keeps only its hash). */
export function ConsentLinkModal({ sent, onClose }: { sent: ConsentRequestSent | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qr = useRef<HTMLDivElement>(null);
  if (!sent) return null;
  const expires = t('consent.linkExpires', { at: formatDateTime(sent.request.expiresAt) });
  return (
    <Modal open title={t('consent.linkTitle')} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.close')}</Button>} data-testid="consent-link-modal">
      <Typography.Paragraph>{t('consent.linkIntro', { phone: sent.request.sentTo })}</Typography.Paragraph>
      <Flex vertical align="center" gap={12}>
        <div ref={qr}>
          <QRCode value={sent.url} size={220} type="canvas" data-testid="consent-qr" />
        </div>
        <Typography.Text type="secondary">{expires}</Typography.Text>
        <Typography.Text code copyable={false} style={{ wordBreak: 'break-all', textAlign: 'center' }} data-testid="consent-url">
          {sent.url}
        </Typography.Text>
        <Flex gap={8}>
          <Button
            icon={<CopyOutlined />}
            onClick={() => void navigator.clipboard?.writeText(sent.url).then(() => message.success(t('consent.copied')))}
          >
            {t('consent.copy')}
          </Button>
          <Button
            icon={<PrinterOutlined />}
            onClick={() => printQr(qr.current?.querySelector('canvas') ?? null, sent.url, t('consent.printTitle'), t('consent.printHint'), expires)}
            data-testid="consent-print"
          >
            {t('consent.print')}
          </Button>
        </Flex>
      </Flex>
    </Modal>
  );
}

/** Sends (or sends again) the consent link, then shows it. */
export function useSendConsentLink(caseId: string, onSent: (sent: ConsentRequestSent) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => consentApi.request(caseId),
    onSuccess: (sent) => {
      onSent(sent);
      void queryClient.invalidateQueries({ queryKey: caseKeys.one(caseId) });
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists });
    },
  });
}

/**
 * The case page's consent card: how the consumer consented (at the counter, attested by whom; or
 * by link, with the evidence), or the request waiting for them with its actions (send again,
 * withdraw), or why the draft is closed.
 */
export function ConsentCard({ c, onSent }: { c: CaseDetail; onSent: (sent: ConsentRequestSent) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const byLink = c.consentState !== null;
  const requests = useQuery({
    queryKey: consentKeys.requests(c.id),
    queryFn: ({ signal }) => consentApi.list(c.id, signal),
    enabled: byLink,
  });
  const send = useSendConsentLink(c.id, onSent);
  const cancel = useMutation({
    mutationFn: () => consentApi.cancel(c.id),
    onSuccess: () => {
      void message.success(t('consent.cancelled'));
      void queryClient.invalidateQueries({ queryKey: caseKeys.one(c.id) });
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists });
    },
  });
  if (!byLink && !c.consentAttestedBy) return null;
  const r = requests.data?.items[0];
  const allowed = new Set(c.allowedActions);
  return (
    <Card title={t('consent.cardTitle')} data-testid="consent-card">
      {!byLink ? (
        <Typography.Text data-testid="consent-attested">
          {c.consentAttestedByName ? t('consent.attested', { name: c.consentAttestedByName }) : t('consent.attestedBySomeone')}
        </Typography.Text>
      ) : (
        <Flex vertical gap={12}>
          <div>
            <Tag color={STATE_COLORS[c.consentState!]} data-testid="consent-state">
              {t(`consent.state.${c.consentState!}`)}
            </Tag>
          </div>
          {r ? (
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'to', label: t('consent.sentTo'), children: <Nowrap>{r.sentTo}</Nowrap> },
                { key: 'by', label: t('consent.requestedBy'), children: r.requestedByName ?? '—' },
                { key: 'at', label: t('consent.requestedAt'), children: formatDateTime(r.requestedAt) },
                { key: 'exp', label: t('consent.expiresAt'), children: formatDateTime(r.expiresAt) },
                ...(r.answeredAt ? [{ key: 'ans', label: t('consent.answeredAt'), children: formatDateTime(r.answeredAt) }] : []),
                ...(r.state === 'declined'
                  ? [
                      {
                        key: 'why',
                        label: t('consent.declineReasonLabel'),
                        children: (
                          <span data-testid="consent-decline-reason">
                            {r.declineReason ? t(`consent.declineReason.${r.declineReason}`) : '—'}
                            {r.declineNote ? `：${r.declineNote}` : ''}
                          </span>
                        ),
                      },
                    ]
                  : []),
                ...(r.state === 'given' && r.textSha256
                  ? [
                      {
                        key: 'evidence',
                        label: t('consent.evidence'),
                        span: 'filled' as const,
                        children: (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('consent.evidenceLine', { version: r.textVersion, language: r.language ?? '', sha: r.textSha256.slice(0, 16) })}
                            {r.device ? ` · ${t('consent.device')} ${r.device.slice(0, 60)}` : ''}
                          </Typography.Text>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          ) : null}
          {c.consentState === 'declined' || c.consentState === 'expired' ? <Alert type="warning" showIcon title={t('consent.closedNote')} /> : null}
          {send.error || cancel.error ? <Alert type="error" showIcon title={errorMessage(send.error ?? cancel.error, t)} /> : null}
          <Flex gap={8} wrap>
            {allowed.has('request_consent') ? (
              <Button onClick={() => send.mutate()} loading={send.isPending} data-testid="consent-resend">
                {t('consent.resend')}
              </Button>
            ) : null}
            {allowed.has('cancel_consent_request') ? (
              <Popconfirm title={t('consent.cancelConfirm')} onConfirm={() => cancel.mutate()}>
                <Button danger loading={cancel.isPending} data-testid="consent-cancel">
                  {t('consent.cancel')}
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
        </Flex>
      )}
    </Card>
  );
}
