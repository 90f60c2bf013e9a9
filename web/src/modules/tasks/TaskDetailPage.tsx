import {
  ArrowLeftOutlined,
  ClockCircleOutlined,
  FileTextOutlined,
  PaperClipOutlined,
} from '@ant-design/icons';
import type { TaskDetail } from '@dieuhanh/core/api/tasks';
import type { TaskAction } from '@dieuhanh/core/tasks/workflow';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Progress,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { fileUrl } from '../../api/client.ts';
import { directivesApi } from '../../api/directives.ts';
import { type TaskActionView, tasksApi } from '../../api/tasks.ts';
import { LoadError } from '../../shared/components/LoadError.tsx';
import { PageHeader } from '../../shared/components/PageHeader.tsx';
import { useAsync } from '../../shared/hooks/useAsync.ts';
import { formatDate, formatDateTime } from '../../shared/i18n/format.ts';
import { pick, useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import {
  actionLabelOf,
  formatLeft,
  PriorityTag,
  stateLabel,
  TaskStatusTag,
} from '../../shared/tasks/labels.tsx';
import { useUnits } from '../../shared/units/useUnits.ts';
import { DOCUMENT_TYPE_LABELS } from '../directives/messages.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { tasksMessages } from './messages.ts';

const PRIMARY: TaskAction[] = [
  'accept',
  'start_work',
  'report_progress',
  'submit_completion',
  'confirm_done',
  'approve_extension',
];
const DANGER: TaskAction[] = ['return', 'cancel', 'send_back', 'refuse_extension'];

function weekday(instant: string, lang: 'vi' | 'en'): string {
  const d = new Date(instant);
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    weekday: 'long',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(d);
}

function FileLinks({ files }: { files: { sha256: string; name: string | null }[] }) {
  return (
    <Flex vertical gap={4}>
      {files.map((f) => (
        <Space key={f.sha256} size={6}>
          <PaperClipOutlined />
          <a href={fileUrl(f.sha256)} target="_blank" rel="noreferrer">
            {f.name ?? f.sha256.slice(0, 12)}
          </a>
        </Space>
      ))}
    </Flex>
  );
}

/**
 * What an event carried, as the server records it per action (server/src/modules/tasks/service.ts):
 * a progress figure and text, a requested or granted deadline, a result, a move between units,
 * and the hashes of the files attached (named from the task's files where known).
 */
function PayloadLines({
  action,
  payload,
  names,
}: {
  action: string;
  payload: Record<string, unknown>;
  names: Map<string, string | null>;
}) {
  const m = useMessages(tasksMessages);
  const units = useUnits();
  const str = (k: string) => (typeof payload[k] === 'string' ? (payload[k] as string) : null);
  const lines: string[] = [];
  if (action === 'report_progress' && typeof payload.percent === 'number')
    lines.push(`${m.percent}: ${payload.percent}%${str('text') ? ` — ${str('text')}` : ''}`);
  else if (action === 'submit_completion' && str('text')) lines.push(`${m.resultText}: ${str('text')}`);
  if ((action === 'request_extension' || action === 'approve_extension') && str('dueAt'))
    lines.push(
      `${m.newDue}: ${formatDateTime(str('dueAt'))}${str('previousDueAt') ? ` (${m.dueMoment.toLowerCase()} ${formatDateTime(str('previousDueAt'))})` : ''}`,
    );
  if (action === 'refuse_extension' && str('requestedDueAt'))
    lines.push(`${m.newDue}: ${formatDateTime(str('requestedDueAt'))}`);
  if (action === 'reassign' && str('leadUnitId'))
    lines.push(
      `${units.byId.get(str('fromUnitId') ?? '')?.name ?? str('fromUnitId') ?? ''} → ${units.byId.get(str('leadUnitId') ?? '')?.name ?? str('leadUnitId')}`,
    );
  const files = Array.isArray(payload.files)
    ? payload.files.flatMap((f) =>
        typeof f === 'string'
          ? [{ sha256: f, name: names.get(f) ?? null }]
          : f && typeof f === 'object' && typeof (f as { sha256?: unknown }).sha256 === 'string'
            ? [
                {
                  sha256: (f as { sha256: string }).sha256,
                  name: (f as { name?: string | null }).name ?? null,
                },
              ]
            : [],
      )
    : [];
  return (
    <>
      {lines.map((l) => (
        <div key={l} style={{ whiteSpace: 'pre-wrap' }}>
          {l}
        </div>
      ))}
      {files.length > 0 && (
        <FileLinks files={files.map((f, i) => ({ ...f, name: f.name ?? m.fileN(i + 1) }))} />
      )}
    </>
  );
}

export default function TaskDetailPage() {
  const { id = '' } = useParams();
  const m = useMessages(tasksMessages);
  const { lang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  // Opened from a link inside the app: go back; opened directly (a notification, a bookmark): the list.
  const back = () => (location.key === 'default' ? navigate('/tasks/unit') : navigate(-1));
  const loaded = useAsync((signal) => tasksApi.get(id, signal), [id]);
  const [task, setTask] = useState<TaskDetail | undefined>();
  const [dialog, setDialog] = useState<TaskActionView | null>(null);
  useEffect(() => setTask(loaded.data), [loaded.data]);
  const directiveId = loaded.data?.directiveId ?? null;
  const directive = useAsync(
    (signal) => (directiveId ? directivesApi.get(directiveId, signal) : Promise.resolve(undefined)),
    [directiveId],
  );

  if (loaded.error?.status === 404) {
    return <Result status="404" title={m.notFound} extra={<Button onClick={back}>{m.back}</Button>} />;
  }
  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!task) return <Skeleton active paragraph={{ rows: 12 }} />;

  const clock = task.clock;
  const fileNames = new Map<string, string | null>(
    [...task.attachments, ...(task.result?.files ?? [])].map((f) => [f.sha256, f.name]),
  );
  const d = directive.data;
  const itemRef = d?.items.find((i) => i.id === task.directiveItemId)?.ref;
  const sourceLabel = d
    ? m.sourceLine(
        pick(DOCUMENT_TYPE_LABELS[d.documentType], lang),
        d.number ?? '',
        d.issuedOn ? formatDate(d.issuedOn) : '',
        itemRef ?? null,
      )
    : null;
  const actions = task.actions;
  const left =
    task.leftMinutes !== null ? (
      <Typography.Text
        strong
        type={task.leftMinutes < 0 ? 'danger' : task.status === 'at_risk' ? 'warning' : undefined}
        data-testid="task-left"
      >
        {formatLeft(task.leftMinutes, lang)}
      </Typography.Text>
    ) : task.stoppedAt ? (
      formatDateTime(task.stoppedAt)
    ) : (
      '—'
    );

  return (
    <>
      <PageHeader
        title={
          <span
            data-testid="task-title"
            style={task.title.length > 90 ? { fontSize: 20, lineHeight: 1.4 } : undefined}
          >
            {task.title}
          </span>
        }
        subtitle={
          <Space size={8} wrap>
            <TaskStatusTag status={task.status} />
            <Tag>{pick(stateLabel(task.state), lang)}</Tag>
            <PriorityTag priority={task.priority} />
            {task.directiveId && (
              <Link to={`/directives/${task.directiveId}`} data-testid="task-source">
                <FileTextOutlined /> {sourceLabel ?? m.directiveLink}
              </Link>
            )}
            {task.meetingId && <Link to={`/meetings/${task.meetingId}`}>{m.meetingLink}</Link>}
          </Space>
        }
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            {m.back}
          </Button>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            {(actions.length > 0 || (task.state !== 'done' && task.state !== 'cancelled')) && (
              <Card size="small" title={m.actions} data-testid="task-actions">
                {actions.length === 0 ? (
                  <Typography.Text type="secondary">{m.noActions}</Typography.Text>
                ) : (
                  <Flex gap={8} wrap>
                    {actions.map((a) => {
                      const label = pick(actionLabelOf(a.name), lang);
                      const button = (
                        <Button
                          key={a.name}
                          type={PRIMARY.includes(a.name) ? 'primary' : 'default'}
                          danger={DANGER.includes(a.name)}
                          disabled={a.blocked !== null}
                          onClick={() => setDialog(a)}
                          data-testid={`task-action-${a.name}`}
                        >
                          {label}
                        </Button>
                      );
                      return a.blocked ? (
                        <Tooltip
                          key={a.name}
                          title={lang === 'vi' ? a.blocked.messageVi : a.blocked.messageEn}
                        >
                          <span>{button}</span>
                        </Tooltip>
                      ) : (
                        button
                      );
                    })}
                  </Flex>
                )}
                {task.pendingExtension && (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginTop: 12 }}
                    title={m.extensionRequest(formatDateTime(task.pendingExtension.dueAt))}
                    description={m.extensionBy(task.pendingExtension.reason)}
                    data-testid="task-pending-extension"
                  />
                )}
                {task.state === 'completion_submitted' && (
                  <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
                    {m.pausedNote}
                  </Typography.Text>
                )}
              </Card>
            )}
            <Card size="small" data-testid="task-info">
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'lead', label: m.lead, children: <strong>{task.leadUnitName}</strong> },
                  {
                    key: 'support',
                    label: m.support,
                    children:
                      task.supportUnits.length > 0 ? task.supportUnits.map((u) => u.name).join('; ') : '—',
                  },
                  { key: 'assigner', label: m.assignedBy, children: task.assignerName },
                  { key: 'assignedAt', label: m.assignedAt, children: formatDateTime(task.assignedAt) },
                  { key: 'assignee', label: m.assignee, children: task.assigneeName ?? m.noAssignee },
                  {
                    key: 'due',
                    label: m.dueMoment,
                    children: task.dueAt ? (
                      <span data-testid="task-due">
                        <ClockCircleOutlined /> {weekday(task.dueAt, lang)}, {formatDateTime(task.dueAt)}
                      </span>
                    ) : (
                      m.noDue
                    ),
                  },
                  {
                    key: 'left',
                    label: task.leftMinutes !== null ? m.timeLeft : m.stoppedAt,
                    children: left,
                  },
                  {
                    key: 'progress',
                    label: m.progress,
                    children: (
                      <Flex vertical style={{ width: '100%' }}>
                        <div data-testid="task-progress" data-percent={task.progress.percent}>
                          <Progress percent={task.progress.percent} size="small" />
                        </div>
                        {task.progress.text && (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {task.progress.text}
                            {task.progress.at ? ` · ${m.progressAt(formatDateTime(task.progress.at))}` : ''}
                          </Typography.Text>
                        )}
                      </Flex>
                    ),
                  },
                ]}
              />
            </Card>
            <Card size="small" title={m.content}>
              <Typography.Paragraph
                style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
                data-testid="task-content"
              >
                {task.content || task.title}
              </Typography.Paragraph>
              {task.attachments.length > 0 && (
                <>
                  <Typography.Text type="secondary" style={{ display: 'block', margin: '12px 0 4px' }}>
                    {m.attachments}
                  </Typography.Text>
                  <FileLinks files={task.attachments} />
                </>
              )}
            </Card>
            {task.result && (
              <Card size="small" title={m.result} data-testid="task-result">
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                  {task.result.text}
                </Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(task.result.at)}
                </Typography.Text>
                {task.result.files.length > 0 && (
                  <>
                    <Typography.Text type="secondary" style={{ display: 'block', margin: '12px 0 4px' }}>
                      {m.resultFiles}
                    </Typography.Text>
                    <FileLinks files={task.result.files} />
                  </>
                )}
              </Card>
            )}
            {clock && clock.extensions.length > 0 && (
              <Card size="small" title={m.extensions}>
                <Flex vertical gap={6}>
                  {clock.extensions.map((e) => (
                    <div key={e.at}>
                      <strong>
                        {m.extensionLine(
                          formatDateTime(e.previousDueAt),
                          e.dueAt ? formatDateTime(e.dueAt) : '—',
                        )}
                      </strong>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {' '}
                        · {formatDateTime(e.at)} · {e.reason}
                      </Typography.Text>
                    </div>
                  ))}
                </Flex>
              </Card>
            )}
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={m.timeline} data-testid="task-timeline">
            {task.timeline.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noTimeline} />
            ) : (
              <Timeline
                items={[...task.timeline]
                  .sort((a, b) => b.seq - a.seq)
                  .map((e) => ({
                    key: e.seq,
                    color: DANGER.includes(e.action as TaskAction)
                      ? 'red'
                      : e.action === 'confirm_done'
                        ? 'green'
                        : e.action === 'overdue' || e.action === 'escalated'
                          ? 'orange'
                          : 'blue',
                    content: (
                      <div data-testid="timeline-entry" data-action={e.action}>
                        <div style={{ fontWeight: 600 }}>{lang === 'vi' ? e.labelVi : e.labelEn}</div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatDateTime(e.at)} · {e.actorName ?? m.system}
                          {e.fromState && e.fromState !== e.toState
                            ? ` · ${pick(stateLabel(e.fromState), lang)} → ${pick(stateLabel(e.toState), lang)}`
                            : ''}
                        </Typography.Text>
                        {e.reason && (
                          <div style={{ marginTop: 2, whiteSpace: 'pre-wrap' }}>
                            {m.reason}: {e.reason}
                          </div>
                        )}
                        <PayloadLines action={e.action} payload={e.payload} names={fileNames} />
                      </div>
                    ),
                  }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      {dialog && (
        <ActionDialog
          task={task}
          action={dialog}
          onClose={() => setDialog(null)}
          onDone={(updated) => {
            setDialog(null);
            setTask(updated);
          }}
          onStale={() => {
            setDialog(null);
            loaded.reload();
          }}
        />
      )}
    </>
  );
}
