import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Flex, Result, Spin, Tag, Typography } from 'antd';
import { FilePdfOutlined, SignatureOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { consumerDocumentApi, documentKeys } from '../../api/documents';
import { ApiError } from '../../api/http';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';

const accessLost = (err: unknown) => err instanceof ApiError && err.problem.code === 'CONSUMER_ACCESS_INVALID';

/**
 * The consumer's signing view (a signing link, after the SMS code): the agreement to open or
 * download, a confirmation box and 签署. Signing happens once; afterwards the page says so.
 */
export function ConsumerSigning({ accessToken, onAccessLost }: { accessToken: string; onAccessLost: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [agreed, setAgreed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const key = documentKeys.consumer(accessToken);

  const doc = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => consumerDocumentApi.view(accessToken, signal),
    retry: (n, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && n < 2,
  });
  const download = useMutation({
    mutationFn: () => consumerDocumentApi.download(accessToken, `${t(`documents.kind.${doc.data?.kind ?? 'agreement'}`)}.pdf`),
    onError: (err) => (accessLost(err) ? onAccessLost() : void message.error(errorMessage(err, t))),
  });
  const sign = useMutation({
    mutationFn: () => consumerDocumentApi.sign(accessToken),
    onMutate: () => setProblem(null),
    onSuccess: (view) => {
      queryClient.setQueryData(key, view);
      void message.success(t('documents.consumer.signed'));
    },
    onError: (err) => {
      if (accessLost(err)) return onAccessLost();
      setProblem(errorMessage(err, t));
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });

  if (doc.isPending) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (doc.isError) {
    if (accessLost(doc.error)) onAccessLost();
    return (
      <Card>
        <Alert type="error" showIcon role="alert" title={errorMessage(doc.error, t)} data-testid="consumer-error" />
      </Card>
    );
  }
  const d = doc.data;
  const title = t(`documents.kind.${d.kind}`);
  return (
    <Card title={title} data-testid="consumer-signing">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'center', label: t('documents.consumer.center'), children: d.centerName },
          { key: 'case', label: t('documents.consumer.caseNumber'), children: d.caseNumber },
          { key: 'status', label: t('documents.consumer.status'), children: <Tag data-testid="consumer-document-status">{t(`documents.status.${d.status}`)}</Tag> },
        ]}
      />
      <Button block size="large" icon={<FilePdfOutlined />} style={{ margin: '12px 0' }} loading={download.isPending} onClick={() => download.mutate()} data-testid="consumer-document-pdf">
        {t('documents.consumer.open', { title })}
      </Button>
      {d.status === 'signed' ? (
        <Result
          status="success"
          title={<span data-testid="consumer-in-force">{t('documents.consumer.inForce', { title })}</span>}
          subTitle={
            <>
              <Typography.Paragraph>{d.kind === 'agreement' ? t('documents.consumer.inForceAgreement') : t('documents.consumer.inForceNotice')}</Typography.Paragraph>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                {t('documents.consumer.fingerprint')}
                <span data-testid="consumer-document-sha256">{d.sha256}</span>
                <br />
                <Link to="/verify">{t('documents.consumer.verifyHere')}</Link>
              </Typography.Paragraph>
            </>
          }
        />
      ) : d.yourSignatureAt ? (
        <Result
          status="success"
          title={t('documents.consumer.doneTitle')}
          subTitle={<span data-testid="consumer-signed-at">{t('documents.consumer.doneText', { at: formatDateTime(d.yourSignatureAt, i18n.language) })}</span>}
        />
      ) : d.status === 'superseded' ? (
        <Alert type="warning" showIcon title={t('documents.consumer.superseded')} />
      ) : d.nextParty !== 'consumer' ? (
        <Alert type="info" showIcon title={t('documents.consumer.notYourTurn')} />
      ) : (
        <>
          <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)} data-testid="consumer-sign-confirm">
            {t('documents.consumer.confirm', { title })}
          </Checkbox>
          {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginTop: 12 }} /> : null}
          <Button
            type="primary"
            block
            size="large"
            icon={<SignatureOutlined />}
            style={{ marginTop: 16 }}
            disabled={!agreed}
            loading={sign.isPending}
            onClick={() => sign.mutate()}
            data-testid="consumer-sign"
          >
            {t('documents.consumer.sign')}
          </Button>
        </>
      )}
    </Card>
  );
}
