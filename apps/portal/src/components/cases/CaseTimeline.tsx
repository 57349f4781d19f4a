import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Form, Input, Space, Switch, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseEventView } from '@accord/contracts';
import { caseKeys, casesApi } from '../../api/cases';
import { formatDateTime } from '../../lib/format';
import { ProblemAlert } from '../ProblemAlert';
import { shanghaiParts } from '../../lib/shanghai';
import { messageOf, timelineText } from './timelineText';

const KIND_COLORS: Record<string, string> = {
  transition: 'blue',
  comment: 'gray',
  internal_note: 'orange',
  attachment: 'cyan',
  assignment: 'green',
  track_changed: 'purple',
  edited: 'gray',
};

function str(detail: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = detail[k];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return undefined;
}

/** Who wrote the line: a person or an API key by name; the consumer's answer by link and the system's own moves in the reader's language. */
function actorLabel(e: CaseEventView, t: (key: string) => string): string {
  if (e.detail?.via === 'consumer_link') return t('timelineText.consumerByLink');
  return e.actorName === 'system' ? t('timelineText.system') : e.actorName;
}

function EventBody({ e }: { e: CaseEventView }) {
  const { t } = useTranslation();
  const d = e.detail ?? {};
  const lines: string[] = [];
  if (e.kind === 'transition') {
    const reason = str(d, 'rejectReason', 'reason');
    if (reason) lines.push(t(`rejectReason.${reason}`, { defaultValue: reason }));
  }
  if (e.kind === 'assignment') {
    const name = str(d, 'mediatorName');
    if (name) lines.push(`${t('cases.mediator')}: ${name}${d.override ? ` · ${t('caseDetail.assignOverride')}` : ''}`);
    const recused = str(d, 'recusedMediatorName');
    if (recused) lines.push(`${t('caseDetail.recuse')}: ${recused}`);
  }
  if (e.kind === 'track_changed') {
    const from = str(d, 'fromTrack', 'from');
    const to = str(d, 'toTrack', 'to', 'track');
    if (from && to) lines.push(t('caseDetail.transition', { from: t(`track.${from}`, { defaultValue: from }), to: t(`track.${to}`, { defaultValue: to }) }));
    else if (to) lines.push(t(`track.${to}`, { defaultValue: to }));
    const reason = str(d, 'reason');
    if (reason && reason !== e.body) lines.push(`${t('caseDetail.trackReasonLabel')}: ${reason}`);
  }
  if ((e.kind as string) === 'session') {
    const change = str(d, 'change');
    const at = str(d, 'startsAt');
    const when = at ? shanghaiParts(at) : null;
    const changeText = change ? t(`sessions.change.${change}`, { defaultValue: change, days: d.days, newDueOn: str(d, 'newDueOn') }) : '';
    lines.push([changeText, when ? `${when.date} ${when.time}` : ''].filter(Boolean).join(' · '));
  }
  if (e.kind === 'attachment') {
    const name = str(d, 'fileName', 'name');
    if (name && name !== e.body) lines.push(name);
  }
  // what the system wrote renders from its key in the reader's language; a person's words as typed
  const message = messageOf(d);
  const body = message ? timelineText(message, t, e.body) : e.body;
  return (
    <>
      {lines.map((l, i) => (
        <div key={i}>
          <Typography.Text type="secondary">{l}</Typography.Text>
        </div>
      ))}
      {body ? (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="timeline-body">
          {body}
        </Typography.Paragraph>
      ) : null}
    </>
  );
}

function EventTitle({ e }: { e: CaseEventView }) {
  const { t } = useTranslation();
  if (e.kind === 'transition' && e.toStatus) {
    const to = t(`caseStatus.${e.toStatus}`);
    return (
      <Typography.Text strong data-testid="timeline-transition">
        {e.fromStatus ? t('caseDetail.transition', { from: t(`caseStatus.${e.fromStatus}`), to }) : `${t('caseDetail.created')} → ${to}`}
      </Typography.Text>
    );
  }
  // The mediation clock's extension is written as a session line; its title says what it is.
  const change = str(e.detail ?? {}, 'change');
  if ((e.kind as string) === 'session' && change && /^(extension_|mediation_extended)/.test(change)) {
    return <Typography.Text strong>{t('extension.timelineTitle')}</Typography.Text>;
  }
  return <Typography.Text strong>{t(`eventKind.${e.kind}`, { defaultValue: e.kind })}</Typography.Text>;
}

/** The case's story, oldest first, with the comment box below it. */
export function CaseTimeline({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const canComment = c.allowedActions.includes('comment');
  const canNote = c.allowedActions.includes('internal_note');
  const [internal, setInternal] = useState(false);

  const timeline = useQuery({
    queryKey: caseKeys.timeline(c.id),
    queryFn: ({ signal }) => casesApi.timeline(c.id, signal),
  });
  const items = [...(timeline.data?.items ?? [])].sort((a, b) => a.at.localeCompare(b.at));

  const send = useMutation({
    mutationFn: () => casesApi.comment(c.id, body.trim(), canNote && (internal || !canComment)),
    onSuccess: () => {
      setBody('');
      void message.success(t('caseDetail.commentSent'));
      void queryClient.invalidateQueries({ queryKey: caseKeys.timeline(c.id) });
    },
  });

  const asNote = canNote && (internal || !canComment);

  return (
    <Card title={t('caseDetail.timeline')} data-testid="timeline-card">
      <ProblemAlert error={timeline.error} />
      {items.length === 0 && !timeline.isPending ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('caseDetail.noEvents')} />
      ) : (
        <div data-testid="timeline">
          <Timeline
            items={items.map((e) => ({
              key: e.id,
              color: e.centerOnly || e.kind === 'internal_note' ? 'orange' : (KIND_COLORS[e.kind] ?? 'gray'),
              content: (
                <div data-testid={`timeline-${e.kind}`}>
                  <Space size={8} wrap>
                    <EventTitle e={e} />
                    {e.centerOnly || e.kind === 'internal_note' ? (
                      <Tag color="orange" data-testid="internal-note-tag">
                        {t('caseDetail.internalNote')}
                      </Tag>
                    ) : null}
                  </Space>
                  <div>
                    <Typography.Text type="secondary">
                      {actorLabel(e, t)} · {formatDateTime(e.at, i18n.language)}
                    </Typography.Text>
                  </div>
                  <EventBody e={e} />
                </div>
              ),
            }))}
          />
        </div>
      )}
      {canComment || canNote ? (
        <Form
          layout="vertical"
          onFinish={() => body.trim() && send.mutate()}
          disabled={send.isPending}
          style={{ marginTop: 8 }}
        >
          <ProblemAlert error={send.error} />
          <Form.Item label={asNote ? t('caseDetail.internalNote') : t('caseDetail.comment')} htmlFor="case-comment-box">
            <Input.TextArea
              id="case-comment-box"
              rows={3}
              maxLength={5000}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              placeholder={asNote ? t('caseDetail.notePlaceholder') : t('caseDetail.commentPlaceholder')}
              data-testid="comment-box"
            />
          </Form.Item>
          <Flex gap={16} align="center" wrap>
            {canNote && canComment ? (
              <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center', cursor: 'pointer' }}>
                <Switch size="small" checked={internal} onChange={setInternal} data-testid="comment-internal" />
                {t('caseDetail.internalSwitch')}
              </label>
            ) : null}
            <Button type="primary" htmlType="submit" loading={send.isPending} disabled={!body.trim()} data-testid="comment-send">
              {t('caseDetail.send')}
            </Button>
          </Flex>
        </Form>
      ) : null}
    </Card>
  );
}
