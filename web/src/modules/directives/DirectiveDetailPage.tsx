import { ArrowLeftOutlined, DeleteOutlined, PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { P } from '@dieuhanh/core/access/permissions';
import type { Directive, DirectiveItem, SpanView } from '@dieuhanh/core/api/directives';
import type { TaskListItem } from '@dieuhanh/core/api/tasks';
import {
  App,
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
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { fileUrl } from '../../api/client.ts';
import { directivesApi } from '../../api/directives.ts';
import { tasksApi } from '../../api/tasks.ts';
import { useCan } from '../../app/session.tsx';
import { LoadError } from '../../shared/components/LoadError.tsx';
import { PageHeader } from '../../shared/components/PageHeader.tsx';
import { useNotifyError } from '../../shared/errors.tsx';
import { useAsync } from '../../shared/hooks/useAsync.ts';
import { common } from '../../shared/i18n/common.ts';
import { formatDate, formatDateTime } from '../../shared/i18n/format.ts';
import { pick, useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { TaskStatusTag } from '../../shared/tasks/labels.tsx';
import { isDissolved } from '../../shared/units/tree.ts';
import { useUnits } from '../../shared/units/useUnits.ts';
import { AssignTasksDialog } from './AssignTasksDialog.tsx';
import {
  DIRECTIVE_STATUS_LABELS,
  DOCUMENT_TYPE_LABELS,
  directivesMessages,
  FREQUENCY_LABELS,
} from './messages.ts';
import { SourceText } from './SourceText.tsx';

function UnitTags({ ids }: { ids: string[] }) {
  const units = useUnits();
  const c = useMessages(common);
  if (ids.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex gap={4} wrap>
      {ids.map((id) => {
        const u = units.byId.get(id);
        const gone = u ? isDissolved(u, new Date().toISOString().slice(0, 10)) : false;
        return (
          <Tag
            key={id}
            color={gone ? 'default' : 'blue'}
            style={{ marginInlineEnd: 0 }}
            title={gone && u?.validTo ? c.unitDissolvedTip(formatDate(u.validTo)) : undefined}
          >
            {u?.name ?? id}
          </Tag>
        );
      })}
    </Flex>
  );
}

/** The tasks made from one item: a short table, five rows until asked for all. */
function ItemTasks({ tasks, available }: { tasks: TaskListItem[]; available: boolean }) {
  const m = useMessages(directivesMessages);
  const [all, setAll] = useState(false);
  if (!available)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {m.tasksUnavailable}
      </Typography.Text>
    );
  if (tasks.length === 0)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {m.noTasksOfItem}
      </Typography.Text>
    );
  const shown = all ? tasks : tasks.slice(0, 5);
  return (
    <div data-testid="directive-item-tasks" style={{ marginTop: 4 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {m.tasksOfItem} ({tasks.length})
      </Typography.Text>
      <div className="item-tasks">
        {shown.map((t) => (
          <div key={t.id} className="item-task">
            <Link to={`/tasks/${t.id}`} className="unit">
              {t.leadUnitName}
            </Link>
            <TaskStatusTag status={t.status} state={t.state} />
            <span className="due">{t.dueAt ? formatDateTime(t.dueAt) : ''}</span>
            <Progress percent={t.progress.percent} size="small" style={{ margin: 0 }} />
          </div>
        ))}
      </div>
      {tasks.length > 5 && (
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setAll(!all)}>
          {all ? m.showLess : m.showAllTasks(tasks.length)}
        </Button>
      )}
    </div>
  );
}

function ItemBlock({
  item,
  tasks,
  tasksAvailable,
  onHover,
  onAssign,
}: {
  item: DirectiveItem;
  tasks: TaskListItem[];
  tasksAvailable: boolean;
  onHover: (span: SpanView | null) => void;
  onAssign: (() => void) | null;
}) {
  const m = useMessages(directivesMessages);
  const { lang } = useI18n();
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: hovering only marks the item in the text beside it.
    <div
      data-testid={`directive-item-${item.ref}`}
      onMouseEnter={() => onHover(item.span)}
      onMouseLeave={() => onHover(null)}
      style={{ padding: '14px 0', borderBottom: '1px solid #f0f0f0' }}
    >
      <Flex gap={12} align="flex-start">
        <Tag color="geekblue" style={{ marginTop: 2, minWidth: 56, textAlign: 'center' }}>
          {m.item(item.ref)}
        </Tag>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Typography.Paragraph ellipsis={{ rows: 3, expandable: 'collapsible' }} style={{ marginBottom: 8 }}>
            {item.text}
          </Typography.Paragraph>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'lead', label: m.lead, children: <UnitTags ids={item.lead} /> },
              { key: 'support', label: m.support, children: <UnitTags ids={item.support} /> },
              {
                key: 'deadline',
                label: m.deadline,
                children: item.recurrence ? (
                  <span>
                    {pick(FREQUENCY_LABELS[item.recurrence.frequency], lang)}
                    {item.recurrence.dayOfMonth ? `, ${m.dayOfMonth(item.recurrence.dayOfMonth)}` : ''}
                  </span>
                ) : item.deadline ? (
                  formatDate(item.deadline)
                ) : (
                  <Typography.Text type="secondary">{m.noDeadline}</Typography.Text>
                ),
              },
            ]}
          />
          <ItemTasks tasks={tasks} available={tasksAvailable} />
          {onAssign && (
            <Button
              size="small"
              icon={<SendOutlined />}
              style={{ marginTop: 6 }}
              onClick={onAssign}
              data-testid={`directive-item-assign-${item.ref}`}
            >
              {m.assignRemaining}
            </Button>
          )}
        </div>
      </Flex>
    </div>
  );
}

export default function DirectiveDetailPage() {
  const { id = '' } = useParams();
  const m = useMessages(directivesMessages);
  const c = useMessages(common);
  const { lang } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const notifyError = useNotifyError();
  const units = useUnits();
  const directive = useAsync((signal) => directivesApi.get(id, signal), [id]);
  const tasks = useAsync(
    (signal) => tasksApi.list({ directiveId: id, scope: 'all', limit: 1000 }, signal),
    [id],
  );
  const [hover, setHover] = useState<SpanView | null>(null);
  const [assigning, setAssigning] = useState<DirectiveItem | null>(null);

  const byItem = useMemo(() => {
    const map = new Map<string, TaskListItem[]>();
    for (const t of tasks.data?.items ?? []) {
      if (!t.directiveItemId) continue;
      map.set(t.directiveItemId, [...(map.get(t.directiveItemId) ?? []), t]);
    }
    return map;
  }, [tasks.data]);

  if (directive.error?.status === 404) {
    return (
      <Result
        status="404"
        title={m.notFound}
        extra={<Button onClick={() => navigate('/directives')}>{m.backToList}</Button>}
      />
    );
  }
  if (directive.error) return <LoadError error={directive.error} onRetry={directive.reload} />;
  const d: Directive | undefined = directive.data;
  if (!d) return <Skeleton active paragraph={{ rows: 10 }} />;

  const remove = () =>
    modal.confirm({
      title: m.deleteDraft,
      content: m.deleteConfirm,
      okText: c.delete,
      okButtonProps: { danger: true },
      cancelText: c.cancel,
      onOk: async () => {
        try {
          await directivesApi.remove(d.id);
          message.success(m.deleted);
          navigate('/directives');
        } catch (error) {
          notifyError(error);
        }
      },
    });

  const typeLabel = pick(DOCUMENT_TYPE_LABELS[d.documentType], lang);
  return (
    <>
      <PageHeader
        title={
          <span data-testid="directive-title">
            {typeLabel} {d.number ? (lang === 'vi' ? `số ${d.number}` : `no. ${d.number}`) : m.noNumber}
          </span>
        }
        subtitle={d.subject}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/directives')}>
              {m.backToList}
            </Button>
            {can(P.directiveWrite) && d.status === 'draft' && (
              <Button danger icon={<DeleteOutlined />} onClick={remove}>
                {m.deleteDraft}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Card size="small" data-testid="directive-header">
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'number', label: m.number, children: d.number ?? '—' },
                  { key: 'type', label: m.type, children: typeLabel },
                  { key: 'date', label: m.issuedOn, children: formatDate(d.issuedOn) || '—' },
                  {
                    key: 'status',
                    label: m.status,
                    children: (
                      <Tag color={d.status === 'issued' ? 'green' : 'default'}>
                        {pick(DIRECTIVE_STATUS_LABELS[d.status], lang)}
                      </Tag>
                    ),
                  },
                  {
                    key: 'issuer',
                    label: m.issuer,
                    children: d.issuerName ?? (d.issuerUnitId ? units.byId.get(d.issuerUnitId)?.name : '—'),
                  },
                  {
                    key: 'signer',
                    label: m.signer,
                    children: d.signerName
                      ? `${d.signerTitle ? `${d.signerTitle} ` : ''}${d.signerName}`
                      : '—',
                  },
                  { key: 'place', label: m.place, children: d.place ?? '—' },
                  { key: 'created', label: m.createdAt, children: formatDateTime(d.createdAt) },
                  {
                    key: 'recipients',
                    label: m.recipients,
                    span: 'filled',
                    children:
                      d.recipients.length === 0 ? (
                        '—'
                      ) : (
                        <Flex gap={4} wrap>
                          {d.recipients.map((r) => (
                            <Tag key={r.name} style={{ marginInlineEnd: 0 }}>
                              {r.name}
                            </Tag>
                          ))}
                        </Flex>
                      ),
                  },
                ]}
              />
            </Card>
            <Card
              size="small"
              title={m.itemsTitle}
              extra={<Typography.Text type="secondary">{m.itemsCount(d.items.length)}</Typography.Text>}
              styles={{ body: { paddingTop: 0 } }}
              data-testid="directive-items"
            >
              {d.items.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              ) : (
                d.items.map((item) => (
                  <ItemBlock
                    key={item.id}
                    item={item}
                    tasks={byItem.get(item.id) ?? []}
                    tasksAvailable={!tasks.error}
                    onHover={setHover}
                    onAssign={can(P.taskAssign) && !tasks.error ? () => setAssigning(item) : null}
                  />
                ))
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16} style={{ position: 'sticky', top: 72 }}>
            <Card size="small" title={m.attachments} data-testid="directive-attachments">
              {d.attachments.length === 0 ? (
                <Typography.Text type="secondary">{m.noAttachments}</Typography.Text>
              ) : (
                <Flex vertical gap={6}>
                  {d.attachments.map((a) => (
                    <Space key={a.sha256}>
                      <PaperClipOutlined />
                      <a href={fileUrl(a.sha256)} target="_blank" rel="noreferrer">
                        {a.name}
                      </a>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {(a.size / 1024).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
                          maximumFractionDigits: 0,
                        })}{' '}
                        KB
                      </Typography.Text>
                    </Space>
                  ))}
                </Flex>
              )}
            </Card>
            {d.body && (
              <Card size="small" title={m.sourceText}>
                <SourceText
                  text={d.body}
                  active={hover ? [hover] : []}
                  faint={d.items.flatMap((i) => (i.span ? [i.span] : []))}
                  maxHeight="calc(100vh - 300px)"
                />
              </Card>
            )}
          </Flex>
        </Col>
      </Row>
      {assigning && (
        <AssignTasksDialog
          source={{ directiveId: d.id, itemId: assigning.id }}
          refLabel={assigning.ref}
          text={assigning.text}
          lead={assigning.lead}
          support={assigning.support}
          deadline={assigning.deadline}
          contentPrefix={m.taskContent(
            assigning.ref,
            m.docRef(typeLabel, d.number, d.issuedOn ? formatDate(d.issuedOn) : null, d.issuerName),
          )}
          onClose={() => setAssigning(null)}
          onDone={() => {
            setAssigning(null);
            tasks.reload();
          }}
        />
      )}
    </>
  );
}
