import {
  CheckOutlined,
  FileExcelOutlined,
  NotificationOutlined,
  PlayCircleOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { P } from '@dieuhanh/core/access/permissions';
import type { TaskBulkResult, TaskListItem, TaskListQuery } from '@dieuhanh/core/api/tasks';
import { TASK_STATUS_LABELS, TASK_STATUSES, type TaskStatusFilter } from '@dieuhanh/core/tasks/status';
import { TASK_PRIORITIES, type TaskPriority } from '@dieuhanh/core/tasks/types';
import type { TaskAction } from '@dieuhanh/core/tasks/workflow';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Input,
  Progress,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type Key, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { tasksApi } from '../../api/tasks.ts';
import { useCan } from '../../app/session.tsx';
import { LoadError } from '../../shared/components/LoadError.tsx';
import { PageHeader } from '../../shared/components/PageHeader.tsx';
import { useNotifyError } from '../../shared/errors.tsx';
import { useAsync } from '../../shared/hooks/useAsync.ts';
import { useDebounced } from '../../shared/hooks/useDebounced.ts';
import { common } from '../../shared/i18n/common.ts';
import { DATE_FORMAT, formatDateTime } from '../../shared/i18n/format.ts';
import { pick, useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import {
  actionLabelOf,
  formatLeft,
  PRIORITY_LABELS,
  PriorityTag,
  stateLabel,
  TaskStatusTag,
} from '../../shared/tasks/labels.tsx';
import { UnitTreeSelect } from '../../shared/units/UnitTreeSelect.tsx';
import { useUnits } from '../../shared/units/useUnits.ts';
import { tasksMessages } from './messages.ts';

const PAGE_SIZE = 20;

/** Due moment and working time left, coloured by urgency. */
export function DueCell({ task }: { task: TaskListItem }) {
  const m = useMessages(tasksMessages);
  const { lang } = useI18n();
  if (!task.dueAt) return <Typography.Text type="secondary">{m.noDue}</Typography.Text>;
  const color =
    task.leftMinutes === null
      ? undefined
      : task.leftMinutes < 0
        ? '#cf1322'
        : task.status === 'at_risk'
          ? '#d46b08'
          : undefined;
  return (
    <Flex vertical>
      <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(task.dueAt)}</span>
      {task.leftMinutes !== null && (
        <Typography.Text style={{ fontSize: 12, color: color ?? 'rgba(0,0,0,0.45)' }}>
          {formatLeft(task.leftMinutes, lang)}
        </Typography.Text>
      )}
      {task.pendingExtension && (
        <Tag color="purple" style={{ marginTop: 2, width: 'fit-content', fontSize: 11 }}>
          {m.pendingExtension}
        </Tag>
      )}
    </Flex>
  );
}

interface BulkDef {
  action: TaskAction;
  label: string;
  icon: React.ReactNode;
  states: string[];
}

export function TaskListView({
  scope,
  title,
  subtitle,
}: {
  scope: 'mine' | 'all';
  title: string;
  subtitle: string;
}) {
  const m = useMessages(tasksMessages);
  const c = useMessages(common);
  const { lang } = useI18n();
  const can = useCan();
  const { message, notification } = App.useApp();
  const notifyError = useNotifyError();
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const [text, setText] = useState(get('q') ?? '');
  const q = useDebounced(text.trim(), 300);
  const page = Number(get('page') ?? 1) || 1;
  const [selected, setSelected] = useState<Key[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [assigners, setAssigners] = useState<Map<string, string>>(new Map());

  const set = (patch: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  const query: TaskListQuery = {
    scope,
    ...(q ? { q } : {}),
    ...(get('status') ? { status: get('status') as TaskStatusFilter } : {}),
    ...(get('unit') ? { unitId: get('unit') } : {}),
    ...(get('unit') && get('leadOnly') === '1' ? { leadOnly: true } : {}),
    ...(get('assigner') ? { assignerId: get('assigner') } : {}),
    ...(get('priority') ? { priority: get('priority') as TaskPriority } : {}),
    ...(get('dueFrom') ? { dueFrom: get('dueFrom') } : {}),
    ...(get('dueTo') ? { dueTo: get('dueTo') } : {}),
    ...(get('directive') ? { directiveId: get('directive') } : {}),
  };
  const key = JSON.stringify(query);
  const list = useAsync(
    async (signal) => {
      const result = await tasksApi.list(
        { ...query, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
        signal,
      );
      setAssigners((prev) => {
        const next = new Map(prev);
        for (const t of result.items) next.set(t.assignerId, t.assignerName);
        return next.size === prev.size ? prev : next;
      });
      return result;
    },
    [key, page],
  );
  const filtering = Object.keys(query).length > 1;
  const rows = list.data?.items ?? [];
  const selectedRows = rows.filter((r) => selected.includes(r.id));

  const bulkDefs: BulkDef[] = [
    ...(can(P.taskWork)
      ? [
          { action: 'accept' as const, label: 'accept', icon: <CheckOutlined />, states: ['assigned'] },
          {
            action: 'start_work' as const,
            label: 'start_work',
            icon: <PlayCircleOutlined />,
            states: ['accepted'],
          },
        ]
      : []),
    ...(can(P.taskMonitor) || can(P.taskAssign)
      ? [
          {
            action: 'remind' as const,
            label: 'remind',
            icon: <NotificationOutlined />,
            states: ['assigned', 'accepted', 'in_progress'],
          },
          {
            action: 'confirm_done' as const,
            label: 'confirm_done',
            icon: <SafetyCertificateOutlined />,
            states: ['completion_submitted'],
          },
        ]
      : []),
  ];
  const actionLabel = (action: TaskAction) => pick(actionLabelOf(action), lang);

  const runBulk = async (def: BulkDef) => {
    const targets = selectedRows.filter((r) => def.states.includes(r.state));
    if (targets.length === 0) return;
    setBusy(def.action);
    try {
      const result: TaskBulkResult = await tasksApi.bulk({
        action: def.action,
        items: targets.map((t) => ({ id: t.id, version: t.version })),
      });
      if (result.succeeded > 0) message.success(m.bulkDone(result.succeeded, targets.length));
      const failed = result.results.filter((r) => !r.ok);
      if (failed.length > 0) {
        notification.warning({
          title: m.bulkFailedTitle(failed.length),
          description: (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {failed.map((f) => (
                <li key={f.id}>
                  <strong>{rows.find((r) => r.id === f.id)?.title.slice(0, 60) ?? f.id}</strong>:{' '}
                  {lang === 'vi' ? f.messageVi : f.messageEn}
                </li>
              ))}
            </ul>
          ),
          duration: 10,
        });
      }
      setSelected([]);
      list.reload();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };

  const exportList = async () => {
    setBusy('export');
    try {
      const name = await tasksApi.exportList(query);
      message.success(m.exportDone(name));
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };

  const statusOptions = useMemo(
    () => [
      { value: 'open', label: m.statusOpen },
      ...TASK_STATUSES.filter(
        (s) => s !== 'cancelled' && !s.startsWith('done') && s !== 'on_time' && s !== 'late',
      ).map((s) => ({ value: s, label: pick(TASK_STATUS_LABELS[s], lang) })),
      { value: 'done', label: m.statusDone },
      ...(['done_early', 'on_time', 'late', 'cancelled'] as const).map((s) => ({
        value: s,
        label: pick(TASK_STATUS_LABELS[s], lang),
      })),
    ],
    [m, lang],
  );

  const columns: TableColumnsType<TaskListItem> = [
    {
      title: m.task,
      key: 'title',
      render: (_, t) => (
        <Flex vertical gap={2}>
          <Link
            to={`/tasks/${t.id}`}
            data-testid="task-link"
            className="clamp-2"
            style={{ fontWeight: 500 }}
            title={t.title}
          >
            {t.title}
          </Link>
          <Space size={4} wrap>
            <PriorityTag priority={t.priority} />
            {t.sourceKind === 'directive_item' && t.directiveId && (
              <Link to={`/directives/${t.directiveId}`} style={{ fontSize: 12 }}>
                {m.fromDirective}
              </Link>
            )}
            {t.sourceKind === 'meeting_conclusion' && t.meetingId && (
              <Link to={`/meetings/${t.meetingId}`} style={{ fontSize: 12 }}>
                {m.fromMeeting}
              </Link>
            )}
            {t.period && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {m.period(t.period)}
              </Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              · {m.assigner}: {t.assignerName}
            </Typography.Text>
          </Space>
        </Flex>
      ),
    },
    {
      title: m.lead,
      key: 'lead',
      width: 220,
      render: (_, t) => (
        <Flex vertical>
          <span>{t.leadUnitName}</span>
          {t.supportUnitIds.length > 0 && (
            <Tooltip title={t.supportUnitIds.map((id) => units.byId.get(id)?.name ?? id).join('; ')}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {m.supportCount(t.supportUnitIds.length)}
              </Typography.Text>
            </Tooltip>
          )}
          {t.assigneeName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.assigneeName}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: m.due, key: 'due', width: 190, render: (_, t) => <DueCell task={t} /> },
    {
      title: m.status,
      key: 'status',
      width: 200,
      render: (_, t) => (
        <Flex vertical gap={2} align="flex-start">
          <TaskStatusTag status={t.status} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {pick(stateLabel(t.state), lang)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: m.progress,
      key: 'progress',
      width: 130,
      render: (_, t) => <Progress percent={t.progress.percent} size="small" />,
    },
  ];

  return (
    <>
      <PageHeader
        title={title}
        subtitle={subtitle}
        extra={
          <Button
            icon={<FileExcelOutlined />}
            loading={busy === 'export'}
            onClick={() => void exportList()}
            data-testid="tasks-export"
          >
            {c.exportExcel}
          </Button>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={8} wrap align="center" style={{ padding: 16, borderBottom: '1px solid #f0f0f0' }}>
          <Input.Search
            allowClear
            placeholder={m.searchPlaceholder}
            aria-label={m.searchPlaceholder}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              set({ q: e.target.value.trim() || null });
            }}
            style={{ flex: '1 1 280px', maxWidth: 380 }}
            data-testid="task-search"
          />
          <Select
            allowClear
            placeholder={m.allStatuses}
            value={get('status') ?? null}
            onChange={(v) => set({ status: v })}
            options={statusOptions}
            style={{ width: 230 }}
            aria-label={m.status}
            data-testid="task-status-filter"
          />
          <div style={{ width: 240 }}>
            <UnitTreeSelect
              tree={units.tree}
              value={get('unit') ?? null}
              onChange={(v) => set({ unit: v })}
              placeholder={m.unit}
              data-testid="task-unit-filter"
            />
          </div>
          {get('unit') && (
            <Checkbox
              checked={get('leadOnly') === '1'}
              onChange={(e) => set({ leadOnly: e.target.checked ? '1' : null })}
            >
              {m.leadOnly}
            </Checkbox>
          )}
          <Select
            allowClear
            placeholder={m.assigner}
            value={get('assigner') ?? null}
            onChange={(v) => set({ assigner: v })}
            options={[...assigners].map(([id, name]) => ({ value: id, label: name }))}
            style={{ width: 190 }}
            aria-label={m.assigner}
          />
          <DatePicker.RangePicker
            format={DATE_FORMAT}
            value={[get('dueFrom') ? dayjs(get('dueFrom')) : null, get('dueTo') ? dayjs(get('dueTo')) : null]}
            onChange={(v) =>
              set({
                dueFrom: v?.[0]?.format('YYYY-MM-DD') ?? null,
                dueTo: v?.[1]?.format('YYYY-MM-DD') ?? null,
              })
            }
            placeholder={[m.dueFrom, m.dueTo]}
            aria-label={m.dueRange}
            allowEmpty={[true, true]}
            style={{ width: 250 }}
          />
          <Select
            allowClear
            placeholder={m.priority}
            value={get('priority') ?? null}
            onChange={(v) => set({ priority: v })}
            options={TASK_PRIORITIES.map((p) => ({ value: p, label: pick(PRIORITY_LABELS[p], lang) }))}
            style={{ width: 130 }}
            aria-label={m.priority}
          />
          {filtering && (
            <Button
              type="link"
              onClick={() => {
                setText('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {m.clearFilters}
            </Button>
          )}
          <div style={{ flex: 1 }} />
          {list.data && <Typography.Text type="secondary">{c.total(list.data.total)}</Typography.Text>}
        </Flex>
        {selected.length > 0 && (
          <Flex
            gap={8}
            wrap
            align="center"
            style={{ padding: '10px 16px', background: '#e8f1fb', borderBottom: '1px solid #d6e4f5' }}
            data-testid="task-bulk-bar"
          >
            <Typography.Text strong>{m.selected(selected.length)}</Typography.Text>
            {bulkDefs.map((def) => {
              const n = selectedRows.filter((r) => def.states.includes(r.state)).length;
              return (
                <Button
                  key={def.action}
                  size="small"
                  icon={def.icon}
                  disabled={n === 0 || (busy !== null && busy !== def.action)}
                  loading={busy === def.action}
                  onClick={() => void runBulk(def)}
                  data-testid={`task-bulk-${def.action}`}
                >
                  {actionLabel(def.action)} ({n})
                </Button>
              );
            })}
            <Button size="small" type="link" onClick={() => setSelected([])}>
              {m.clearSelection}
            </Button>
          </Flex>
        )}
        {list.error ? (
          <div style={{ padding: 16 }}>
            <LoadError error={list.error} onRetry={list.reload} />
          </div>
        ) : (
          <Table<TaskListItem>
            rowKey="id"
            data-testid="tasks-table"
            columns={columns}
            dataSource={rows}
            loading={list.loading}
            rowSelection={
              bulkDefs.length > 0
                ? { selectedRowKeys: selected, onChange: setSelected, columnWidth: 40 }
                : undefined
            }
            rowClassName={(t) => (t.status === 'overdue' ? 'row-overdue' : '')}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (p) => {
                setSelected([]);
                set({ page: String(p) });
              },
              style: { paddingInline: 16 },
            }}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtering ? m.noMatch : m.noTasks} />
              ),
            }}
          />
        )}
      </Card>
    </>
  );
}
