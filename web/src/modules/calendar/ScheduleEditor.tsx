import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { DayOffKind } from '@dieuhanh/core/calendar/types';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { calendarApi, type HolidaysView } from '../../api/calendar.ts';
import { toApiError } from '../../api/client.ts';
import { applyPathErrors, useNotifyError } from '../../shared/errors.tsx';
import { common } from '../../shared/i18n/common.ts';
import { DATE_FORMAT } from '../../shared/i18n/format.ts';
import { useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { calendarMessages } from './messages.ts';

interface DayOffRow {
  date: Dayjs | null;
  kind: DayOffKind;
  name: string;
}
interface MakeUpRow {
  date: Dayjs | null;
  reason: string;
}
interface Values {
  daysOff: DayOffRow[];
  workingWeekendDays: MakeUpRow[];
}

const weekdayOf = (d: Dayjs) => (d.day() === 0 ? 7 : d.day());

/**
 * The administrator's editor of a year's schedule (`PUT /api/calendar/schedules/:year`). Rows are
 * checked here as the server checks them (right year, weekdays off, weekend make-up days, no date
 * twice) and the server's problems land on the row and field they name.
 */
export function ScheduleEditor({
  year,
  current,
  storedVersion,
  onClose,
  onSaved,
}: {
  year: number;
  current: HolidaysView;
  /** Version of the schedule stored for this tenant (0 when none). */
  storedVersion: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const m = useMessages(calendarMessages);
  const c = useMessages(common);
  const { lang } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [stale, setStale] = useState(false);

  const [initial] = useState<Values>(() => ({
    daysOff: current.daysOff.map((d) => ({ date: dayjs(d.date), kind: d.kind, name: d.name })),
    workingWeekendDays: current.workingWeekendDays.map((d) => ({ date: dayjs(d.date), reason: d.reason })),
  }));

  const dateRule = (weekend: boolean) => ({
    validator: (_: unknown, value: Dayjs | null) => {
      if (!value) return Promise.reject(new Error(c.requiredSelect));
      if (value.year() !== year) return Promise.reject(new Error(m.notInYear(year)));
      const isWeekend = weekdayOf(value) >= 6;
      if (weekend && !isWeekend) return Promise.reject(new Error(m.mustBeWeekend));
      if (!weekend && isWeekend) return Promise.reject(new Error(m.mustBeWeekday));
      const all = [
        ...(form.getFieldValue('daysOff') as DayOffRow[]),
        ...(form.getFieldValue('workingWeekendDays') as MakeUpRow[]),
      ];
      const same = all.filter((r) => r?.date?.isSame(value, 'day')).length;
      return same > 1 ? Promise.reject(new Error(m.duplicate)) : Promise.resolve();
    },
  });

  const submit = async (values: Values) => {
    setSaving(true);
    setStale(false);
    const iso = (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : '');
    try {
      await calendarApi.putSchedule(year, {
        version: storedVersion,
        daysOff: values.daysOff
          .map((r) => ({ date: iso(r.date), kind: r.kind, name: r.name.trim() }))
          .sort((a, b) => a.date.localeCompare(b.date)),
        workingWeekendDays: values.workingWeekendDays
          .map((r) => ({ date: iso(r.date), reason: (r.reason ?? '').trim() }))
          .sort((a, b) => a.date.localeCompare(b.date)),
      });
      message.success(m.saved(year));
      onSaved();
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'stale_version') setStale(true);
      else {
        const rest = applyPathErrors(form, apiError, lang, ['daysOff', 'workingWeekendDays']);
        if (rest.length > 0 || apiError.fields.length === 0) notifyError(apiError, { fields: rest });
      }
    } finally {
      setSaving(false);
    }
  };

  const kindOptions: { value: DayOffKind; label: string }[] = [
    { value: 'holiday', label: m.kindHoliday },
    { value: 'compensatory', label: m.kindCompensatory },
    { value: 'swapped', label: m.kindSwapped },
  ];
  const disabledOutsideYear = (d: Dayjs) => d.year() !== year;

  return (
    <Modal
      open
      title={m.editSchedule(year)}
      okText={c.save}
      cancelText={c.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      width={920}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid="schedule-editor"
    >
      <Typography.Paragraph type="secondary">{m.editorHint}</Typography.Paragraph>
      {stale && (
        <Alert
          type="warning"
          showIcon
          title={c.staleTitle}
          description={m.staleSchedule}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {m.daysOffTitle}
        </Divider>
        <Form.List name="daysOff">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Row key={field.key} gutter={8} align="top" data-testid={`dayoff-row-${index}`}>
                  <Col flex="170px">
                    <Form.Item
                      name={[field.name, 'date']}
                      rules={[dateRule(false)]}
                      required
                      label={index === 0 ? m.date : undefined}
                      style={{ marginBottom: 8 }}
                    >
                      <DatePicker
                        format={DATE_FORMAT}
                        style={{ width: '100%' }}
                        disabledDate={disabledOutsideYear}
                        defaultPickerValue={dayjs(`${year}-01-01`)}
                        data-testid={`dayoff-date-${index}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="170px">
                    <Form.Item
                      name={[field.name, 'kind']}
                      rules={[{ required: true, message: c.requiredSelect }]}
                      label={index === 0 ? m.kind : undefined}
                      style={{ marginBottom: 8 }}
                    >
                      <Select options={kindOptions} data-testid={`dayoff-kind-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="auto">
                    <Form.Item
                      name={[field.name, 'name']}
                      rules={[
                        { required: true, whitespace: true, message: c.required },
                        { max: 200, message: c.tooLong(200) },
                      ]}
                      label={index === 0 ? m.name : undefined}
                      style={{ marginBottom: 8 }}
                    >
                      <Input data-testid={`dayoff-name-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="40px" style={index === 0 ? { paddingTop: 30 } : undefined}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={m.remove}
                      onClick={() => remove(field.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ date: null, kind: 'holiday', name: '' })}
                data-testid="dayoff-add"
              >
                {m.addDayOff}
              </Button>
            </>
          )}
        </Form.List>
        <Divider titlePlacement="start">{m.workingWeekendTitle}</Divider>
        <Form.List name="workingWeekendDays">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Row key={field.key} gutter={8} align="top" data-testid={`makeup-row-${index}`}>
                  <Col flex="170px">
                    <Form.Item
                      name={[field.name, 'date']}
                      rules={[dateRule(true)]}
                      required
                      label={index === 0 ? m.date : undefined}
                      style={{ marginBottom: 8 }}
                    >
                      <DatePicker
                        format={DATE_FORMAT}
                        style={{ width: '100%' }}
                        disabledDate={disabledOutsideYear}
                        defaultPickerValue={dayjs(`${year}-01-01`)}
                        data-testid={`makeup-date-${index}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="auto">
                    <Form.Item
                      name={[field.name, 'reason']}
                      rules={[{ max: 200, message: c.tooLong(200) }]}
                      label={index === 0 ? m.reason : undefined}
                      style={{ marginBottom: 8 }}
                    >
                      <Input data-testid={`makeup-reason-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="40px" style={index === 0 ? { paddingTop: 30 } : undefined}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={m.remove}
                      onClick={() => remove(field.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Flex>
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ date: null, reason: '' })}
                  data-testid="makeup-add"
                >
                  {m.addMakeUp}
                </Button>
              </Flex>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
