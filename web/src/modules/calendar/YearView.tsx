import { Card, Col, Row, Tooltip } from 'antd';
import { memo, useMemo } from 'react';
import { formatDate } from '../../shared/i18n/format.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { calendarMessages } from './messages.ts';
import {
  canChi,
  type DayCell,
  type DayStatus,
  isoWeekdayOf,
  monthCells,
  type ScheduleLike,
} from './model.ts';

export function statusLabel(m: (typeof calendarMessages)['vi'], status: DayStatus): string {
  switch (status) {
    case 'holiday':
      return m.kindHoliday;
    case 'compensatory':
      return m.kindCompensatory;
    case 'swapped':
      return m.kindSwapped;
    case 'weekend':
      return m.weekend;
    case 'makeup':
      return m.makeUpDay;
    case 'workday':
      return m.workingDay;
  }
}

function DayBox({ cell, today }: { cell: DayCell; today: boolean }) {
  const m = useMessages(calendarMessages);
  const { lunar } = cell;
  const lunarText = `${lunar.day}/${lunar.month}${lunar.leap ? m.leapShort : ''}`;
  const tip = (
    <div>
      <div style={{ fontWeight: 600 }}>
        {m.weekdayLong(cell.weekday)}, {formatDate(cell.date)}
      </div>
      <div>
        {m.lunar}: {m.lunarDate(lunar.day, lunar.month, lunar.leap, canChi(lunar.year))}
      </div>
      <div>
        {statusLabel(m, cell.status)}
        {cell.note ? ` — ${cell.note}` : ''}
      </div>
    </div>
  );
  return (
    <Tooltip title={tip} mouseEnterDelay={0.25}>
      <div
        className={`cal-day ${cell.status}${today ? ' today' : ''}`}
        data-testid={`cal-day-${cell.date}`}
        data-status={cell.status}
        data-lunar={`${lunar.day}/${lunar.month}${lunar.leap ? 'n' : ''}`}
      >
        <span className="solar">{cell.day}</span>
        <span className={`lunar${lunar.day === 1 ? ' first' : ''}`}>{lunarText}</span>
      </div>
    </Tooltip>
  );
}

const MonthCard = memo(function MonthCard({
  year,
  month,
  schedule,
  today,
}: {
  year: number;
  month: number;
  schedule: ScheduleLike;
  today: string;
}) {
  const m = useMessages(calendarMessages);
  const cells = useMemo(() => monthCells(year, month, schedule), [year, month, schedule]);
  const lead = isoWeekdayOf(cells[0]!.date) - 1;
  const heads = m.weekdaysShort.split(',');
  const first = cells[0]!.lunar;
  const last = cells[cells.length - 1]!.lunar;
  return (
    <Card
      size="small"
      title={m.monthName(month)}
      extra={
        <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
          {m.lunar} {first.month}
          {first.leap ? m.leapShort : ''}
          {first.month !== last.month || first.leap !== last.leap
            ? ` – ${last.month}${last.leap ? m.leapShort : ''}`
            : ''}
        </span>
      }
      data-testid={`cal-month-${month}`}
      style={{ height: '100%' }}
      styles={{ body: { padding: 10 } }}
    >
      <div className="cal-grid">
        {heads.map((h, i) => (
          <div key={h} className={`cal-head${i >= 5 ? ' weekend' : ''}`}>
            {h}
          </div>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed blank cells before the 1st.
          <div key={`blank-${i}`} />
        ))}
        {cells.map((cell) => (
          <DayBox key={cell.date} cell={cell} today={cell.date === today} />
        ))}
      </div>
    </Card>
  );
});

/** Twelve months, each day with its lunar date and whether it is worked. */
export function YearView({ year, schedule, today }: { year: number; schedule: ScheduleLike; today: string }) {
  return (
    <Row gutter={[12, 12]} data-testid="cal-year">
      {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => (
        <Col key={month} xs={24} sm={12} lg={8} xxl={6}>
          <MonthCard year={year} month={month} schedule={schedule} today={today} />
        </Col>
      ))}
    </Row>
  );
}
