import { EditOutlined, LeftOutlined, RightOutlined, UndoOutlined } from '@ant-design/icons';
import { P } from '@dieuhanh/core/access/permissions';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { calendarApi } from '../../api/calendar.ts';
import { useCan } from '../../app/session.tsx';
import { LoadError } from '../../shared/components/LoadError.tsx';
import { PageHeader } from '../../shared/components/PageHeader.tsx';
import { useNotifyError } from '../../shared/errors.tsx';
import { useAsync } from '../../shared/hooks/useAsync.ts';
import { common } from '../../shared/i18n/common.ts';
import { formatDate, todayInVietnam } from '../../shared/i18n/format.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { DeadlineCalculator } from './DeadlineCalculator.tsx';
import { calendarMessages } from './messages.ts';
import { holidayRuns, isoWeekdayOf, monthCells } from './model.ts';
import { ScheduleEditor } from './ScheduleEditor.tsx';
import { statusLabel, YearView } from './YearView.tsx';

const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

/** A two-line row (title, grey description, something on the right) for short lists. */
function SimpleRow({ title, description, extra }: { title: string; description: string; extra?: ReactNode }) {
  return (
    <Flex
      justify="space-between"
      align="center"
      gap={12}
      style={{ padding: '8px 4px', borderBottom: '1px solid #f0f0f0' }}
    >
      <div>
        <div style={{ fontWeight: 500 }}>{title}</div>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {description}
        </Typography.Text>
      </div>
      {extra}
    </Flex>
  );
}

function Legend() {
  const m = useMessages(calendarMessages);
  const items: { cls: string; label: string }[] = [
    { cls: 'holiday', label: m.kindHoliday },
    { cls: 'compensatory', label: m.kindCompensatory },
    { cls: 'swapped', label: m.kindSwapped },
    { cls: 'makeup', label: m.makeUpDay },
    { cls: 'weekend', label: m.weekend },
  ];
  return (
    <Flex gap={16} wrap align="center" data-testid="cal-legend">
      {items.map((i) => (
        <span key={i.cls} style={{ fontSize: 13 }}>
          <span className={`cal-day ${i.cls} cal-legend-swatch`} style={{ minHeight: 0, padding: 0 }} />
          {i.label}
        </span>
      ))}
    </Flex>
  );
}

export default function CalendarPage() {
  const m = useMessages(calendarMessages);
  const c = useMessages(common);
  const can = useCan();
  const canWrite = can(P.calendarWrite);
  const { modal, message } = App.useApp();
  const notifyError = useNotifyError();
  const today = todayInVietnam();
  const [params, setParams] = useSearchParams();
  const year = Math.min(
    LAST_YEAR,
    Math.max(FIRST_YEAR, Number(params.get('year')) || Number(today.slice(0, 4))),
  );
  const setYear = (y: number) => setParams({ year: String(y) }, { replace: true });
  const [editing, setEditing] = useState(false);

  const holidays = useAsync((signal) => calendarApi.holidays(year, signal), [year]);
  const hours = useAsync((signal) => calendarApi.workingHours(signal), []);
  const stored = useAsync(
    (signal) => (canWrite ? calendarApi.schedules(signal) : Promise.resolve({ items: [] })),
    [canWrite],
  );
  const storedVersion = stored.data?.items.find((s) => s.year === year)?.version ?? 0;

  const data = holidays.data?.year === year ? holidays.data : undefined;
  const summary = useMemo(() => {
    if (!data) return null;
    const cells = Array.from({ length: 12 }, (_, i) => monthCells(year, i + 1, data)).flat();
    return {
      runs: holidayRuns(cells),
      working: cells.filter((x) => x.status === 'workday' || x.status === 'makeup').length,
    };
  }, [data, year]);

  const sourceTag = data && (
    <Tag
      color={data.source === 'provisional' ? 'orange' : data.source === 'tenant' ? 'blue' : 'green'}
      data-testid="cal-source"
      style={{ fontSize: 13, paddingInline: 8 }}
    >
      {data.source === 'provisional'
        ? m.sourceProvisional
        : data.source === 'tenant'
          ? m.sourceTenant
          : m.sourceOfficial}
    </Tag>
  );

  const resetSchedule = () =>
    modal.confirm({
      title: m.resetToDefault,
      content: m.resetConfirm(year),
      okText: c.confirm,
      cancelText: c.cancel,
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await calendarApi.deleteSchedule(year);
          message.success(m.resetDone);
          holidays.reload();
          stored.reload();
        } catch (error) {
          notifyError(error);
        }
      },
    });

  const years = useMemo(() => {
    const now = Number(today.slice(0, 4));
    const list: number[] = [];
    for (let y = Math.max(FIRST_YEAR, now - 10); y <= Math.min(LAST_YEAR, now + 5); y++) list.push(y);
    if (!list.includes(year)) list.push(year);
    return list.sort((a, b) => a - b);
  }, [today, year]);

  return (
    <>
      <PageHeader
        title={m.title}
        subtitle={m.subtitle}
        extra={
          <>
            <Space.Compact>
              <Tooltip title={m.previousYear}>
                <Button
                  icon={<LeftOutlined />}
                  onClick={() => setYear(year - 1)}
                  disabled={year <= FIRST_YEAR}
                  aria-label={m.previousYear}
                  data-testid="cal-prev-year"
                />
              </Tooltip>
              <Select<number>
                value={year}
                onChange={setYear}
                options={years.map((y) => ({ value: y, label: `${m.year} ${y}` }))}
                style={{ width: 120 }}
                aria-label={m.year}
                data-testid="cal-year-select"
              />
              <Tooltip title={m.nextYear}>
                <Button
                  icon={<RightOutlined />}
                  onClick={() => setYear(year + 1)}
                  disabled={year >= LAST_YEAR}
                  aria-label={m.nextYear}
                  data-testid="cal-next-year"
                />
              </Tooltip>
            </Space.Compact>
            <Button onClick={() => setYear(Number(today.slice(0, 4)))}>{m.thisYear}</Button>
            {canWrite && data?.source === 'tenant' && (
              <Button icon={<UndoOutlined />} onClick={resetSchedule} data-testid="cal-reset">
                {m.resetToDefault}
              </Button>
            )}
            {canWrite && (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setEditing(true)}
                disabled={!data}
                data-testid="cal-edit"
              >
                {m.editSchedule(year)}
              </Button>
            )}
          </>
        }
      />
      {holidays.error && !data ? (
        <LoadError error={holidays.error} onRetry={holidays.reload} />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Flex gap={16} wrap align="center" justify="space-between">
              <Space size={12} wrap>
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="cal-year-title">
                  {m.year} {year}
                </Typography.Title>
                {sourceTag}
                {summary && data && (
                  <Typography.Text type="secondary">
                    {m.workingDaysCount(summary.working)} · {m.daysOffCount(data.daysOff.length)}
                  </Typography.Text>
                )}
              </Space>
              <Legend />
            </Flex>
          </Card>
          {data?.provisional && (
            <Alert
              type="warning"
              showIcon
              title={m.provisionalTitle(year)}
              description={m.provisionalText}
              style={{ marginBottom: 12 }}
              data-testid="cal-provisional"
            />
          )}
          {data ? (
            <YearView year={year} schedule={data} today={today} />
          ) : (
            <Card>
              <Skeleton active paragraph={{ rows: 8 }} />
            </Card>
          )}
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} xl={12}>
              <Card size="small" title={m.holidaysTitle} data-testid="cal-holidays">
                {summary && summary.runs.length > 0 ? (
                  <Flex vertical>
                    {summary.runs.map((run) => (
                      <SimpleRow
                        key={run.from}
                        title={run.name}
                        description={
                          run.from === run.to
                            ? `${m.weekdayLong(isoWeekdayOf(run.from))}, ${formatDate(run.from)}`
                            : `${m.weekdayLong(isoWeekdayOf(run.from))}, ${formatDate(run.from)} – ${m.weekdayLong(isoWeekdayOf(run.to))}, ${formatDate(run.to)}`
                        }
                        extra={<Tag>{m.holidayRun(run.days)}</Tag>}
                      />
                    ))}
                  </Flex>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noHolidays} />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Flex vertical gap={12}>
                <Card size="small" title={m.makeUpTitle} data-testid="cal-makeup">
                  {data && data.workingWeekendDays.length > 0 ? (
                    <Flex vertical>
                      {data.workingWeekendDays.map((d) => (
                        <SimpleRow
                          key={d.date}
                          title={`${m.weekdayLong(isoWeekdayOf(d.date))}, ${formatDate(d.date)}`}
                          description={d.reason || statusLabel(m, 'makeup')}
                        />
                      ))}
                    </Flex>
                  ) : (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noMakeUp} />
                  )}
                </Card>
                <DeadlineCalculator hours={hours.data} />
              </Flex>
            </Col>
          </Row>
        </>
      )}
      {editing && data && (
        <ScheduleEditor
          year={year}
          current={data}
          storedVersion={storedVersion}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            holidays.reload();
            stored.reload();
          }}
        />
      )}
    </>
  );
}
