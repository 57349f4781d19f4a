import { useEffect, type KeyboardEvent } from 'react';
import { App, Button, Col, Card, DatePicker, Descriptions, Form, Input, Radio, Row, Select, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { JUDICIAL_RESULTS, JUDICIAL_WINDOW_DAYS, type JudicialResult } from '@accord/contracts';
import { caseKeys } from '../../api/cases';
import { outcomeKeys, outcomesApi, type JudicialConfirmationView, type JudicialState } from '../../api/outcomes';
import { applyFieldErrors } from '../../lib/errors';
import { todayInShanghai } from '../../lib/format';
import { ProblemAlert } from '../ProblemAlert';

const STATE_COLOURS: Record<JudicialState, string> = { open: 'blue', closing: 'orange', closed: 'default', applied: 'green', declined: 'default' };
const RESULT_COLOURS: Record<JudicialResult, string> = { pending: 'processing', confirmed: 'green', refused: 'red' };

interface JudicialValues {
  /** Undecided until someone records what the parties chose: no answer is pre-selected. */
  applying?: boolean;
  court?: string;
  appliedOn?: Dayjs | null;
  result?: JudicialResult;
  resultOn?: Dayjs | null;
  note?: string;
}

const afterToday = (d: Dayjs) => d.isAfter(dayjs(todayInShanghai()), 'day');
/** Enter in a date picker takes the typed date; it must not also submit the whole form. */
const keepEnter = (e: KeyboardEvent<HTMLElement>) => {
  if (e.key === 'Enter') e.preventDefault();
};
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

function toValues(v: JudicialConfirmationView): JudicialValues {
  return {
    applying: v.applying ?? undefined,
    court: v.court ?? undefined,
    appliedOn: v.appliedOn ? dayjs(v.appliedOn) : null,
    result: v.result ?? 'pending',
    resultOn: v.resultOn ? dayjs(v.resultOn) : null,
    note: v.note ?? undefined,
  };
}

function JudicialForm({ caseId, view }: { caseId: string; view: JudicialConfirmationView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<JudicialValues>();
  const applying = Form.useWatch('applying', form);
  const result = Form.useWatch('result', form);
  useEffect(() => form.setFieldsValue(toValues(view)), [view, form]);

  const save = useMutation({
    mutationFn: (v: JudicialValues) =>
      outcomesApi.saveJudicial(
        caseId,
        v.applying
          ? { applying: true, court: v.court?.trim(), appliedOn: day(v.appliedOn), result: v.result ?? 'pending', resultOn: v.result && v.result !== 'pending' ? day(v.resultOn) : null, note: v.note?.trim() || undefined }
          : { applying: false, note: v.note?.trim() || undefined },
      ),
    onSuccess: (saved) => {
      void message.success(t('common.saved'));
      queryClient.setQueryData(outcomeKeys.judicial(caseId), saved);
      void queryClient.invalidateQueries({ queryKey: caseKeys.timeline(caseId) });
    },
    onError: (err) => applyFieldErrors(form, err),
  });

  return (
    <Form<JudicialValues> form={form} name="judicial-confirmation" layout="vertical" initialValues={toValues(view)} onFinish={(v) => save.mutate(v)} disabled={save.isPending} style={{ marginTop: 16 }}>
      <ProblemAlert error={save.error} />
      <Form.Item name="applying" label={t('judicial.applyingLabel')} rules={[{ required: true, message: t('judicial.applyingRequired') }]}>
        <Radio.Group
          data-testid="judicial-applying"
          options={[
            { value: true, label: t('judicial.applyingYes') },
            { value: false, label: t('judicial.applyingNo') },
          ]}
        />
      </Form.Item>
      {applying ? (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="court" label={t('judicial.court')} rules={[{ required: true, whitespace: true, message: t('common.requiredField', { field: t('judicial.court') }) }]}>
              <Input maxLength={200} data-testid="judicial-court" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="appliedOn" label={t('judicial.appliedOn')} rules={[{ required: true, message: t('common.selectField', { field: t('judicial.appliedOn') }) }]}>
              <DatePicker onKeyDown={keepEnter} disabledDate={afterToday} style={{ width: '100%' }} data-testid="judicial-applied-on" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="result" label={t('judicial.result')}>
              <Select aria-label={t('judicial.result')} data-testid="judicial-result" options={JUDICIAL_RESULTS.map((r) => ({ value: r, label: t(`judicial.resultKind.${r}`) }))} />
            </Form.Item>
          </Col>
          {result && result !== 'pending' ? (
            <Col xs={24} md={12}>
              <Form.Item name="resultOn" label={t('judicial.resultOn')} rules={[{ required: true, message: t('common.selectField', { field: t('judicial.resultOn') }) }]}>
                <DatePicker onKeyDown={keepEnter} disabledDate={afterToday} style={{ width: '100%' }} data-testid="judicial-result-on" />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      ) : null}
      <Form.Item name="note" label={t('judicial.note')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="judicial-note" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="judicial-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}

/** 司法确认: the 30-day window to apply to a court once the agreement takes effect, and what came of it. */
export function JudicialConfirmationCard({ caseId, view, editable }: { caseId: string; view: JudicialConfirmationView; editable: boolean }) {
  const { t } = useTranslation();
  const days =
    view.daysLeft === null ? '—' : view.daysLeft >= 0 ? t('judicial.daysLeftValue', { n: view.daysLeft }) : t('judicial.windowClosedAgo', { n: -view.daysLeft });
  return (
    <Card title={t('judicial.title')} data-testid="judicial-card" extra={<Tag color={STATE_COLOURS[view.state]} data-testid="judicial-state">{t(`judicial.state.${view.state}`)}</Tag>}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'effective', label: t('judicial.effectiveOn'), children: view.effectiveOn },
          { key: 'ends', label: t('judicial.windowEndsOn', { days: JUDICIAL_WINDOW_DAYS }), children: view.windowEndsOn },
          { key: 'left', label: t('judicial.daysLeft'), children: <span data-testid="judicial-days-left">{days}</span> },
          ...(view.applying
            ? [
                { key: 'court', label: t('judicial.court'), children: view.court ?? '—' },
                { key: 'applied', label: t('judicial.appliedOn'), children: view.appliedOn ?? '—' },
                {
                  key: 'result',
                  label: t('judicial.result'),
                  children: view.result ? (
                    <Tag color={RESULT_COLOURS[view.result]}>
                      {t(`judicial.resultKind.${view.result}`)}
                      {view.resultOn ? ` · ${view.resultOn}` : ''}
                    </Tag>
                  ) : (
                    '—'
                  ),
                },
              ]
            : []),
          ...(view.note ? [{ key: 'note', label: t('judicial.note'), span: 'filled' as const, children: view.note }] : []),
        ]}
      />
      {editable ? <JudicialForm caseId={caseId} view={view} /> : null}
    </Card>
  );
}
