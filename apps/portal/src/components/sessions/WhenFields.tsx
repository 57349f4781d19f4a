import { DatePicker, Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { shanghaiIso, shanghaiParts } from '../../lib/shanghai';
import { SlotPicker } from './SlotPicker';

export const DURATIONS = [30, 45, 60, 90, 120, 180];

/** The "when" of a booking or a reschedule, as form values. */
export interface WhenValues {
  minutes: number;
  slot?: string;
  outside?: boolean;
  outsideAt?: Dayjs;
  outsideHoursReason?: string;
}

/** The chosen start as an ISO instant: the picked free slot, or the typed time read as Beijing time. */
export function chosenStart(v: WhenValues): string | undefined {
  if (v.outside) return v.outsideAt ? shanghaiIso(v.outsideAt.format('YYYY-MM-DD'), v.outsideAt.format('HH:mm')) : undefined;
  return v.slot;
}

/** A Beijing instant as the picker's value (the picker shows wall-clock time, read as Beijing time). */
export function pickerValue(iso: string): Dayjs {
  const p = shanghaiParts(iso);
  return dayjs(`${p.date}T${p.time}:00`);
}

/**
 * Duration, free slots (clickable, by day), and the "outside working hours" switch that
 * trades the slots for a free date-time and a required reason.
 */
export function WhenFields({ caseId, roomId, waitForRoom }: { caseId: string; roomId?: string; waitForRoom?: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<WhenValues>();
  const minutes = Form.useWatch('minutes', form) ?? 60;
  const outside = Form.useWatch('outside', form) ?? false;
  return (
    <>
      <Form.Item name="minutes" label={t('sessions.duration')} rules={[{ required: true }]}>
        <Select
          style={{ width: 160 }}
          aria-label={t('sessions.duration')}
          options={DURATIONS.map((n) => ({ value: n, label: t('sessions.minutes', { n }) }))}
          onChange={() => form.setFieldValue('slot', undefined)}
        />
      </Form.Item>
      <Form.Item name="outside" label={t('sessions.outside')} valuePropName="checked" extra={t('sessions.outsideHint')}>
        <Switch data-testid="outside-hours" />
      </Form.Item>
      {outside ? (
        <>
          <Form.Item name="outsideAt" label={t('sessions.outsideAt')} rules={[{ required: true, message: t('sessions.chooseSlot') }]}>
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" data-testid="outside-at" />
          </Form.Item>
          <Form.Item
            name="outsideHoursReason"
            label={t('sessions.outsideReason')}
            rules={[{ required: true, whitespace: true, message: t('common.requiredField', { field: t('sessions.outsideReason') }) }]}
          >
            <Input maxLength={300} data-testid="outside-reason" />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="slot" label={t('sessions.slot')} rules={[{ required: true, message: t('sessions.chooseSlot') }]}>
          <SlotPicker caseId={caseId} minutes={minutes} roomId={roomId} disabled={waitForRoom} />
        </Form.Item>
      )}
    </>
  );
}
