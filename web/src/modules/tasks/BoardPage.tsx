import { ApartmentOutlined, FileWordOutlined, RightOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { P } from '@dieuhanh/core/access/permissions';
import type { AvoidanceReport, Board, BoardFigures } from '@dieuhanh/core/api/tasks';
import { TASK_STATUS_LABELS } from '@dieuhanh/core/tasks/status';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Skeleton,
  Statistic,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ApiError } from '../../api/client.ts';
import { tasksApi } from '../../api/tasks.ts';
import { useCan } from '../../app/session.tsx';
import { LoadError } from '../../shared/components/LoadError.tsx';
import { PageHeader } from '../../shared/components/PageHeader.tsx';
import { useNotifyError } from '../../shared/errors.tsx';
import { useAsync } from '../../shared/hooks/useAsync.ts';
import { formatDateTime } from '../../shared/i18n/format.ts';
import { pick, useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { actionLabelOf } from '../../shared/tasks/labels.tsx';
import { useUnits } from '../../shared/units/useUnits.ts';
import { tasksMessages } from './messages.ts';

type FigureKey = keyof BoardFigures;
/** The list filter behind each figure (the drill-down from a number to its tasks). */
const STATUS_OF: Partial<Record<FigureKey, string>> = {
  open: 'open',
  openWithin: 'within',
  atRisk: 'at_risk',
  overdue: 'overdue',
  doneEarly: 'done_early',
  doneOnTime: 'on_time',
  doneLate: 'late',
};

function onTimeRate(f: BoardFigures): number | null {
  const done = f.doneEarly + f.doneOnTime + f.doneLate;
  return done === 0 ? null : Math.round(((f.doneEarly + f.doneOnTime) / done) * 1000) / 10;
}

export default function BoardPage() {
  const m = useMessages(tasksMessages);
  const { lang } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unit') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const tab = params.get('tab') ?? 'units';
  const [exporting, setExporting] = useState(false);
  const set = (patch: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: false });
  };

  const query = { ...(unitId ? { unitId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const board = useAsync((signal) => tasksApi.board(query, signal), [unitId, from, to]);
  const data: Board | undefined = board.data;
  const canAvoidance = can(P.avoidanceRead);
  const avoidance = useAsync(
    (signal) =>
      canAvoidance && data
        ? tasksApi.avoidance(
            {
              unitId: data.unitId,
              from: `${data.from}-01`,
              to: dayjs(`${data.to}-01`).endOf('month').format('YYYY-MM-DD'),
            },
            signal,
          )
        : Promise.resolve(undefined as AvoidanceReport | undefined),
    [canAvoidance, data?.unitId, data?.from, data?.to],
  );

  /** Province → … → the unit shown, from the unit tree. */
  const trail = useMemo(() => {
    if (!data) return [];
    const out: { id: string; name: string }[] = [];
    let current = units.byId.get(data.unitId);
    const seen = new Set<string>();
    while (current && !seen.has(current.id)) {
      seen.add(current.id);
      out.unshift({ id: current.id, name: current.name });
      current = current.parentId ? units.byId.get(current.parentId) : undefined;
    }
    return out.length ? out : [{ id: data.unitId, name: data.unitName }];
  }, [data, units.byId]);

  const tasksHref = (unit: string, status?: string, leadOnly?: boolean) => {
    const p = new URLSearchParams({ unit });
    if (status) p.set('status', status);
    if (leadOnly) p.set('leadOnly', '1');
    return `/tasks/unit?${p}`;
  };

  const figure = (row: { unitId: string; own: boolean }, key: FigureKey, value: number, tone?: string) => {
    const status = STATUS_OF[key];
    const text = (
      <span style={{ color: value > 0 ? tone : 'rgba(0,0,0,0.25)', fontWeight: value > 0 ? 600 : 400 }}>
        {value}
      </span>
    );
    return (
      <span data-testid={`board-cell-${key}`} data-value={value}>
        {status && value > 0 ? <Link to={tasksHref(row.unitId, status, row.own)}>{text}</Link> : text}
      </span>
    );
  };

  type UnitRow = Board['units'][number];
  const figureColumns = <T extends BoardFigures & { unitId?: string; own?: boolean }>(
    rowKey: (r: T) => { unitId: string; own: boolean } | null,
  ): TableColumnsType<T> => {
    const cell = (key: FigureKey, tone?: string) => (_: unknown, r: T) => {
      const k = rowKey(r);
      return k ? (
        figure(k, key, r[key], tone)
      ) : (
        <span
          data-testid={`board-cell-${key}`}
          style={{ fontWeight: 600, color: r[key] > 0 ? tone : undefined }}
        >
          {r[key]}
        </span>
      );
    };
    return [
      { title: m.received, key: 'received', align: 'right', width: 90, render: cell('received') },
      {
        title: m.open,
        children: [
          { title: m.openWithin, key: 'openWithin', align: 'right', width: 90, render: cell('openWithin') },
          { title: m.atRisk, key: 'atRisk', align: 'right', width: 100, render: cell('atRisk', '#d46b08') },
          { title: m.overdue, key: 'overdue', align: 'right', width: 90, render: cell('overdue', '#cf1322') },
        ],
      },
      {
        title: m.doneGroup,
        children: [
          {
            title: m.doneEarly,
            key: 'doneEarly',
            align: 'right',
            width: 90,
            render: cell('doneEarly', '#389e0d'),
          },
          {
            title: m.doneOnTime,
            key: 'doneOnTime',
            align: 'right',
            width: 90,
            render: cell('doneOnTime', '#389e0d'),
          },
          {
            title: m.doneLate,
            key: 'doneLate',
            align: 'right',
            width: 90,
            render: cell('doneLate', '#d4380d'),
          },
        ],
      },
      {
        title: m.onTimeRate,
        key: 'rate',
        align: 'right',
        width: 110,
        render: (_, r) => {
          const rate = onTimeRate(r);
          return rate === null ? (
            <Typography.Text type="secondary">—</Typography.Text>
          ) : (
            <Tag color={rate >= 90 ? 'green' : rate >= 70 ? 'gold' : 'red'} style={{ marginInlineEnd: 0 }}>
              {rate.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}%
            </Tag>
          );
        },
      },
    ];
  };

  const unitColumns: TableColumnsType<UnitRow> = [
    {
      title: m.unit,
      key: 'unit',
      fixed: 'left',
      render: (_, r) => (
        <Flex align="center" gap={8} justify="space-between">
          <span style={{ fontWeight: r.own ? 400 : 500 }}>{r.own ? m.ownTasks(r.unitName) : r.unitName}</span>
          <span style={{ whiteSpace: 'nowrap' }}>
            <Tooltip title={m.viewTasks}>
              <Link to={tasksHref(r.unitId, undefined, r.own)} aria-label={m.viewTasks}>
                <UnorderedListOutlined />
              </Link>
            </Tooltip>
            {r.hasChildren && !r.own && (
              <Tooltip title={m.drillDown}>
                <Button
                  type="link"
                  size="small"
                  icon={<RightOutlined />}
                  onClick={() => set({ unit: r.unitId })}
                  aria-label={m.drillDown}
                  data-testid={`board-drill-${r.unitId}`}
                />
              </Tooltip>
            )}
          </span>
        </Flex>
      ),
    },
    ...figureColumns<UnitRow>((r) => ({ unitId: r.unitId, own: r.own })),
  ];

  type AssignerRow = Board['assigners'][number];
  const assignerColumns: TableColumnsType<AssignerRow> = [
    { title: m.assigner, key: 'name', render: (_, r) => <strong>{r.name}</strong> },
    ...figureColumns<AssignerRow>(() => null),
  ];

  const exportReport = async () => {
    setExporting(true);
    try {
      const name = await tasksApi.exportBoard(query);
      message.success(m.exportDone(name));
    } catch (error) {
      notifyError(error);
    } finally {
      setExporting(false);
    }
  };

  const unitRows = data ? [...data.units].sort((a, b) => Number(b.own) - Number(a.own)) : [];
  const totalRow = data
    ? [{ ...data.total, unitId: '__total', unitName: m.total, own: false, hasChildren: false }]
    : [];
  const t = data?.total;

  return (
    <>
      <PageHeader
        title={m.boardTitle}
        subtitle={m.boardSubtitle}
        extra={
          <>
            <DatePicker.RangePicker
              picker="month"
              format="MM/YYYY"
              value={data ? [dayjs(`${data.from}-01`), dayjs(`${data.to}-01`)] : null}
              onChange={(v) =>
                set({ from: v?.[0]?.format('YYYY-MM') ?? null, to: v?.[1]?.format('YYYY-MM') ?? null })
              }
              allowClear={false}
              aria-label={m.boardPeriod}
              data-testid="board-period"
            />
            <Button
              icon={<FileWordOutlined />}
              onClick={() => void exportReport()}
              loading={exporting}
              data-testid="board-report"
            >
              {m.reportDocx}
            </Button>
          </>
        }
      />
      {board.error ? (
        <LoadError error={board.error} onRetry={board.reload} />
      ) : !data || !t ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <Breadcrumb
            items={trail.map((u, i) => ({
              key: u.id,
              title:
                i === trail.length - 1 ? (
                  <strong>
                    <ApartmentOutlined /> {u.name}
                  </strong>
                ) : (
                  <a
                    href={`?unit=${u.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      set({ unit: i === 0 ? null : u.id });
                    }}
                  >
                    {u.name}
                  </a>
                ),
            }))}
          />
          <Row gutter={[12, 12]} data-testid="board-summary">
            {(
              [
                ['received', m.received, undefined],
                ['openWithin', m.openWithin, '#0b4f9c'],
                ['atRisk', m.atRisk, '#d46b08'],
                ['overdue', m.overdue, '#cf1322'],
                ['doneEarly', pick(TASK_STATUS_LABELS.done_early, lang), '#389e0d'],
                ['doneOnTime', pick(TASK_STATUS_LABELS.on_time, lang), '#389e0d'],
                ['doneLate', pick(TASK_STATUS_LABELS.late, lang), '#d4380d'],
              ] as const
            ).map(([key, label, color]) => (
              <Col key={key} flex="1 1 150px">
                <Card size="small" style={{ height: '100%' }} data-testid={`board-total-${key}`}>
                  <Statistic
                    title={label}
                    value={t[key]}
                    styles={{
                      title: {
                        whiteSpace: 'nowrap',
                        overflow: 'hidden',
                        textOverflow: 'ellipsis',
                        fontSize: 13,
                      },
                      content: { color, fontWeight: 600 },
                    }}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small" styles={{ body: { paddingTop: 0 } }}>
            <Tabs
              activeKey={tab}
              onChange={(k) => set({ tab: k === 'units' ? null : k })}
              items={[
                {
                  key: 'units',
                  label: m.byUnit,
                  children: (
                    <Table<UnitRow>
                      rowKey="unitId"
                      size="small"
                      bordered
                      data-testid="board-units"
                      columns={unitColumns}
                      dataSource={unitRows}
                      pagination={false}
                      scroll={{ x: 1100 }}
                      onRow={(r) =>
                        ({ 'data-testid': `board-row-${r.unitId}` }) as React.HTMLAttributes<HTMLElement>
                      }
                      summary={() => (
                        <Table.Summary fixed>
                          {totalRow.map((r) => (
                            <Table.Summary.Row
                              key="total"
                              style={{ background: '#fafafa' }}
                              data-testid="board-total"
                            >
                              <Table.Summary.Cell index={0}>
                                <strong>{m.total}</strong>
                              </Table.Summary.Cell>
                              {(
                                [
                                  'received',
                                  'openWithin',
                                  'atRisk',
                                  'overdue',
                                  'doneEarly',
                                  'doneOnTime',
                                  'doneLate',
                                ] as const
                              ).map((k, i) => (
                                <Table.Summary.Cell key={k} index={i + 1} align="right">
                                  <strong>{r[k]}</strong>
                                </Table.Summary.Cell>
                              ))}
                              <Table.Summary.Cell index={8} align="right">
                                {onTimeRate(r) === null ? '—' : `${onTimeRate(r)}%`}
                              </Table.Summary.Cell>
                            </Table.Summary.Row>
                          ))}
                        </Table.Summary>
                      )}
                    />
                  ),
                },
                {
                  key: 'assigners',
                  label: m.byAssigner,
                  children: (
                    <Table<AssignerRow>
                      rowKey="userId"
                      size="small"
                      bordered
                      data-testid="board-assigners"
                      columns={assignerColumns}
                      dataSource={data.assigners}
                      pagination={false}
                      scroll={{ x: 1000 }}
                      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
                    />
                  ),
                },
                ...(canAvoidance
                  ? [
                      {
                        key: 'avoidance',
                        label: m.avoidance,
                        children: (
                          <AvoidancePanel
                            report={avoidance.data}
                            loading={avoidance.loading}
                            error={avoidance.error}
                            onRetry={avoidance.reload}
                          />
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Flex>
      )}
    </>
  );
}

function AvoidancePanel({
  report,
  loading,
  error,
  onRetry,
}: {
  report: AvoidanceReport | undefined;
  loading: boolean;
  error: ApiError | undefined;
  onRetry: () => void;
}) {
  const m = useMessages(tasksMessages);
  const { lang } = useI18n();
  if (error) return <LoadError error={error} onRetry={onRetry} />;
  if (!report) return <Skeleton active loading={loading} />;
  if (report.signals.length === 0)
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noSignals} data-testid="avoidance-empty" />
    );
  const kinds = [
    ...new Map(report.signals.map((s) => [s.kind, lang === 'vi' ? s.labelVi : s.labelEn])).entries(),
  ];
  const byKindCols = kinds.map(([kind, label]) => ({
    title: label,
    key: kind,
    align: 'right' as const,
    render: (_: unknown, r: { byKind: Record<string, number> }) => r.byKind[kind] ?? 0,
  }));
  type Signal = AvoidanceReport['signals'][number];
  return (
    <Flex vertical gap={16} data-testid="avoidance">
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Typography.Title level={5}>{m.perUnit}</Typography.Title>
          <Table
            rowKey="unitId"
            size="small"
            bordered
            pagination={false}
            dataSource={report.units}
            columns={[
              { title: m.unit, key: 'name', render: (_, r) => r.unitName },
              {
                title: m.signalCount,
                key: 'total',
                align: 'right',
                render: (_, r) => <strong>{r.total}</strong>,
              },
              ...byKindCols,
            ]}
          />
        </Col>
        <Col xs={24} xl={12}>
          <Typography.Title level={5}>{m.perOfficial}</Typography.Title>
          <Table
            rowKey="userId"
            size="small"
            bordered
            pagination={false}
            dataSource={report.officials}
            columns={[
              { title: m.official, key: 'name', render: (_, r) => r.name },
              {
                title: m.signalCount,
                key: 'total',
                align: 'right',
                render: (_, r) => <strong>{r.total}</strong>,
              },
              ...byKindCols,
            ]}
          />
        </Col>
      </Row>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {m.signals}
      </Typography.Title>
      <Table<Signal>
        rowKey={(s) => `${s.kind}:${s.taskId}`}
        size="small"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={report.signals}
        expandable={{
          expandedRowRender: (s) => (
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">{m.evidence2}</Typography.Text>
              {s.evidence.map((e) => (
                <div key={e.seq}>
                  <Typography.Text strong>{formatDateTime(e.at)}</Typography.Text> · {e.actorName ?? m.system}{' '}
                  · {e.unitName} · {pick(actionLabelOf(e.action), lang)}
                  {e.reason ? ` — ${e.reason}` : ''}
                </div>
              ))}
            </Flex>
          ),
        }}
        columns={[
          {
            title: m.kind,
            key: 'kind',
            width: 260,
            render: (_, s) => (
              <Flex gap={4} wrap>
                <Tag color="volcano">{lang === 'vi' ? s.labelVi : s.labelEn}</Tag>
                {s.ongoing && <Tag color="red">{m.ongoing}</Tag>}
              </Flex>
            ),
          },
          {
            title: m.task,
            key: 'task',
            render: (_, s) => <Link to={`/tasks/${s.taskId}`}>{s.title}</Link>,
          },
          { title: m.at, key: 'at', width: 150, render: (_, s) => formatDateTime(s.at) },
          { title: m.counters, key: 'count', width: 90, align: 'right', render: (_, s) => m.times(s.count) },
        ]}
      />
    </Flex>
  );
}
