import { App, Button, Card, Descriptions, Space, Tag } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, ConsumerIdentityView } from '@accord/contracts';
import { casesApi } from '../../api/cases';
import { errorMessage } from '../../lib/errors';
import { Nowrap } from '../Nowrap';

/** The consumer, masked; the full identity only after a confirm, since the API audits each view. */
export function ConsumerBlock({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();

  const reveal = useMutation({
    mutationFn: () => casesApi.consumer(c.id),
    onError: (err) => void message.error(errorMessage(err, t)),
  });
  // kept in this component only, never cached or refetched: each fetch is an audited view
  const shown: ConsumerIdentityView | null = reveal.data ?? null;

  const idType = shown?.idType ?? c.consumerIdType;
  const items = [
    { key: 'name', label: t('caseForm.consumerName'), children: <span data-testid="consumer-name">{shown?.name ?? c.consumerName}</span> },
    { key: 'idType', label: t('caseForm.idType'), children: idType ? t(`idType.${idType}`) : '—' },
    { key: 'idNumber', label: t('caseForm.idNumber'), children: <span data-testid="consumer-id">{shown?.idNumber ?? c.consumerIdNumber}</span> },
    { key: 'phone', label: t('caseForm.phone'), children: <Nowrap data-testid="consumer-phone">{shown?.phone ?? c.consumerPhone}</Nowrap> },
    ...(shown ? [{ key: 'email', label: t('caseForm.email'), children: shown.email ?? '—' }] : []),
    {
      key: 'assist',
      label: t('caseDetail.needsAssistance'),
      children: (shown?.needsAssistance ?? c.consumerNeedsAssistance) ? <Tag color="gold">{t('caseDetail.needsAssistance')}</Tag> : t('common.none'),
    },
  ];

  return (
    <Card
      title={
        <Space>
          {t('caseDetail.consumerBlock')}
          {shown ? <Tag color="orange">{t('caseDetail.revealed')}</Tag> : null}
          {!shown && !c.canRevealConsumer ? <Tag data-testid="consumer-masked-tag">{t('caseDetail.maskedNote')}</Tag> : null}
        </Space>
      }
      extra={
        shown ? (
          <Button icon={<EyeInvisibleOutlined />} onClick={() => reveal.reset()} data-testid="consumer-hide">
            {t('caseDetail.hide')}
          </Button>
        ) : c.canRevealConsumer ? (
          <Button
            icon={<EyeOutlined />}
            loading={reveal.isPending}
            data-testid="consumer-reveal"
            onClick={() =>
              modal.confirm({
                title: t('caseDetail.revealConfirmTitle'),
                content: t('caseDetail.revealConfirm'),
                okText: t('caseDetail.reveal'),
                cancelText: t('common.cancel'),
                onOk: () => reveal.mutateAsync().catch(() => undefined),
              })
            }
          >
            {t('caseDetail.reveal')}
          </Button>
        ) : null
      }
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="small" items={items} />
    </Card>
  );
}
