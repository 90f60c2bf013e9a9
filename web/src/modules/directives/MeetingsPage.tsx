import {
  ArrowLeftOutlined,
  DeleteOutlined,
  EditOutlined,
  FileExcelOutlined,
  PlusOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { P } from '@dieuhanh/core/access/permissions';
import type { Attendance, Meeting, MeetingCreate, MeetingSummary } from '@dieuhanh/core/api/directives';
import type { TaskListItem } from '@dieuhanh/core/api/tasks';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Divider,
  Empty,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Select,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { toApiError } from '../../api/client.ts';
import { meetingsApi } from '../../api/directives.ts';
import { tasksApi } from '../../api/tasks.ts';
import { NotFound } from '../../app/router.tsx';
import { useCan } from '../../app/session.tsx';
import { LoadError } from '../../shared/components/LoadError.tsx';
import { PageHeader } from '../../shared/components/PageHeader.tsx';
import { downloadCsv } from '../../shared/csv.ts';
import { applyPathErrors, useNotifyError } from '../../shared/errors.tsx';
import { useAsync } from '../../shared/hooks/useAsync.ts';
import { useDebounced } from '../../shared/hooks/useDebounced.ts';
import { common } from '../../shared/i18n/common.ts';
import {
  DATE_FORMAT,
  DATE_TIME_FORMAT,
  formatDate,
  formatDateTime,
  todayInVietnam,
} from '../../shared/i18n/format.ts';
import { useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { TaskStatusTag } from '../../shared/tasks/labels.tsx';
import { UnitTreeMultiSelect } from '../../shared/units/UnitTreeMultiSelect.tsx';
import { UnitTreeSelect } from '../../shared/units/UnitTreeSelect.tsx';
import { useUnits } from '../../shared/units/useUnits.ts';
import { AssignTasksDialog } from './AssignTasksDialog.tsx';
import { directivesMessages } from './messages.ts';

const PAGE_SIZE = 20;
const ATTENDANCE_COLORS: Record<Attendance, string> = { present: 'green', delegated: 'gold', absent: 'red' };

function useAttendanceLabels(): Record<Attendance, string> {
  const m = useMessages(directivesMessages);
  return { present: m.present, delegated: m.delegated, absent: m.absent };
}

function MeetingList() {
  const m = useMessages(directivesMessages);
  const c = useMessages(common);
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const q = useDebounced(text.trim(), 300);
  const page = Number(params.get('page') ?? 1) || 1;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const query = { ...(q ? { q } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const list = useAsync(
    (signal) => meetingsApi.list({ ...query, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
    [q, from, to, page],
  );
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  const exportList = async () => {
    try {
      const all = await meetingsApi.list({ ...query, limit: 1000 });
      const name = `Danh sach cuoc hop ${todayInVietnam()}.csv`;
      downloadCsv(
        name,
        [m.heldAt, m.meetingTitle, m.chair, m.location, m.conclusions],
        all.items.map((x) => [formatDateTime(x.heldAt), x.title, x.chairName, x.location, x.conclusionCount]),
      );
      message.success(c.exported(name));
    } catch (error) {
      notifyError(error);
    }
  };

  const columns: TableColumnsType<MeetingSummary> = [
    { title: m.heldAt, key: 'heldAt', width: 170, render: (_, x) => formatDateTime(x.heldAt) },
    {
      title: m.meetingTitle,
      key: 'title',
      render: (_, x) => (
        <Link to={`/meetings/${x.id}`} data-testid="meeting-link">
          {x.title}
        </Link>
      ),
    },
    { title: m.chair, key: 'chair', width: 220, render: (_, x) => x.chairName },
    { title: m.location, key: 'location', width: 220, render: (_, x) => x.location ?? '—' },
    {
      title: m.conclusions,
      key: 'conclusions',
      width: 130,
      align: 'right',
      render: (_, x) => m.conclusionsCount(x.conclusionCount),
    },
  ];

  return (
    <>
      <PageHeader
        title={m.meetingsTitle}
        subtitle={m.meetingsSubtitle}
        extra={
          <>
            <Button icon={<FileExcelOutlined />} onClick={() => void exportList()}>
              {c.exportExcel}
            </Button>
            {can(P.directiveWrite) && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate('/meetings/new')}
                data-testid="meeting-new"
              >
                {m.newMeeting}
              </Button>
            )}
          </>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={8} wrap align="center" style={{ padding: 16, borderBottom: '1px solid #f0f0f0' }}>
          <Input.Search
            allowClear
            placeholder={m.meetingSearch}
            aria-label={m.meetingSearch}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              set({ q: e.target.value.trim() || null });
            }}
            style={{ flex: '1 1 320px', maxWidth: 460 }}
          />
          <DatePicker.RangePicker
            format={DATE_FORMAT}
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            onChange={(v) =>
              set({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })
            }
            allowEmpty={[true, true]}
          />
          <div style={{ flex: 1 }} />
          {list.data && <Typography.Text type="secondary">{c.total(list.data.total)}</Typography.Text>}
        </Flex>
        {list.error ? (
          <div style={{ padding: 16 }}>
            <LoadError error={list.error} onRetry={list.reload} />
          </div>
        ) : (
          <Table<MeetingSummary>
            rowKey="id"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (p) => set({ page: String(p) }),
              style: { paddingInline: 16 },
            }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noMeetings} /> }}
          />
        )}
      </Card>
    </>
  );
}

interface AttendeeValues {
  unitId: string | null;
  personName?: string;
  attendance: Attendance;
  delegateName?: string;
  absenceReason?: string;
}
interface ConclusionValues {
  id?: string;
  ref: string;
  text: string;
  lead: string[];
  support: string[];
  deadline: Dayjs | null;
}
interface MeetingValues {
  title: string;
  chairName: string;
  heldAt: Dayjs | null;
  location?: string;
  attendees: AttendeeValues[];
  conclusions: ConclusionValues[];
}

const clean = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

function MeetingForm({ meeting }: { meeting?: Meeting }) {
  const m = useMessages(directivesMessages);
  const c = useMessages(common);
  const { lang } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const units = useUnits();
  const labels = useAttendanceLabels();
  const [form] = Form.useForm<MeetingValues>();
  const [saving, setSaving] = useState(false);
  const attendees = (Form.useWatch('attendees', form) as AttendeeValues[] | undefined) ?? [];

  const initial: MeetingValues = meeting
    ? {
        title: meeting.title,
        chairName: meeting.chairName,
        heldAt: dayjs(meeting.heldAt),
        location: meeting.location ?? '',
        attendees: meeting.attendees.map((a) => ({
          unitId: a.unitId,
          personName: a.personName ?? '',
          attendance: a.attendance,
          delegateName: a.delegateName ?? '',
          absenceReason: a.absenceReason ?? '',
        })),
        conclusions: meeting.conclusions.map((x) => ({
          id: x.id,
          ref: x.ref,
          text: x.text,
          lead: x.lead,
          support: x.support,
          deadline: x.deadline ? dayjs(x.deadline) : null,
        })),
      }
    : { title: '', chairName: '', heldAt: dayjs().minute(0), location: '', attendees: [], conclusions: [] };

  const submit = async (values: MeetingValues) => {
    setSaving(true);
    const body: Omit<MeetingCreate, 'title' | 'chairName' | 'heldAt'> & {
      title: string;
      chairName: string;
      heldAt: string;
    } = {
      title: values.title.trim(),
      chairName: values.chairName.trim(),
      heldAt: `${values.heldAt!.format('YYYY-MM-DDTHH:mm')}:00+07:00`,
      location: clean(values.location),
      attendees: values.attendees.map((a) => ({
        unitId: a.unitId ?? null,
        personName: clean(a.personName),
        attendance: a.attendance,
        delegateName: a.attendance === 'delegated' ? clean(a.delegateName) : null,
        absenceReason: a.attendance === 'absent' ? clean(a.absenceReason) : null,
      })),
      conclusions: values.conclusions.map((x) => ({
        ...(x.id ? { id: x.id } : {}),
        ref: x.ref.trim(),
        text: x.text.trim(),
        lead: x.lead ?? [],
        support: (x.support ?? []).filter((id) => !(x.lead ?? []).includes(id)),
        deadline: x.deadline ? x.deadline.format('YYYY-MM-DD') : null,
      })),
    };
    try {
      const saved = meeting
        ? await meetingsApi.update(meeting.id, { version: meeting.version, ...body })
        : await meetingsApi.create(body);
      message.success(meeting ? m.meetingSaved : m.meetingCreated);
      navigate(`/meetings/${saved.id}`);
    } catch (error) {
      const apiError = toApiError(error);
      const rest = applyPathErrors(form, apiError, lang, [
        'title',
        'chairName',
        'heldAt',
        'location',
        'attendees',
        'conclusions',
      ]);
      if (rest.length > 0 || apiError.fields.length === 0) notifyError(apiError, { fields: rest });
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader
        title={meeting ? m.editMeeting : m.newMeeting}
        extra={
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate(meeting ? `/meetings/${meeting.id}` : '/meetings')}
          >
            {c.cancel}
          </Button>
        }
      />
      <Form<MeetingValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        data-testid="meeting-form"
      >
        <Flex vertical gap={16}>
          <Card size="small">
            <Row gutter={12}>
              <Col xs={24} lg={16}>
                <Form.Item
                  name="title"
                  label={m.meetingTitle}
                  rules={[{ required: true, whitespace: true, message: c.required }]}
                >
                  <Input data-testid="meeting-title" />
                </Form.Item>
              </Col>
              <Col xs={24} lg={8}>
                <Form.Item
                  name="heldAt"
                  label={m.heldAt}
                  rules={[{ required: true, message: c.requiredSelect }]}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm', minuteStep: 5 }}
                    format={DATE_TIME_FORMAT}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} lg={12}>
                <Form.Item
                  name="chairName"
                  label={m.chair}
                  rules={[{ required: true, whitespace: true, message: c.required }]}
                >
                  <Input data-testid="meeting-chair" placeholder="Phó Chủ tịch UBND tỉnh …" />
                </Form.Item>
              </Col>
              <Col xs={24} lg={12}>
                <Form.Item name="location" label={m.location}>
                  <Input />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card size="small" title={m.attendees}>
            <Form.List name="attendees">
              {(fields, { add, remove }) => (
                <Flex vertical gap={4}>
                  {fields.map((field) => {
                    const attendance = attendees[field.name]?.attendance;
                    return (
                      <Row key={field.key} gutter={8} align="top">
                        <Col xs={24} md={7}>
                          <Form.Item name={[field.name, 'unitId']} style={{ marginBottom: 8 }}>
                            <UnitTreeSelect
                              tree={units.tree}
                              hideDissolved
                              placeholder={m.attendeeUnit}
                              data-testid={`attendee-unit-${field.name}`}
                            />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={5}>
                          <Form.Item name={[field.name, 'personName']} style={{ marginBottom: 8 }}>
                            <Input placeholder={m.attendeePerson} />
                          </Form.Item>
                        </Col>
                        <Col xs={12} md={4}>
                          <Form.Item name={[field.name, 'attendance']} style={{ marginBottom: 8 }}>
                            <Select
                              data-testid={`attendee-attendance-${field.name}`}
                              options={(['present', 'delegated', 'absent'] as const).map((a) => ({
                                value: a,
                                label: labels[a],
                              }))}
                            />
                          </Form.Item>
                        </Col>
                        <Col xs={10} md={7}>
                          {attendance === 'delegated' && (
                            <Form.Item
                              name={[field.name, 'delegateName']}
                              style={{ marginBottom: 8 }}
                              rules={[{ required: true, whitespace: true, message: m.delegateRequired }]}
                            >
                              <Input placeholder={m.delegateName} />
                            </Form.Item>
                          )}
                          {attendance === 'absent' && (
                            <Form.Item
                              name={[field.name, 'absenceReason']}
                              style={{ marginBottom: 8 }}
                              rules={[{ required: true, whitespace: true, message: m.absenceReasonRequired }]}
                            >
                              <Input
                                placeholder={m.absenceReason}
                                data-testid={`attendee-reason-${field.name}`}
                              />
                            </Form.Item>
                          )}
                        </Col>
                        <Col xs={2} md={1}>
                          <Button
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            onClick={() => remove(field.name)}
                            aria-label={c.delete}
                          />
                        </Col>
                      </Row>
                    );
                  })}
                  <div>
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => add({ unitId: null, attendance: 'present' })}
                    >
                      {m.addAttendee}
                    </Button>
                  </div>
                </Flex>
              )}
            </Form.List>
          </Card>
          <Card size="small" title={m.conclusions}>
            <Form.List name="conclusions">
              {(fields, { add, remove }) => (
                <Flex vertical gap={12}>
                  {fields.map((field, index) => (
                    <Card
                      key={field.key}
                      size="small"
                      type="inner"
                      title={
                        <Form.Item
                          name={[field.name, 'ref']}
                          noStyle
                          rules={[{ required: true, whitespace: true, message: c.required }]}
                        >
                          <Input prefix={m.item('').trim()} size="small" style={{ width: 110 }} />
                        </Form.Item>
                      }
                      extra={
                        <Button
                          type="text"
                          danger
                          size="small"
                          icon={<DeleteOutlined />}
                          onClick={() => remove(field.name)}
                        />
                      }
                    >
                      <Form.Item
                        name={[field.name, 'text']}
                        label={m.conclusionText}
                        rules={[{ required: true, whitespace: true, message: c.required }]}
                      >
                        <Input.TextArea
                          autoSize={{ minRows: 2, maxRows: 8 }}
                          data-testid={`conclusion-text-${index}`}
                        />
                      </Form.Item>
                      <Row gutter={12}>
                        <Col xs={24} md={10}>
                          <Form.Item name={[field.name, 'lead']} label={m.lead}>
                            <UnitTreeMultiSelect
                              tree={units.tree}
                              byId={units.byId}
                              maxTags={4}
                              data-testid={`conclusion-lead-${index}`}
                            />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={9}>
                          <Form.Item name={[field.name, 'support']} label={m.support}>
                            <UnitTreeMultiSelect tree={units.tree} byId={units.byId} maxTags={4} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={5}>
                          <Form.Item name={[field.name, 'deadline']} label={m.deadline}>
                            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                      </Row>
                    </Card>
                  ))}
                  <div>
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() =>
                        add({
                          ref: String(fields.length + 1),
                          text: '',
                          lead: [],
                          support: [],
                          deadline: null,
                        })
                      }
                    >
                      {m.addConclusion}
                    </Button>
                  </div>
                </Flex>
              )}
            </Form.List>
          </Card>
          <Flex justify="flex-end" gap={8}>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="meeting-save">
              {c.save}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </>
  );
}

function MeetingDetail() {
  const { id = '' } = useParams();
  const m = useMessages(directivesMessages);
  const can = useCan();
  const navigate = useNavigate();
  const units = useUnits();
  const labels = useAttendanceLabels();
  const meeting = useAsync((signal) => meetingsApi.get(id, signal), [id]);
  const tasks = useAsync(
    (signal) => tasksApi.list({ meetingId: id, scope: 'all', limit: 1000 }, signal),
    [id],
  );
  const [assigning, setAssigning] = useState<Meeting['conclusions'][number] | null>(null);
  const byConclusion = useMemo(() => {
    const map = new Map<string, TaskListItem[]>();
    for (const t of tasks.data?.items ?? [])
      if (t.conclusionId) map.set(t.conclusionId, [...(map.get(t.conclusionId) ?? []), t]);
    return map;
  }, [tasks.data]);

  if (meeting.error?.status === 404)
    return (
      <Result
        status="404"
        title={m.meetingNotFound}
        extra={<Button onClick={() => navigate('/meetings')}>{m.meetingsTitle}</Button>}
      />
    );
  if (meeting.error) return <LoadError error={meeting.error} onRetry={meeting.reload} />;
  const x = meeting.data;
  if (!x) return <Skeleton active paragraph={{ rows: 10 }} />;
  const canWrite = can(P.directiveWrite);
  const canAssign = can(P.taskAssign);
  const unitName = (uid: string | null) => (uid ? (units.byId.get(uid)?.name ?? uid) : '');

  return (
    <>
      <PageHeader
        title={x.title}
        subtitle={`${formatDateTime(x.heldAt)}${x.location ? ` · ${x.location}` : ''}`}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/meetings')}>
              {m.meetingsTitle}
            </Button>
            {canWrite && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/meetings/${x.id}/edit`)}>
                {m.editMeeting}
              </Button>
            )}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'chair', label: m.chair, children: x.chairName },
              { key: 'at', label: m.heldAt, children: formatDateTime(x.heldAt) },
              { key: 'loc', label: m.location, children: x.location ?? '—' },
            ]}
          />
        </Card>
        <Card size="small" title={`${m.attendees} (${x.attendees.length})`}>
          <Table
            size="small"
            rowKey={(a) => `${a.unitId ?? ''}:${a.personName ?? ''}`}
            pagination={false}
            dataSource={x.attendees}
            columns={[
              { title: m.attendeeUnit, key: 'unit', render: (_, a) => unitName(a.unitId) || '—' },
              { title: m.attendeePerson, key: 'person', render: (_, a) => a.personName ?? '—' },
              {
                title: m.attendance,
                key: 'attendance',
                render: (_, a) => <Tag color={ATTENDANCE_COLORS[a.attendance]}>{labels[a.attendance]}</Tag>,
              },
              {
                title: '',
                key: 'note',
                render: (_, a) =>
                  a.attendance === 'delegated'
                    ? `${m.delegateName}: ${a.delegateName ?? ''}`
                    : a.attendance === 'absent'
                      ? `${m.absenceReason}: ${a.absenceReason ?? ''}`
                      : '',
              },
            ]}
          />
        </Card>
        <Card size="small" title={`${m.conclusions} (${x.conclusions.length})`}>
          {x.conclusions.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          {x.conclusions.map((k, i) => {
            const made = byConclusion.get(k.id) ?? [];
            return (
              <div key={k.id}>
                {i > 0 && <Divider style={{ margin: '12px 0' }} />}
                <Flex gap={12} align="flex-start">
                  <Tag color="geekblue">{m.item(k.ref)}</Tag>
                  <div style={{ flex: 1 }}>
                    <Typography.Paragraph style={{ marginBottom: 6 }}>{k.text}</Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {m.lead}: {k.lead.map(unitName).join('; ') || '—'}
                      {k.support.length > 0 ? ` · ${m.support}: ${k.support.map(unitName).join('; ')}` : ''}
                      {k.deadline ? ` · ${m.deadline}: ${formatDate(k.deadline)}` : ''}
                    </Typography.Text>
                    {made.length > 0 && (
                      <Flex
                        vertical
                        gap={4}
                        style={{ marginTop: 6 }}
                        data-testid={`conclusion-tasks-${k.ref}`}
                      >
                        {made.map((t) => (
                          <Flex key={t.id} gap={8} align="center">
                            <TaskStatusTag status={t.status} state={t.state} />
                            <Link to={`/tasks/${t.id}`}>{t.leadUnitName}</Link>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {t.dueAt ? formatDateTime(t.dueAt) : ''}
                            </Typography.Text>
                          </Flex>
                        ))}
                      </Flex>
                    )}
                  </div>
                  {canAssign && (
                    <Button
                      icon={<SendOutlined />}
                      onClick={() => setAssigning(k)}
                      data-testid={`conclusion-assign-${k.ref}`}
                    >
                      {m.createTasks}
                    </Button>
                  )}
                </Flex>
              </div>
            );
          })}
        </Card>
      </Flex>
      {assigning && (
        <AssignTasksDialog
          source={{ meetingId: x.id, conclusionId: assigning.id }}
          refLabel={assigning.ref}
          text={assigning.text}
          lead={assigning.lead}
          support={assigning.support}
          deadline={assigning.deadline}
          contentPrefix={m.taskContent(
            assigning.ref,
            `${m.conclusions.toLowerCase()} ${x.title} (${formatDateTime(x.heldAt)})`,
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

function MeetingEdit() {
  const { id = '' } = useParams();
  const meeting = useAsync((signal) => meetingsApi.get(id, signal), [id]);
  if (meeting.error) return <LoadError error={meeting.error} onRetry={meeting.reload} />;
  if (!meeting.data) return <Skeleton active />;
  return <MeetingForm meeting={meeting.data} />;
}

/** `/meetings`, `/meetings/new`, `/meetings/:id`, `/meetings/:id/edit`. */
export default function MeetingsPage() {
  return (
    <Routes>
      <Route index element={<MeetingList />} />
      <Route path="new" element={<MeetingForm />} />
      <Route path=":id" element={<MeetingDetail />} />
      <Route path=":id/edit" element={<MeetingEdit />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
