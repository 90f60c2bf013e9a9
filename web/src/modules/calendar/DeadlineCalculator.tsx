import { CalculatorOutlined } from '@ant-design/icons';
import type { WorkingHours } from '@dieuhanh/core/calendar/types';
import { Alert, Button, Card, DatePicker, Flex, Form, InputNumber, Segmented, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { calendarApi } from '../../api/calendar.ts';
import type { ApiError } from '../../api/client.ts';
import { toApiError } from '../../api/client.ts';
import { ErrorDescription } from '../../shared/errors.tsx';
import { DATE_TIME_FORMAT, formatDateTime } from '../../shared/i18n/format.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { calendarMessages } from './messages.ts';

/** The picker's wall-clock time, read as Vietnam time (whatever the browser's zone). */
export function vnInstant(value: Dayjs): string {
  return `${value.format('YYYY-MM-DDTHH:mm')}:00+07:00`;
}

function weekdayOf(instant: string): number {
  const d = dayjs(instant.slice(0, 10)).day();
  return d === 0 ? 7 : d;
}

function DeadlineForm() {
  const m = useMessages(calendarMessages);
  const [unit, setUnit] = useState<'days' | 'hours'>('days');
  const [start, setStart] = useState<Dayjs | null>(() => dayjs().hour(8).minute(0).second(0));
  const [amount, setAmount] = useState<number | null>(5);
  const [busy, setBusy] = useState(false);
  const [due, setDue] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const compute = async () => {
    if (!start || amount === null) return;
    setBusy(true);
    setError(null);
    try {
      const result = await calendarApi.deadline({
        start: vnInstant(start),
        ...(unit === 'days' ? { workingDays: amount } : { workingHours: amount }),
      });
      setDue(result.due);
    } catch (e) {
      setDue(null);
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" onFinish={() => void compute()} data-testid="deadline-calculator">
      <Flex gap={12} wrap align="flex-end">
        <Form.Item label={m.start} style={{ marginBottom: 12 }}>
          <DatePicker
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format={DATE_TIME_FORMAT}
            value={start}
            onChange={setStart}
            allowClear={false}
            style={{ width: 200 }}
            data-testid="deadline-start"
          />
        </Form.Item>
        <Form.Item label={unit === 'days' ? m.amountDays : m.amountHours} style={{ marginBottom: 12 }}>
          <Flex gap={8}>
            <InputNumber
              min={0}
              max={unit === 'days' ? 10_000 : 100_000}
              step={unit === 'days' ? 1 : 0.5}
              value={amount}
              onChange={setAmount}
              style={{ width: 110 }}
              data-testid="deadline-amount"
            />
            <Segmented<'days' | 'hours'>
              value={unit}
              onChange={setUnit}
              options={[
                { value: 'days', label: m.unitDays },
                { value: 'hours', label: m.unitHours },
              ]}
            />
          </Flex>
        </Form.Item>
        <Form.Item style={{ marginBottom: 12 }}>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="deadline-compute">
            {m.compute}
          </Button>
        </Form.Item>
      </Flex>
      {due && (
        <Alert
          type="success"
          showIcon
          title={
            <span data-testid="deadline-result">
              {m.dueResult}:{' '}
              <strong>
                {m.weekdayLong(weekdayOf(due))}, {formatDateTime(due)}
              </strong>
            </span>
          }
        />
      )}
      {error && <Alert type="error" showIcon title={<ErrorDescription error={error} />} />}
    </Form>
  );
}

function WorkingTimeForm() {
  const m = useMessages(calendarMessages);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(() => [
    dayjs().hour(8).minute(0),
    dayjs().add(7, 'day').hour(17).minute(0),
  ]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ days: number; hours: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const compute = async () => {
    const [from, to] = range ?? [null, null];
    if (!from || !to) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await calendarApi.workingTime({ from: vnInstant(from), to: vnInstant(to) }));
    } catch (e) {
      setResult(null);
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" onFinish={() => void compute()}>
      <Flex gap={12} wrap align="flex-end">
        <Form.Item label={`${m.from} – ${m.to}`} style={{ marginBottom: 12 }}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format={DATE_TIME_FORMAT}
            value={range}
            onChange={(v) => setRange(v)}
            allowClear={false}
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 12 }}>
          <Button type="primary" htmlType="submit" loading={busy}>
            {m.compute}
          </Button>
        </Form.Item>
      </Flex>
      {result && (
        <Alert
          type="info"
          showIcon
          title={m.workingTimeResult(
            result.days,
            result.hours.toLocaleString('vi-VN', { maximumFractionDigits: 2 }),
          )}
        />
      )}
      {error && <Alert type="error" showIcon title={<ErrorDescription error={error} />} />}
    </Form>
  );
}

export function DeadlineCalculator({ hours }: { hours: WorkingHours | undefined }) {
  const m = useMessages(calendarMessages);
  return (
    <Card
      title={
        <span>
          <CalculatorOutlined /> {m.calculatorTitle}
        </span>
      }
      size="small"
      styles={{ body: { paddingTop: 4 } }}
    >
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {m.calculatorHint}
        {hours && <> {m.workingHoursLine(hours.intervals.map((i) => `${i.start}–${i.end}`).join(', '))}</>}
      </Typography.Paragraph>
      <Tabs
        size="small"
        items={[
          { key: 'deadline', label: m.tabDeadline, children: <DeadlineForm /> },
          { key: 'time', label: m.tabWorkingTime, children: <WorkingTimeForm /> },
        ]}
      />
    </Card>
  );
}
