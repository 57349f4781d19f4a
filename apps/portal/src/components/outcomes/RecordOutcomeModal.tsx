import { useState, type KeyboardEvent } from 'react';
import { Alert, App, Button, Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Typography, type FormInstance } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { OBLIGATION_PARTIES, OTHER_ROUTES, TERMINATION_REASONS, outcomesFrom, type CaseStatus } from '@accord/contracts';
import type { ObligationParty, Outcome, OutcomeView, OtherRoute, TerminationReason } from '@accord/contracts';
import { caseKeys } from '../../api/cases';
import { ApiError } from '../../api/http';
import { outcomesApi, type RecordOutcomeBody } from '../../api/outcomes';
import { applyFieldErrors, errorMessage } from '../../lib/errors';
import { todayInShanghai } from '../../lib/format';
import { fenToYuan, yuanToFen } from '../../lib/money';
import { FormModal } from '../FormModal';

/**
 * The form's values. The amount fields carry the wire's names (so a server error such as
 * `terms.obligations.0.dueOn` lands on its field) but hold what people type: yuan.
 */
interface OutcomeValues {
  outcome: Outcome;
  terms?: {
    refundFen?: number | null;
    feeWaiverFen?: number | null;
    hasInstalment?: boolean;
    instalment?: { totalFen?: number | null; count?: number | null; firstDueOn?: Dayjs | null };
    freeText?: string;
    obligations?: { owedBy?: ObligationParty; description?: string; amountFen?: number | null; dueOn?: Dayjs | null }[];
  };
  /** Where a problem with the terms as a whole ("at least one term") is shown. */
  termsSummary?: never;
  notSettledReason?: string;
  otherRoutes?: OtherRoute[];
  terminationReason?: TerminationReason;
  note?: string;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');
const fen = (yuan: number | null | undefined) => yuanToFen(yuan ?? undefined) ?? 0;
/** Due dates are today or later (Beijing time). */
const beforeToday = (d: Dayjs) => d.isBefore(dayjs(todayInShanghai()), 'day');
/** Enter in a date picker takes the typed date; it must not also submit the whole form. */
const keepEnter = (e: KeyboardEvent<HTMLElement>) => {
  if (e.key === 'Enter') e.preventDefault();
};

function toBody(v: OutcomeValues): RecordOutcomeBody {
  const note = v.note?.trim() || undefined;
  switch (v.outcome) {
    case 'settled': {
      const t = v.terms ?? {};
      const inst = t.hasInstalment ? t.instalment : undefined;
      return {
        outcome: 'settled',
        terms: {
          refundFen: fen(t.refundFen),
          feeWaiverFen: fen(t.feeWaiverFen),
          instalment: inst ? { totalFen: fen(inst.totalFen), count: inst.count ?? 0, firstDueOn: day(inst.firstDueOn) } : null,
          freeText: t.freeText?.trim() || undefined,
          obligations: (t.obligations ?? []).map((o) => ({
            owedBy: o.owedBy ?? 'institution',
            description: o.description?.trim() ?? '',
            amountFen: o.amountFen === null || o.amountFen === undefined ? null : fen(o.amountFen),
            dueOn: day(o.dueOn),
          })),
        },
        note,
      };
    }
    case 'not_settled':
      return { outcome: 'not_settled', notSettledReason: v.notSettledReason?.trim() ?? '', otherRoutes: v.otherRoutes ?? [], note };
    case 'terminated':
      return { outcome: 'terminated', terminationReason: v.terminationReason as TerminationReason, note };
    case 'withdrawn':
      return { outcome: 'withdrawn', note: note ?? '' };
  }
}

/** The recorded outcome as the form holds it, to correct it. */
function toValues(v: OutcomeView): OutcomeValues {
  const t = v.terms;
  return {
    outcome: v.outcome,
    terms: {
      refundFen: fenToYuan(t?.refundFen ?? 0),
      feeWaiverFen: fenToYuan(t?.feeWaiverFen ?? 0),
      hasInstalment: Boolean(t?.instalment),
      instalment: t?.instalment ? { totalFen: fenToYuan(t.instalment.totalFen), count: t.instalment.count, firstDueOn: dayjs(t.instalment.firstDueOn) } : undefined,
      freeText: t?.freeText ?? '',
      obligations: v.obligations.map((o) => ({ owedBy: o.owedBy, description: o.description, amountFen: fenToYuan(o.amountFen), dueOn: dayjs(o.dueOn) })),
    },
    notSettledReason: v.notSettledReason ?? undefined,
    otherRoutes: v.otherRoutes,
    terminationReason: v.terminationReason ?? undefined,
    note: v.note ?? undefined,
  };
}

/** The portal's wording for the server's field messages it knows (the server speaks English). */
function fieldWording(field: string, message: string, t: TFunction): string | null {
  if (field === 'terms') return t('outcomes.termsEmpty');
  if (/dueOn$|firstDueOn$/.test(field)) return /past/.test(message) ? t('outcomes.dueInPast') : t('outcomes.notADate');
  if (/Fen$/.test(field) && /whole number/.test(message)) return t('outcomes.wholeFen');
  return null;
}

/** Renders no control: a Form.Item around it only shows the errors set on its name. */
function ErrorsOnly(_props: { value?: unknown; onChange?: unknown }) {
  return null;
}

const YUAN = { min: 0, max: 10_000_000_000, precision: 2, step: 100, style: { width: '100%' }, prefix: '¥' } as const;

/**
 * Records the outcome, or (given `current`) corrects its details before anyone signed: the kind
 * stays, the terms, obligations and reasons are written anew.
 */
export function RecordOutcomeModal({
  caseId,
  status,
  open,
  onClose,
  current,
}: {
  caseId: string;
  status: CaseStatus;
  open: boolean;
  onClose: () => void;
  current?: OutcomeView;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OutcomeValues>();
  const outcome = Form.useWatch('outcome', form);
  const hasInstalment = Form.useWatch(['terms', 'hasInstalment'], form);
  const [problem, setProblem] = useState<string | null>(null);
  // Only what the case's state allows: a case no session has heard yet can end terminated or withdrawn, not settled.
  const offered = current ? [current.outcome] : outcomesFrom(status);

  const record = useMutation({
    mutationFn: (v: OutcomeValues) => (current ? outcomesApi.amend(caseId, toBody(v)) : outcomesApi.record(caseId, toBody(v))),
    onSuccess: () => {
      void message.success(current ? t('outcomes.amended') : t('outcomes.recorded'));
      void queryClient.invalidateQueries({ queryKey: caseKeys.one(caseId) });
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists });
      onClose();
    },
    onError: (err) => {
      const onFields = applyFieldErrors(form, err, { terms: 'termsSummary' });
      if (onFields && err instanceof ApiError) {
        // the server's paths are strings; the form's typed names can't spell them
        (form as FormInstance).setFields(
          (err.problem.errors ?? []).flatMap((e) => {
            const wording = fieldWording(e.field, e.message, t);
            if (!wording) return [];
            const name = e.field === 'terms' ? ['termsSummary'] : e.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
            return [{ name, errors: [wording] }];
          }),
        );
      }
      setProblem(onFields ? t('outcomes.checkFields') : errorMessage(err, t));
    },
  });

  const required = (field: string) => [{ required: true, message: t('common.requiredField', { field }) }];

  return (
    <FormModal<OutcomeValues>
      open={open}
      title={current ? t('outcomes.amendTitle') : t('outcomes.recordTitle')}
      name={current ? 'amend-outcome' : 'record-outcome'}
      form={form}
      pending={record.isPending}
      error={null}
      width={760}
      okText={current ? t('outcomes.amendSubmit') : t('outcomes.recordSubmit')}
      initialValues={current ? toValues(current) : { outcome: offered[0], terms: { refundFen: 0, feeWaiverFen: 0, hasInstalment: false, obligations: [] }, otherRoutes: [] }}
      onSubmit={(v) => {
        setProblem(null);
        record.mutate(v);
      }}
      onCancel={onClose}
      afterClose={() => {
        setProblem(null);
        record.reset();
      }}
    >
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} data-testid="outcome-problem" /> : null}
      <Form.Item name="outcome" label={t('outcomes.outcome')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          data-testid="outcome-kind"
          options={offered.map((o) => ({ value: o, label: <span data-testid={`outcome-kind-${o}`}>{t(`outcomes.kind.${o}`)}</span> }))}
        />
      </Form.Item>
      {current ? (
        <Alert type="warning" showIcon title={t('outcomes.amendHint')} style={{ marginBottom: 16 }} data-testid="outcome-amend-hint" />
      ) : null}
      {!current && !offered.includes('settled') ? (
        <Typography.Paragraph type="secondary" data-testid="outcome-not-heard">
          {t('outcomes.notHeardYet')}
        </Typography.Paragraph>
      ) : null}

      {outcome === 'settled' ? (
        <>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name={['terms', 'refundFen']} label={t('outcomes.refund')} extra={t('outcomes.yuanHint')}>
                <InputNumber {...YUAN} data-testid="outcome-refund" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['terms', 'feeWaiverFen']} label={t('outcomes.feeWaiver')}>
                <InputNumber {...YUAN} data-testid="outcome-fee-waiver" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name={['terms', 'hasInstalment']} label={t('outcomes.instalment')} valuePropName="checked">
            <Switch data-testid="outcome-instalment" />
          </Form.Item>
          {hasInstalment ? (
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name={['terms', 'instalment', 'totalFen']} label={t('outcomes.instalmentTotal')} rules={required(t('outcomes.instalmentTotal'))}>
                  <InputNumber {...YUAN} min={0.01} data-testid="outcome-instalment-total" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['terms', 'instalment', 'count']} label={t('outcomes.instalmentCount')} rules={required(t('outcomes.instalmentCount'))}>
                  <InputNumber min={1} max={120} precision={0} style={{ width: '100%' }} data-testid="outcome-instalment-count" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['terms', 'instalment', 'firstDueOn']} label={t('outcomes.instalmentFirstDue')} rules={required(t('outcomes.instalmentFirstDue'))}>
                  <DatePicker onKeyDown={keepEnter} disabledDate={beforeToday} style={{ width: '100%' }} data-testid="outcome-instalment-first" />
                </Form.Item>
              </Col>
            </Row>
          ) : null}
          <Form.Item name={['terms', 'freeText']} label={t('outcomes.freeText')}>
            <Input.TextArea rows={3} maxLength={4000} showCount data-testid="outcome-free-text" />
          </Form.Item>

          <Divider titlePlacement="start" plain style={{ margin: '8px 0 16px' }}>
            {t('outcomes.obligations')}
          </Divider>
          <Form.List name={['terms', 'obligations']}>
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }} data-testid="obligation-list">
                {fields.map((f, i) => (
                  <Row key={f.key} gutter={8} align="top" data-testid={`obligation-row-${i}`}>
                    <Col xs={24} md={5}>
                      <Form.Item name={[f.name, 'owedBy']} rules={required(t('outcomes.owedBy'))} label={i === 0 ? t('outcomes.owedBy') : undefined}>
                        <Select
                          aria-label={t('outcomes.owedBy')}
                          data-testid={`obligation-owed-by-${i}`}
                          options={OBLIGATION_PARTIES.map((p) => ({ value: p, label: t(`outcomes.party.${p}`) }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[f.name, 'description']} rules={required(t('outcomes.what'))} label={i === 0 ? t('outcomes.what') : undefined}>
                        <Input maxLength={500} placeholder={t('outcomes.whatPlaceholder')} data-testid={`obligation-description-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item name={[f.name, 'amountFen']} label={i === 0 ? t('outcomes.amount') : undefined}>
                        <InputNumber {...YUAN} data-testid={`obligation-amount-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={10} md={6}>
                      <Form.Item name={[f.name, 'dueOn']} rules={required(t('outcomes.dueOn'))} label={i === 0 ? t('outcomes.dueOn') : undefined}>
                        <DatePicker onKeyDown={keepEnter} disabledDate={beforeToday} style={{ width: '100%' }} data-testid={`obligation-due-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={2} md={1} style={{ paddingTop: i === 0 ? 34 : 4 }}>
                      <Button type="text" aria-label={t('outcomes.removeObligation')} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ owedBy: 'institution' })} data-testid="obligation-add">
                  {t('outcomes.addObligation')}
                </Button>
              </Space>
            )}
          </Form.List>
          <Form.Item name="termsSummary" style={{ marginTop: 8 }} data-testid="outcome-terms-error">
            <ErrorsOnly />
          </Form.Item>
        </>
      ) : null}

      {outcome === 'not_settled' ? (
        <>
          <Form.Item name="notSettledReason" label={t('outcomes.notSettledReason')} rules={required(t('outcomes.notSettledReason'))}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="outcome-not-settled-reason" />
          </Form.Item>
          <Form.Item
            name="otherRoutes"
            label={t('outcomes.otherRoutes')}
            extra={t('outcomes.otherRoutesHint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('outcomes.otherRoutesRequired') }]}
          >
            <Checkbox.Group data-testid="outcome-other-routes" options={OTHER_ROUTES.map((r) => ({ value: r, label: t(`outcomes.route.${r}`) }))} />
          </Form.Item>
        </>
      ) : null}

      {outcome === 'terminated' ? (
        <Form.Item name="terminationReason" label={t('outcomes.terminationReason')} rules={required(t('outcomes.terminationReason'))}>
          <Select
            aria-label={t('outcomes.terminationReason')}
            data-testid="outcome-termination-reason"
            options={TERMINATION_REASONS.map((r) => ({ value: r, label: t(`outcomes.termination.${r}`) }))}
          />
        </Form.Item>
      ) : null}

      <Form.Item
        name="note"
        label={outcome === 'withdrawn' ? t('outcomes.withdrawnNote') : t('outcomes.note')}
        rules={outcome === 'withdrawn' ? required(t('outcomes.withdrawnNote')) : undefined}
      >
        <Input.TextArea rows={2} maxLength={2000} data-testid="outcome-note" />
      </Form.Item>
      {current ? null : (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('outcomes.recordHint')}
        </Typography.Paragraph>
      )}
    </FormModal>
  );
}
