import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  TreeSelect,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import {
  BUSINESS_LINES,
  CHANNELS,
  CONSENT_LINK_DAYS_DEFAULT,
  DISPUTE_TYPES,
  ID_DOCUMENT_TYPES,
  type BusinessLine,
  type CaseDetail,
  type Channel,
  type DisputeType,
  type IdDocumentType,
} from '@accord/contracts';
import { caseKeys, casesApi, newIdempotencyKey, type CaseFields } from '../../api/cases';
import { consentApi } from '../../api/consent';
import { ApiError } from '../../api/http';
import { organisationsApi } from '../../api/organisations';
import { useCurrentUser } from '../../auth/AuthContext';
import { branchTreeOptions, buildBranchTree } from '../../lib/branches';
import { applyFieldErrors, errorMessage } from '../../lib/errors';
import { EMAIL, isValidResidentId, MAINLAND_MOBILE } from '../../lib/identity';
import { fenToYuan, yuanToFen } from '../../lib/money';
import { todayInShanghai } from '../../lib/format';
import { ProblemAlert } from '../ProblemAlert';
import { ACCEPTED_FILES, checkFile } from './files';
import { validateOrFocus } from '../../lib/forms';

interface ConsumerValues {
  name?: string;
  idType?: IdDocumentType;
  idNumber?: string;
  phone?: string;
  email?: string;
  needsAssistance?: boolean;
}

export interface CaseFormValues {
  centerId?: string;
  /** a regulator's referral (监管转办) names the respondent institution; a bank files for itself */
  institutionId?: string;
  branchId?: string;
  consumer: ConsumerValues;
  businessLine?: BusinessLine;
  disputeType?: DisputeType;
  amountYuan?: number | null;
  complaintReceivedOn?: Dayjs | null;
  facts?: string;
  claims?: string;
  bankPosition?: string;
  priorComplaintRef?: string;
  preferredChannel?: Channel;
  preferredTimes?: string;
  /** A regulator's referral: the supervisor confirms the consumer's consent. */
  consentGiven?: boolean;
  /** A bank: the consumer consented at the counter (the user attests it), or answers by link themselves. */
  consentBy?: 'counter' | 'link';
  consentNote?: string;
}

type Intent = 'draft' | 'submit';

/** The API's field names → this form's (the amount is typed in yuan). */
const FIELD_RENAME = { amountFen: 'amountYuan' };

const text = (v?: string) => {
  const s = v?.trim();
  return s ? s : undefined;
};

function toFields(v: CaseFormValues, includeConsumer: boolean): CaseFields {
  const c = v.consumer ?? {};
  const hasConsumer = Boolean(text(c.name) || text(c.idNumber) || text(c.phone));
  return {
    branchId: v.branchId || undefined,
    businessLine: v.businessLine,
    disputeType: v.disputeType,
    amountFen: v.amountYuan === null || v.amountYuan === undefined ? undefined : yuanToFen(v.amountYuan),
    facts: text(v.facts),
    claims: text(v.claims),
    bankPosition: text(v.bankPosition),
    priorComplaintRef: text(v.priorComplaintRef),
    complaintReceivedOn: v.complaintReceivedOn ? v.complaintReceivedOn.format('YYYY-MM-DD') : undefined,
    preferredChannel: v.preferredChannel,
    preferredTimes: text(v.preferredTimes),
    consumer:
      includeConsumer && hasConsumer
        ? {
            name: text(c.name) ?? '',
            idType: c.idType ?? 'resident_id',
            idNumber: (text(c.idNumber) ?? '').toUpperCase(),
            phone: text(c.phone) ?? '',
            email: text(c.email),
            needsAssistance: Boolean(c.needsAssistance),
          }
        : undefined,
    consentGiven: v.consentBy === 'counter' || Boolean(v.consentGiven),
    consentNote: text(v.consentNote),
  };
}

function initialValues(existing: CaseDetail | undefined, branchId: string | null): Partial<CaseFormValues> {
  if (!existing) {
    return {
      branchId: branchId ?? undefined,
      consumer: { idType: 'resident_id', needsAssistance: false },
      consentGiven: false,
    };
  }
  return {
    branchId: existing.branchId,
    consumer: { idType: existing.consumerIdType ?? 'resident_id', needsAssistance: existing.consumerNeedsAssistance },
    businessLine: existing.businessLine ?? undefined,
    disputeType: existing.disputeType ?? undefined,
    amountYuan: fenToYuan(existing.amountFen),
    complaintReceivedOn: existing.complaintReceivedOn ? dayjs(existing.complaintReceivedOn) : undefined,
    facts: existing.facts ?? undefined,
    claims: existing.claims ?? undefined,
    bankPosition: existing.bankPosition ?? undefined,
    priorComplaintRef: existing.priorComplaintRef ?? undefined,
    preferredChannel: existing.preferredChannel ?? undefined,
    preferredTimes: existing.preferredTimes ?? undefined,
    consentGiven: Boolean(existing.consentAt),
    consentBy: existing.consentAt ? 'counter' : undefined,
    consentNote: existing.consentNote ?? undefined,
  };
}

/**
 * The referral form: filing a new case (draft or straight to the center) and editing a draft
 * or a returned case. Attachments are uploaded once the case exists (after the first save).
 *
 * A regulator supervisor refers a complaint (监管转办) with the same form: a center of its
 * jurisdiction, the respondent member institution and that institution's branch. The API
 * takes a regulator's referral only as a submission (no drafts, no attachments of its own).
 */
export function CaseForm({ existing }: { existing?: CaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CaseFormValues>();
  const intent = useRef<Intent>('draft');
  // one key per form: a double click or a retry after a lost answer never files twice
  const idempotencyKey = useRef(newIdempotencyKey());
  // the case once it exists (created by this form, or the one being edited)
  const [saved, setSaved] = useState<CaseDetail | undefined>(existing);
  const [files, setFiles] = useState<UploadFile[]>([]);
  // editing: the masked identity stays unless the user types a new one
  const [editConsumer, setEditConsumer] = useState(!existing || !existing.consumerName);
  const idType = Form.useWatch(['consumer', 'idType'], form);
  const regulator = me.organisation.kind === 'regulator';
  const chosenCenter = Form.useWatch('centerId', form);
  const chosenInstitution = Form.useWatch('institutionId', form);
  const consentBy = Form.useWatch('consentBy', form);
  // whose branch tree: a bank its own; a regulator the institution it names
  const treeOf = regulator ? (existing?.institutionId ?? chosenInstitution) : undefined;

  const members = useQuery({
    queryKey: ['memberships', { page: 1, pageSize: 100 }],
    queryFn: ({ signal }) => organisationsApi.memberships({ page: 1, pageSize: 100 }, signal),
    enabled: !existing,
  });
  // a regulator: the centers of its jurisdiction and their member institutions
  const centers = useQuery({
    queryKey: ['organisations', { kind: 'center', page: 1, pageSize: 100 }],
    queryFn: ({ signal }) =>
      organisationsApi.list({ kind: 'center', page: 1, pageSize: 100 }, signal),
    enabled: regulator && !existing,
  });
  const institutions = useQuery({
    queryKey: ['organisations', { kind: 'institution', page: 1, pageSize: 100 }],
    queryFn: ({ signal }) =>
      organisationsApi.list({ kind: 'institution', page: 1, pageSize: 100 }, signal),
    enabled: regulator && !existing,
  });
  const branches = useQuery({
    queryKey: ['branches', treeOf ?? 'own'],
    queryFn: ({ signal }) =>
      organisationsApi.branches(treeOf ? { institutionId: treeOf } : undefined, signal),
    enabled: !regulator || Boolean(treeOf),
  });

  const centerOptions = useMemo(() => {
    if (regulator) {
      return (centers.data?.items ?? []).filter((o) => o.isActive).map((o) => ({ value: o.id, label: o.name }));
    }
    const seen = new Map<string, string>();
    for (const m of members.data?.items ?? []) {
      if (m.status === 'active' && m.institutionId === me.organisation.id) seen.set(m.centerId, m.centerName);
    }
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [regulator, centers.data, members.data, me.organisation.id]);
  // the jurisdiction's institutions that are active members of the chosen center (the API files for no other)
  const institutionOptions = useMemo(() => {
    if (!regulator || !chosenCenter) return [];
    const memberOf = new Set(
      (members.data?.items ?? []).filter((m) => m.status === 'active' && m.centerId === chosenCenter).map((m) => m.institutionId),
    );
    return (institutions.data?.items ?? [])
      .filter((o) => o.isActive && memberOf.has(o.id))
      .map((o) => ({ value: o.id, label: o.name }));
  }, [regulator, chosenCenter, members.data, institutions.data]);
  // one center: nothing to choose
  useEffect(() => {
    if (!existing && centerOptions.length === 1 && !form.getFieldValue('centerId')) form.setFieldValue('centerId', centerOptions[0].value);
  }, [existing, centerOptions, form]);
  const branchTree = useMemo(() => branchTreeOptions(buildBranchTree(branches.data?.items ?? [])), [branches.data]);

  const run = useMutation({
    mutationFn: async (mode: Intent) => {
      const values = form.getFieldsValue(true) as CaseFormValues;
      const fields = toFields(values, editConsumer);
      let current = saved;
      let filed = false;
      const pending = files.filter((f) => f.originFileObj);
      // The consumer answers by link: the referral is saved as a draft that waits for them.
      const byLink = mode === 'submit' && values.consentBy === 'link';
      try {
        if (!current) {
          const centerId = values.centerId ?? centerOptions[0]?.value;
          const direct = mode === 'submit' && !byLink && pending.length === 0;
          current = await casesApi.create(
            { ...fields, centerId: centerId ?? '', institutionId: regulator ? values.institutionId : undefined, submit: direct },
            idempotencyKey.current,
          );
          filed = direct;
        } else {
          current = await casesApi.update(current.id, { ...fields, version: current.version });
        }
      } catch (err) {
        // a refused request created nothing: the next try is a new request with a new key
        if (err instanceof ApiError && err.status >= 400 && err.status < 500) idempotencyKey.current = newIdempotencyKey();
        throw err;
      }
      setSaved(current);
      if (fields.consumer) setEditConsumer(false);
      for (const f of pending) {
        try {
          await casesApi.upload(current.id, f.originFileObj as File);
          setFiles((prev) => prev.filter((x) => x.uid !== f.uid));
        } catch (err) {
          setFiles((prev) => prev.map((x) => (x.uid === f.uid ? { ...x, status: 'error' } : x)));
          throw new Error(t('caseForm.uploadFailed', { name: f.name, reason: errorMessage(err, t) }), { cause: err });
        }
      }
      if (byLink) return { c: current, consentSent: await consentApi.request(current.id) };
      if (mode === 'submit' && !filed) current = await casesApi.submit(current.id);
      return { c: current, consentSent: null };
    },
    onSuccess: ({ c, consentSent }, mode) => {
      if (!consentSent) void message.success(mode === 'draft' ? t('caseForm.draftSaved') : regulator ? t('caseForm.referred') : t('caseForm.submitted'));
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists });
      void queryClient.invalidateQueries({ queryKey: caseKeys.one(c.id) });
      // The case page shows the link's QR code once (it is never stored).
      navigate(`/cases/${c.id}`, consentSent ? { state: { consentSent } } : undefined);
    },
    onError: (err) => {
      applyFieldErrors(form, err, FIELD_RENAME);
      if (saved) void queryClient.invalidateQueries({ queryKey: caseKeys.one(saved.id) });
    },
  });

  const go = async (mode: Intent) => {
    intent.current = mode;
    try {
      // the buttons validate without submitting: the first field at fault is shown and focused
      await validateOrFocus(form);
    } catch {
      return;
    }
    run.mutate(mode);
  };

  const submitting = () => intent.current === 'submit';
  /** A field the submission needs: "请填写…" for one typed in, "请选择…" for one picked from a list (`pick`). */
  const needed = (field: string, pick = false) => ({
    validator: (_: unknown, v: unknown) =>
      submitting() && (v === undefined || v === null || (typeof v === 'string' && !v.trim()))
        ? Promise.reject(new Error(t(pick ? 'common.selectField' : 'caseForm.required', { field })))
        : Promise.resolve(),
  });
  // the identity goes as a whole: once any part is typed, all of it is needed
  const consumerNeeded = (field: string) => ({
    validator: (_: unknown, v: unknown) => {
      const c = (form.getFieldValue('consumer') ?? {}) as ConsumerValues;
      const started = Boolean(text(c.name) || text(c.idNumber) || text(c.phone));
      const empty = v === undefined || v === null || (typeof v === 'string' && !v.trim());
      return (submitting() || started) && empty
        ? Promise.reject(new Error(t('caseForm.required', { field })))
        : Promise.resolve();
    },
  });

  const status = saved?.status;
  const returned = status === 'returned';
  const pending = run.isPending;
  const noCenters = !existing && (regulator ? centers.isSuccess : members.isSuccess) && centerOptions.length === 0;
  const centersError = members.error ?? centers.error ?? institutions.error;

  return (
    <Card
      title={
        existing
          ? t('caseForm.editTitle', { number: existing.caseNumber ?? '' })
          : regulator
            ? t('caseForm.referTitle')
            : t('caseForm.title')
      }
      data-testid="case-form"
    >
      {regulator && !existing ? (
        <Typography.Paragraph type="secondary" data-testid="refer-intro">
          {t('caseForm.referIntro')}
        </Typography.Paragraph>
      ) : null}
      {noCenters ? (
        <Alert type="warning" showIcon title={regulator ? t('caseForm.noJurisdictionCenters') : t('caseForm.noCenters')} style={{ marginBottom: 16 }} />
      ) : null}
      <ProblemAlert error={centersError} title={centersError ? t('caseForm.centersFailed') : undefined} />
      <Form<CaseFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues(existing, me.branchId)}
        disabled={pending}
        onFinish={() => void go('submit')}
      >
        <Divider titlePlacement="start">{t('caseForm.sectionReferral')}</Divider>
        <Row gutter={24}>
          {!existing ? (
            <Col xs={24} md={12}>
              <Form.Item
                name="centerId"
                label={t('caseForm.center')}
                extra={regulator ? t('caseForm.centerHelpRegulator') : t('caseForm.centerHelp')}
                rules={[{ required: !saved, message: t('common.selectField', { field: t('caseForm.center') }) }]}
              >
                <Select
                  data-testid="field-center"
                  loading={regulator ? centers.isFetching : members.isFetching}
                  options={centerOptions}
                  disabled={Boolean(saved)}
                  showSearch={{ optionFilterProp: 'label' }}
                  onChange={(v: string) => {
                    // another center: the institution must be a member of it
                    if (regulator && v !== chosenCenter) form.setFieldsValue({ institutionId: undefined, branchId: undefined });
                  }}
                />
              </Form.Item>
            </Col>
          ) : null}
          {regulator && !existing ? (
            <Col xs={24} md={12}>
              <Form.Item
                name="institutionId"
                label={t('caseForm.institution')}
                extra={chosenCenter ? t('caseForm.institutionHelp') : t('caseForm.institutionChooseCenter')}
                rules={[{ required: !saved, message: t('common.selectField', { field: t('caseForm.institution') }) }]}
              >
                <Select
                  data-testid="field-institution"
                  loading={institutions.isFetching || members.isFetching}
                  options={institutionOptions}
                  disabled={Boolean(saved) || !chosenCenter}
                  showSearch={{ optionFilterProp: 'label' }}
                  onChange={(v: string) => {
                    if (v !== chosenInstitution) form.setFieldValue('branchId', undefined);
                  }}
                />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item
              name="branchId"
              label={regulator ? t('caseForm.branchRegulator') : t('caseForm.branch')}
              extra={regulator && !treeOf ? t('caseForm.branchChooseInstitution') : undefined}
              required
              rules={[needed(regulator ? t('caseForm.branchRegulator') : t('caseForm.branch'), true)]}
            >
              <TreeSelect
                data-testid="field-branch"
                showSearch
                treeDefaultExpandAll
                loading={branches.isFetching}
                disabled={regulator && !treeOf}
                treeData={branchTree}
                treeNodeFilterProp="title"
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('caseForm.sectionConsumer')}</Divider>
        {!editConsumer && existing ? (
          <Flex gap={16} align="center" style={{ marginBottom: 16 }}>
            <Typography.Text data-testid="consumer-masked">
              {existing.consumerName} · {existing.consumerIdNumber} · {existing.consumerPhone}
            </Typography.Text>
            <Button onClick={() => setEditConsumer(true)}>{t('caseForm.editConsumer')}</Button>
          </Flex>
        ) : (
          <Row gutter={24}>
            <Col xs={24} md={8}>
              <Form.Item
                name={['consumer', 'name']}
                label={t('caseForm.consumerName')}
                required
                rules={[consumerNeeded(t('caseForm.consumerName'))]}
              >
                <Input maxLength={50} autoComplete="off" data-testid="field-consumer-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['consumer', 'idType']} label={t('caseForm.idType')} required>
                <Select showSearch={{ optionFilterProp: 'label' }} options={ID_DOCUMENT_TYPES.map((k) => ({ value: k, label: t(`idType.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={['consumer', 'idNumber']}
                label={t('caseForm.idNumber')}
                required
                dependencies={[['consumer', 'idType']]}
                normalize={(v?: string) => v?.replace(/\s+/g, '').toUpperCase()}
                rules={[
                  consumerNeeded(t('caseForm.idNumber')),
                  {
                    validator: (_, v?: string) => {
                      if (!v) return Promise.resolve();
                      if (idType === 'resident_id' || !idType) {
                        return isValidResidentId(v) ? Promise.resolve() : Promise.reject(new Error(t('caseForm.idNumberInvalid')));
                      }
                      return /^[0-9A-Za-z]{4,32}$/.test(v)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('caseForm.idNumberFormat')));
                    },
                  },
                ]}
              >
                <Input maxLength={32} autoComplete="off" data-testid="field-consumer-id" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={['consumer', 'phone']}
                label={t('caseForm.phone')}
                required
                normalize={(v?: string) => v?.replace(/[\s-]+/g, '')}
                rules={[consumerNeeded(t('caseForm.phone')), { pattern: MAINLAND_MOBILE, message: t('caseForm.phoneInvalid') }]}
              >
                <Input maxLength={11} inputMode="tel" autoComplete="off" data-testid="field-consumer-phone" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={['consumer', 'email']}
                label={t('caseForm.email')}
                rules={[{ pattern: EMAIL, message: t('caseForm.emailInvalid') }]}
              >
                <Input maxLength={120} inputMode="email" autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['consumer', 'needsAssistance']} valuePropName="checked" label=" ">
                <Checkbox>{t('caseForm.needsAssistance')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
        )}

        <Divider titlePlacement="start">{t('caseForm.sectionDispute')}</Divider>
        <Row gutter={24}>
          <Col xs={24} md={8}>
            <Form.Item name="businessLine" label={t('caseForm.businessLine')} required rules={[needed(t('caseForm.businessLine'), true)]}>
              <Select
                data-testid="field-business-line"
                showSearch={{ optionFilterProp: 'label' }}
                options={BUSINESS_LINES.map((k) => ({ value: k, label: t(`businessLine.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="disputeType" label={t('caseForm.disputeType')} required rules={[needed(t('caseForm.disputeType'), true)]}>
              <Select
                data-testid="field-dispute-type"
                showSearch={{ optionFilterProp: 'label' }}
                options={DISPUTE_TYPES.map((k) => ({ value: k, label: t(`disputeType.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="amountYuan"
              label={t('caseForm.amountYuan')}
              required
              rules={[
                needed(t('caseForm.amountYuan')),
                {
                  validator: (_, v?: number | null) =>
                    v === null || v === undefined || (v >= 0 && yuanToFen(v) !== undefined)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('caseForm.amountInvalid'))),
                },
              ]}
            >
              <InputNumber<number>
                min={0}
                max={1e12}
                precision={2}
                step={100}
                prefix="¥"
                style={{ width: '100%' }}
                data-testid="field-amount"
                formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','))}
                parser={(v) => Number((v ?? '').replace(/[¥,\s]/g, ''))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="complaintReceivedOn"
              label={t('caseForm.complaintReceivedOn')}
              extra={t('caseForm.complaintReceivedOnHelp')}
            >
              <DatePicker
                style={{ width: '100%' }}
                data-testid="field-received-on"
                disabledDate={(d) => d.isAfter(dayjs(todayInShanghai()), 'day')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="priorComplaintRef" label={t('caseForm.priorComplaintRef')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="facts" label={t('caseForm.facts')} required rules={[needed(t('caseForm.facts'))]}>
          <Input.TextArea rows={4} maxLength={5000} showCount data-testid="field-facts" />
        </Form.Item>
        <Form.Item name="claims" label={t('caseForm.claims')} required rules={[needed(t('caseForm.claims'))]}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="field-claims" />
        </Form.Item>
        <Form.Item name="bankPosition" label={t('caseForm.bankPosition')}>
          <Input.TextArea rows={3} maxLength={5000} showCount data-testid="field-bank-position" />
        </Form.Item>

        <Divider titlePlacement="start">{t('caseForm.sectionPreferences')}</Divider>
        <Row gutter={24}>
          <Col xs={24} md={12}>
            <Form.Item name="preferredChannel" label={t('caseForm.preferredChannel')}>
              <Radio.Group options={CHANNELS.map((k) => ({ value: k, label: t(`channel.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="preferredTimes" label={t('caseForm.preferredTimes')}>
              <Input maxLength={200} placeholder={t('caseForm.preferredTimesPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        {regulator ? (
          <Form.Item
            name="consentGiven"
            valuePropName="checked"
            extra={t('caseForm.consentExplain')}
            rules={[
              {
                validator: (_, v?: boolean) =>
                  submitting() && !v ? Promise.reject(new Error(t('caseForm.consentRequired'))) : Promise.resolve(),
              },
            ]}
          >
            <Checkbox data-testid="field-consent">{t('caseForm.consent')}</Checkbox>
          </Form.Item>
        ) : (
          <Form.Item
            name="consentBy"
            label={t('consent.by')}
            required
            extra={consentBy === 'link' ? t('consent.byLinkHelp', { days: CONSENT_LINK_DAYS_DEFAULT }) : t('caseForm.consentExplain')}
            rules={[
              {
                validator: (_, v?: string) => (submitting() && !v ? Promise.reject(new Error(t('caseForm.consentRequired'))) : Promise.resolve()),
              },
            ]}
          >
            <Radio.Group data-testid="field-consent-by">
              <Flex vertical gap={4}>
                <Radio value="counter" data-testid="field-consent">
                  {t('consent.byCounter')}
                </Radio>
                {returned ? null : (
                  <Radio value="link" data-testid="field-consent-link">
                    {t('consent.byLink')}
                  </Radio>
                )}
              </Flex>
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item name="consentNote" label={t('caseForm.consentNote')}>
          <Input maxLength={200} placeholder={t('caseForm.consentNotePlaceholder')} />
        </Form.Item>

        <Divider titlePlacement="start">{t('caseForm.sectionAttachments')}</Divider>
        {regulator ? (
          <Typography.Paragraph type="secondary" data-testid="refer-attachments-note">
            {t('caseForm.referAttachmentsNote')}
          </Typography.Paragraph>
        ) : (
          <Form.Item label={t('caseForm.attachments')} extra={t('caseForm.attachmentsHelp')}>
            <Upload
              multiple
              accept={ACCEPTED_FILES}
              fileList={files}
              beforeUpload={(file) => {
                const problem = checkFile(file, t);
                if (problem) {
                  void message.error(problem);
                  return Upload.LIST_IGNORE;
                }
                setFiles((prev) => [...prev, { uid: file.uid, name: file.name, size: file.size, originFileObj: file, status: 'done' }]);
                return false;
              }}
              onRemove={(f) => setFiles((prev) => prev.filter((x) => x.uid !== f.uid))}
            >
              <Button icon={<UploadOutlined />} data-testid="field-attachments">
                {t('caseForm.chooseFiles')}
              </Button>
            </Upload>
          </Form.Item>
        )}

        <ProblemAlert error={run.error} />
        {run.error && saved && !existing ? (
          <Alert type="info" showIcon title={t('caseForm.draftKept')} style={{ marginBottom: 16 }} />
        ) : null}
        <Flex gap={8} wrap>
          <Button
            type="primary"
            loading={pending && intent.current === 'submit'}
            disabled={pending || noCenters}
            onClick={() => void go('submit')}
            data-testid="case-submit"
          >
            {returned ? t('caseForm.resubmit') : regulator ? t('caseForm.refer') : consentBy === 'link' ? t('consent.sendLink') : t('caseForm.submit')}
          </Button>
          {regulator ? null : (
            <Button
              loading={pending && intent.current === 'draft'}
              disabled={pending || noCenters}
              onClick={() => void go('draft')}
              data-testid="case-save-draft"
            >
              {returned ? t('common.save') : t('caseForm.saveDraft')}
            </Button>
          )}
          <Button disabled={pending} onClick={() => navigate(saved ? `/cases/${saved.id}` : '/cases')}>
            {t('caseForm.cancel')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
