import { useState } from 'react';
import { Alert, Button, Empty, Flex, Spin, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { scheduleKeys, schedulingApi, type Slot } from '../../api/scheduling';
import { errorMessage } from '../../lib/errors';
import { todayInShanghai } from '../../lib/format';
import { addDays, dayLabel, shanghaiParts } from '../../lib/shanghai';

const DAYS = 7;

interface SlotPickerProps {
  caseId: string;
  minutes: number;
  roomId?: string;
  /** don't ask for slots yet (an on-site session without its room) */
  disabled?: boolean;
  /** the chosen start (ISO) */
  value?: string;
  onChange?: (startsAt: string | undefined) => void;
}

/**
 * The case mediator's free times (GET /cases/:id/slots), 7 days at a time, as clickable chips
 * grouped by day, in Beijing time. A controlled form input: its value is the chosen start.
 */
export function SlotPicker({ caseId, minutes, roomId, disabled, value, onChange }: SlotPickerProps) {
  const { t, i18n } = useTranslation();
  const today = todayInShanghai();
  const [from, setFrom] = useState(today);
  const query = { from, days: DAYS, minutes, roomId: roomId || undefined };
  const q = useQuery({
    queryKey: scheduleKeys.slots(caseId, query),
    queryFn: ({ signal }) => schedulingApi.slots(caseId, query, signal),
    enabled: !disabled,
    placeholderData: keepPreviousData,
    retry: false,
  });

  const byDay = new Map<string, Slot[]>();
  for (const s of q.data?.items ?? []) {
    const day = shanghaiParts(s.startsAt).date;
    byDay.set(day, [...(byDay.get(day) ?? []), s]);
  }

  return (
    <Flex vertical gap={8} data-testid="slot-picker">
      <Flex align="center" gap={8} wrap>
        <Button size="small" icon={<LeftOutlined />} disabled={from <= today} onClick={() => setFrom(addDays(from, -DAYS) < today ? today : addDays(from, -DAYS))}>
          {t('sessions.prevRange')}
        </Button>
        <Typography.Text data-testid="slot-range">{t('sessions.rangeLabel', { from: dayLabel(from, i18n.language), to: dayLabel(addDays(from, DAYS - 1), i18n.language) })}</Typography.Text>
        <Button size="small" onClick={() => setFrom(addDays(from, DAYS))} data-testid="slots-next">
          {t('sessions.nextRange')} <RightOutlined />
        </Button>
        {q.isFetching ? <Spin size="small" /> : null}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('sessions.slotsHint')}
      </Typography.Text>
      {q.isError ? (
        <Alert
          type="warning"
          showIcon
          data-testid="slots-error"
          title={q.error instanceof ApiError && q.error.problem.code === 'CALENDAR_YEAR_MISSING' ? t('sessions.calendarMissing') : errorMessage(q.error, t)}
        />
      ) : null}
      {!disabled && q.isSuccess && byDay.size === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sessions.noSlots')} /> : null}
      <div style={{ maxHeight: 280, overflowY: 'auto' }}>
        {[...byDay].map(([day, slots]) => (
          <Flex key={day} gap={8} align="baseline" style={{ marginBottom: 8 }} data-testid={`slot-day-${day}`}>
            {/* One line: "12月10日 周四" is a little wider than 12月8日's; "Thu, Dec 10" too. */}
            <Typography.Text strong style={{ width: 104, flex: 'none', whiteSpace: 'nowrap' }}>
              {dayLabel(day, i18n.language)}
            </Typography.Text>
            <Flex gap={6} wrap>
              {slots.map((s) => {
                const time = shanghaiParts(s.startsAt).time;
                return (
                  <Button
                    key={s.startsAt}
                    size="small"
                    type={value === s.startsAt ? 'primary' : 'default'}
                    aria-pressed={value === s.startsAt}
                    aria-label={`${dayLabel(day, i18n.language)} ${time}`}
                    onClick={() => onChange?.(value === s.startsAt ? undefined : s.startsAt)}
                    data-testid="slot"
                    data-starts-at={s.startsAt}
                  >
                    {time}
                  </Button>
                );
              })}
            </Flex>
          </Flex>
        ))}
      </div>
    </Flex>
  );
}
