import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  DeleteOutlined,
  FileSearchOutlined,
  InboxOutlined,
  PlusOutlined,
  ReloadOutlined,
  SaveOutlined,
  SwapOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { DirectiveParseResult, SpanView } from '@dieuhanh/core/api/directives';
import { DIRECTIVE_TYPES, RECURRENCE_FREQUENCIES } from '@dieuhanh/core/api/directives';
import { TASK_PRIORITIES } from '@dieuhanh/core/tasks/types';
import { fold } from '@dieuhanh/core/text/fold';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Empty,
  Flex,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type ApiError, toApiError } from '../../api/client.ts';
import { directivesApi } from '../../api/directives.ts';
import { filesApi } from '../../api/files.ts';
import { tasksApi } from '../../api/tasks.ts';
import { PageHeader } from '../../shared/components/PageHeader.tsx';
import { applyPathErrors, useNotifyError } from '../../shared/errors.tsx';
import { common } from '../../shared/i18n/common.ts';
import { DATE_FORMAT, formatDate, todayInVietnam } from '../../shared/i18n/format.ts';
import { pick, useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { PRIORITY_LABELS } from '../../shared/tasks/labels.tsx';
import { isDissolved } from '../../shared/units/tree.ts';
import { UnitTreeMultiSelect } from '../../shared/units/UnitTreeMultiSelect.tsx';
import { UnitTreeSelect } from '../../shared/units/UnitTreeSelect.tsx';
import { useUnits } from '../../shared/units/useUnits.ts';
import {
  type DraftValues,
  directiveCreate,
  draftFromParse,
  EMPTY_SOURCE,
  type ItemValues,
  plannedTasks,
  taskProblemPath,
} from './draft.ts';
import { DOCUMENT_TYPE_LABELS, directivesMessages, FREQUENCY_LABELS } from './messages.ts';
import { SourceText } from './SourceText.tsx';

const HEADER_FIELDS = [
  'number',
  'documentType',
  'issuerName',
  'issuerUnitId',
  'place',
  'issuedOn',
  'subject',
  'signerName',
  'signerTitle',
  'recipients',
  'items',
];

/** Hover/focus handlers that light up the given spans of the source while the field is in use. */
type Highlighter = (
  key: string,
  spans: readonly (SpanView | null | undefined)[],
) => {
  onMouseOver: (e: { stopPropagation: () => void }) => void;
  onMouseLeave: () => void;
  onFocusCapture: () => void;
  onBlurCapture: () => void;
  className: string | undefined;
  'data-hl': string;
};

function useHighlight() {
  const [hovered, setHovered] = useState<{ key: string; spans: SpanView[] } | null>(null);
  const [focused, setFocused] = useState<{ key: string; spans: SpanView[] } | null>(null);
  const current = hovered ?? focused;
  const hl: Highlighter = (key, spans) => {
    const list = spans.filter((s): s is SpanView => !!s && s.end > s.start);
    return {
      onMouseOver: (e) => {
        e.stopPropagation();
        setHovered((h) => (h?.key === key ? h : { key, spans: list }));
      },
      onMouseLeave: () => setHovered(null),
      onFocusCapture: () => setFocused({ key, spans: list }),
      onBlurCapture: () => setFocused((f) => (f?.key === key ? null : f)),
      className: current?.key === key && list.length > 0 ? 'draft-field-active' : undefined,
      'data-hl': key,
    };
  };
  return { active: current?.spans ?? [], hl };
}

/** The left pane before anything is read: paste or upload. */
function SourceInput({ onParsed }: { onParsed: (result: DirectiveParseResult, file: File | null) => void }) {
  const m = useMessages(directivesMessages);
  const notifyError = useNotifyError();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  const read = async (action: () => Promise<DirectiveParseResult>, file: File | null) => {
    setBusy(true);
    try {
      onParsed(await action(), file);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Spin spinning={busy} description={m.reading}>
      <Tabs
        items={[
          {
            key: 'paste',
            label: m.pasteTab,
            children: (
              <Flex vertical gap={12}>
                <Input.TextArea
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  placeholder={m.pastePlaceholder}
                  autoSize={{ minRows: 18, maxRows: 30 }}
                  style={{ fontFamily: "'Times New Roman', serif", fontSize: 15 }}
                  data-testid="import-text"
                />
                <Button
                  type="primary"
                  icon={<FileSearchOutlined />}
                  disabled={text.trim() === ''}
                  onClick={() => void read(() => directivesApi.parseText(text), null)}
                  data-testid="import-read"
                >
                  {m.readButton}
                </Button>
              </Flex>
            ),
          },
          {
            key: 'upload',
            label: m.uploadTab,
            children: (
              <Upload.Dragger
                accept=".txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                multiple={false}
                showUploadList={false}
                beforeUpload={(file) => {
                  void read(() => directivesApi.parseFile(file), file);
                  return false;
                }}
                data-testid="import-upload"
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{m.uploadHint}</p>
                <p className="ant-upload-hint">{m.uploadLimit}</p>
              </Upload.Dragger>
            ),
          },
        ]}
      />
    </Spin>
  );
}

function FieldShell({ children, hl }: { children: ReactNode; hl: ReturnType<Highlighter> }) {
  return <div {...hl}>{children}</div>;
}

/** One item of the draft: text, units, deadline, and whether tasks are given for it. */
function ItemCard({
  form,
  name,
  index,
  hl,
  units,
  onRemove,
  intent,
}: {
  intent: { current: 'draft' | 'issue' };
  form: FormInstance<DraftValues>;
  name: number;
  index: number;
  hl: Highlighter;
  units: ReturnType<typeof useUnits>;
  onRemove: () => void;
}) {
  const m = useMessages(directivesMessages);
  const c = useMessages(common);
  const { lang } = useI18n();
  const item = Form.useWatch(['items', name], form) as ItemValues | undefined;
  const src = (form.getFieldValue(['items', name, 'src']) as ItemValues['src'] | undefined) ?? EMPTY_SOURCE;
  const today = todayInVietnam();
  const assign = item?.assign ?? false;
  const leadCount = item?.lead?.length ?? 0;
  const required = (message: string, test: (v: ItemValues) => boolean) => ({
    validator: () => {
      const v = form.getFieldValue(['items', name]) as ItemValues;
      // Only assigning needs units and deadlines; a draft may be saved incomplete.
      return intent.current === 'issue' && v?.assign && !test(v)
        ? Promise.reject(new Error(message))
        : Promise.resolve();
    },
  });

  return (
    <div {...hl(`item-${name}`, [src.span])}>
      <Card
        size="small"
        data-testid={`draft-item-${index}`}
        title={
          <Flex align="center" gap={8}>
            <Form.Item
              name={[name, 'ref']}
              noStyle
              rules={[{ required: true, whitespace: true, message: c.required }]}
            >
              <Input
                prefix={m.item('').trim()}
                style={{ width: 110 }}
                size="small"
                aria-label={m.itemRef}
                data-testid={`draft-item-ref-${index}`}
              />
            </Form.Item>
            <Tag
              color={assign && leadCount > 0 ? 'blue' : 'default'}
              data-testid={`draft-item-count-${index}`}
            >
              {m.willCreate(assign ? leadCount : 0)}
            </Tag>
          </Flex>
        }
        extra={
          <Space>
            <Form.Item name={[name, 'priority']} noStyle>
              <Select
                size="small"
                style={{ width: 110 }}
                aria-label={m.priority}
                options={TASK_PRIORITIES.map((p) => ({ value: p, label: pick(PRIORITY_LABELS[p], lang) }))}
              />
            </Form.Item>
            <Form.Item name={[name, 'assign']} valuePropName="checked" noStyle>
              <Checkbox
                data-testid={`draft-item-assign-${index}`}
                onChange={() =>
                  void form
                    .validateFields([
                      ['items', name, 'lead'],
                      ['items', name, 'date'],
                    ])
                    .catch(() => {})
                }
              >
                {m.assign}
              </Checkbox>
            </Form.Item>
            <Button
              type="text"
              danger
              size="small"
              icon={<DeleteOutlined />}
              onClick={onRemove}
              aria-label={m.removeItem}
            />
          </Space>
        }
      >
        <FieldShell hl={hl(`item-text-${name}`, [src.span])}>
          <Form.Item
            name={[name, 'text']}
            label={m.itemText}
            rules={[{ required: true, whitespace: true, message: c.required }]}
            style={{ marginBottom: 12 }}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid={`draft-item-text-${index}`} />
          </Form.Item>
        </FieldShell>
        <Row gutter={12}>
          <Col xs={24} lg={12}>
            <FieldShell hl={hl(`item-lead-${name}`, src.leadSpans)}>
              <Form.Item
                name={[name, 'lead']}
                label={m.lead}
                style={{ marginBottom: 12 }}
                rules={[
                  required(m.leadRequired, (v) => (v.lead ?? []).length > 0),
                  required(m.leadDissolved, (v) =>
                    (v.lead ?? []).every((id) => {
                      const u = units.byId.get(id);
                      return !u || !isDissolved(u, today);
                    }),
                  ),
                ]}
              >
                <UnitTreeMultiSelect
                  tree={units.tree}
                  byId={units.byId}
                  maxTags={6}
                  data-testid={`draft-item-lead-${index}`}
                />
              </Form.Item>
            </FieldShell>
          </Col>
          <Col xs={24} lg={12}>
            <FieldShell hl={hl(`item-support-${name}`, src.supportSpans)}>
              <Form.Item name={[name, 'support']} label={m.support} style={{ marginBottom: 12 }}>
                <UnitTreeMultiSelect
                  tree={units.tree}
                  byId={units.byId}
                  maxTags={6}
                  data-testid={`draft-item-support-${index}`}
                />
              </Form.Item>
            </FieldShell>
          </Col>
        </Row>
        <FieldShell hl={hl(`item-deadline-${name}`, [src.deadlineSpan, src.recurrenceSpan])}>
          <Row gutter={12} align="top">
            <Col flex="none">
              <Form.Item name={[name, 'mode']} label={m.deadlineMode} style={{ marginBottom: 8 }}>
                <Segmented
                  size="middle"
                  options={[
                    { value: 'date', label: m.modeDate },
                    { value: 'workingDays', label: m.modeDays },
                    { value: 'recurrence', label: m.modeRecurrence },
                    { value: 'none', label: m.modeNone },
                  ]}
                  data-testid={`draft-item-mode-${index}`}
                />
              </Form.Item>
            </Col>
            <Col flex="auto">
              {item?.mode === 'date' && (
                <Form.Item
                  name={[name, 'date']}
                  label={m.deadline}
                  style={{ marginBottom: 8 }}
                  rules={[required(m.deadlineRequired, (v) => !!v.date)]}
                >
                  <DatePicker
                    format={DATE_FORMAT}
                    style={{ width: 170 }}
                    data-testid={`draft-item-date-${index}`}
                    disabledDate={(d) => d.isBefore(dayjs(today), 'day')}
                  />
                </Form.Item>
              )}
              {item?.mode === 'workingDays' && (
                <Form.Item
                  name={[name, 'workingDays']}
                  label={m.deadline}
                  style={{ marginBottom: 8 }}
                  rules={[required(m.deadlineRequired, (v) => (v.workingDays ?? 0) >= 1)]}
                >
                  <InputNumber min={1} max={2000} suffix={m.workingDays} style={{ width: 200 }} />
                </Form.Item>
              )}
              {item?.mode === 'recurrence' && (
                <Space align="start" wrap>
                  <Form.Item
                    name={[name, 'frequency']}
                    label={m.frequency}
                    style={{ marginBottom: 8 }}
                    rules={[required(m.deadlineRequired, (v) => !!v.frequency)]}
                  >
                    <Select
                      style={{ width: 170 }}
                      options={RECURRENCE_FREQUENCIES.map((f) => ({
                        value: f,
                        label: pick(FREQUENCY_LABELS[f], lang),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[name, 'dayOfMonth']}
                    label={m.dayOfMonthLabel}
                    style={{ marginBottom: 8 }}
                  >
                    <InputNumber min={1} max={31} style={{ width: 90 }} />
                  </Form.Item>
                </Space>
              )}
              {item?.mode === 'none' && assign && (
                <Form.Item
                  name={[name, 'date']}
                  label={m.deadline}
                  style={{ marginBottom: 8 }}
                  rules={[required(m.deadlineRequired, () => false)]}
                >
                  <Typography.Text type="warning">
                    <WarningOutlined /> {m.deadlineRequired}
                  </Typography.Text>
                </Form.Item>
              )}
            </Col>
          </Row>
          {(src.deadlineText || src.recurrenceText) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.fromText((src.deadlineText ?? src.recurrenceText)!)}
              {src.deadlineKind === 'before' && src.deadlineDate
                ? ` ${m.deadlineBefore(formatDate(src.deadlineDate))}`
                : ''}
            </Typography.Text>
          )}
        </FieldShell>
      </Card>
    </div>
  );
}

export default function ImportPage() {
  const m = useMessages(directivesMessages);
  const c = useMessages(common);
  const { lang } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const navigate = useNavigate();
  const units = useUnits();
  const [form] = Form.useForm<DraftValues>();
  const [parsed, setParsed] = useState<DirectiveParseResult | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [saving, setSaving] = useState<'draft' | 'issue' | null>(null);
  const [created, setCreated] = useState<{ id: string; itemIds: string[] } | null>(null);
  const [taskError, setTaskError] = useState<ApiError | null>(null);
  const [commonDeadline, setCommonDeadline] = useState<Dayjs | null>(null);
  const intent = useRef<'draft' | 'issue'>('issue');
  const { active, hl } = useHighlight();
  const today = todayInVietnam();
  const items = (Form.useWatch('items', form) as ItemValues[] | undefined) ?? [];

  const faint = useMemo(() => (parsed ? parsed.items.map((i) => i.span) : []), [parsed]);

  const onParsed = (result: DirectiveParseResult, uploaded: File | null) => {
    const issuer = result.issuer
      ? (units.units.find((u) => fold(u.name) === fold(result.issuer ?? ''))?.id ?? null)
      : null;
    form.resetFields();
    form.setFieldsValue(draftFromParse(result, issuer));
    setParsed(result);
    setFile(uploaded);
    window.scrollTo({ top: 0 });
    setCreated(null);
    setTaskError(null);
  };

  const dissolved = useMemo(() => {
    const ids = new Set<string>();
    for (const item of items) {
      for (const id of [...(item?.lead ?? []), ...(item?.support ?? [])]) {
        const u = units.byId.get(id);
        if (u && isDissolved(u, today)) ids.add(id);
      }
    }
    return ids;
  }, [items, units.byId, today]);

  const taskCount = items.reduce((n, item) => n + (item?.assign ? (item.lead ?? []).length : 0), 0);

  /** Replaces (or drops) dissolved units in every item's lead and support lists. */
  const fixDissolved = (replace: boolean) => {
    const all = form.getFieldValue('items') as ItemValues[];
    let changed = 0;
    const fix = (ids: string[]) => [
      ...new Set(
        ids.flatMap((id) => {
          const u = units.byId.get(id);
          if (!u || !isDissolved(u, today)) return [id];
          changed++;
          const successor = replace && u.successorId ? units.byId.get(u.successorId) : undefined;
          return successor && !isDissolved(successor, today) ? [successor.id] : [];
        }),
      ),
    ];
    const next = all.map((item) => {
      const lead = fix(item.lead ?? []);
      const support = fix(item.support ?? []).filter((id) => !lead.includes(id));
      return { ...item, lead, support, assign: item.assign && lead.length > 0 };
    });
    form.setFieldValue('items', next);
    message.success(m.replacedDissolved(changed));
  };

  const applyCommonDeadline = () => {
    if (!commonDeadline) return;
    const all = form.getFieldValue('items') as ItemValues[];
    let n = 0;
    form.setFieldValue(
      'items',
      all.map((item) => {
        if (item.mode !== 'none' && !(item.mode === 'date' && !item.date)) return item;
        n++;
        return { ...item, mode: 'date', date: commonDeadline };
      }),
    );
    message.success(m.appliedDeadline(n));
  };

  const placeErrors = useCallback(
    (error: ApiError) => {
      // The form's deadline field is `date`; the API names it `deadline`.
      const renamed = Object.assign(Object.create(Object.getPrototypeOf(error)), error, {
        fields: error.fields.map((f) => ({
          ...f,
          field: f.field.replace(/^(\/items\/\d+)\/deadline$/, '$1/date'),
        })),
      }) as ApiError;
      const rest = applyPathErrors(form, renamed, lang, HEADER_FIELDS);
      if (rest.length > 0 || error.fields.length === 0) notifyError(error, { fields: rest });
      else message.error(m.fixErrors);
    },
    [form, lang, notifyError, message, m.fixErrors],
  );

  const createTasks = async (directiveId: string, itemIds: string[], values: DraftValues) => {
    const typeLabel = pick(DOCUMENT_TYPE_LABELS[values.documentType], 'vi');
    const docRef = m.docRef(
      typeLabel,
      values.number.trim() || null,
      values.issuedOn ? values.issuedOn.format(DATE_FORMAT) : null,
      values.issuerName.trim() || null,
    );
    const planned = plannedTasks(values, itemIds, (ref) => m.taskContent(ref, docRef));
    if (planned.length === 0) return 0;
    try {
      const result = await tasksApi.create({ directiveId, items: planned.map((p) => p.request) });
      return result.tasks.length;
    } catch (error) {
      const apiError = toApiError(error);
      const rest = [];
      const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
      for (const f of apiError.fields) {
        const path = taskProblemPath(f.field, planned, values);
        if (!path) {
          rest.push(f);
          continue;
        }
        const key = path.join('/');
        const entry = byPath.get(key) ?? { name: path, errors: [] };
        const msg = lang === 'vi' ? f.messageVi : f.messageEn;
        if (!entry.errors.includes(msg)) entry.errors.push(msg);
        byPath.set(key, entry);
      }
      (form as FormInstance).setFields([...byPath.values()]);
      setTaskError(apiError);
      if (rest.length > 0 || apiError.fields.length === 0) notifyError(apiError, { fields: rest });
      throw apiError;
    }
  };

  const submit = async (mode: 'draft' | 'issue') => {
    if (!parsed) return;
    intent.current = mode;
    try {
      await form.validateFields();
    } catch {
      message.error(m.fixErrors);
      return;
    }
    const values = form.getFieldsValue(true) as DraftValues;
    setSaving(mode);
    setTaskError(null);
    try {
      let target = created;
      if (!target) {
        const attachments = file ? [await filesApi.upload(file)] : [];
        try {
          const directive = await directivesApi.create(
            directiveCreate(
              values,
              parsed.text,
              mode === 'issue' ? 'issued' : 'draft',
              attachments.map((a) => ({ sha256: a.sha256, name: a.name, purpose: 'original' })),
            ),
          );
          target = { id: directive.id, itemIds: directive.items.map((i) => i.id) };
        } catch (error) {
          placeErrors(toApiError(error));
          return;
        }
        if (mode === 'draft') {
          message.success(m.draftSaved);
          navigate(`/directives/${target.id}`);
          return;
        }
        setCreated(target);
      }
      try {
        const n = await createTasks(target.id, target.itemIds, values);
        message.success(m.createdAndAssigned(n));
        navigate(`/directives/${target.id}`);
      } catch {
        // Shown on the items; the directive stays registered and "Giao nhiệm vụ" retries.
      }
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(null);
    }
  };

  const issueRule = (message: string) => ({
    validator: (_: unknown, value: unknown) =>
      intent.current === 'issue' &&
      !created &&
      (value === null || value === undefined || String(value).trim() === '')
        ? Promise.reject(new Error(message))
        : Promise.resolve(),
  });

  const spans = parsed?.spans ?? {};
  const warnings = parsed?.warnings ?? [];

  return (
    <>
      <PageHeader
        title={m.importTitle}
        subtitle={m.importSubtitle}
        extra={
          <Link to="/directives">
            <Button icon={<ArrowLeftOutlined />}>{m.backToList}</Button>
          </Link>
        }
      />
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={m.sourceTitle}
            extra={
              parsed && (
                <Button
                  size="small"
                  icon={<ReloadOutlined />}
                  onClick={() => setParsed(null)}
                  disabled={!!created}
                >
                  {m.readAgain}
                </Button>
              )
            }
            style={{ position: 'sticky', top: 72 }}
            data-testid="import-source"
          >
            {parsed ? (
              <>
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 8 }}>
                  {file ? `${file.name} · ` : ''}
                  {m.sourceHint}
                </Typography.Text>
                <SourceText
                  text={parsed.text}
                  active={active}
                  faint={faint}
                  maxHeight="calc(100vh - 190px)"
                  data-testid="source-text"
                />
              </>
            ) : (
              <SourceInput onParsed={onParsed} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {!parsed ? (
            <Card>
              <Empty description={m.emptyDraft} />
            </Card>
          ) : (
            <Form<DraftValues> form={form} layout="vertical" data-testid="draft-form" requiredMark={false}>
              <Flex vertical gap={12}>
                {created && (
                  <Alert
                    type="warning"
                    showIcon
                    title={m.directiveCreatedTasksFailed}
                    data-testid="draft-created-notice"
                  />
                )}
                {warnings.length > 0 && (
                  <Alert
                    type="warning"
                    showIcon
                    title={m.warnings(warnings.length)}
                    data-testid="draft-warnings"
                    description={
                      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                        {warnings.map((w) => {
                          const at = w.indexOf(': ');
                          return (
                            <li key={w} title={at > 0 ? w.slice(0, at) : undefined}>
                              {at > 0 ? w.slice(at + 2) : w}
                            </li>
                          );
                        })}
                      </ul>
                    }
                  />
                )}
                <Card size="small" title={m.header} data-testid="draft-header">
                  <Row gutter={12}>
                    <Col xs={24} md={8}>
                      <FieldShell hl={hl('number', [spans.number])}>
                        <Form.Item
                          name="number"
                          label={m.number}
                          rules={[issueRule(m.numberRequired), { max: 100, message: c.tooLong(100) }]}
                        >
                          <Input data-testid="draft-number" placeholder="12/UBND-NC" />
                        </Form.Item>
                      </FieldShell>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name="documentType" label={m.type}>
                        <Select
                          options={DIRECTIVE_TYPES.map((t) => ({
                            value: t,
                            label: pick(DOCUMENT_TYPE_LABELS[t], lang),
                          }))}
                          data-testid="draft-type"
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <FieldShell hl={hl('date', [spans.date])}>
                        <Form.Item
                          name="issuedOn"
                          label={m.issuedOn}
                          rules={[issueRule(m.dateRequired)]}
                          extra={
                            !parsed.date && parsed.month && parsed.year
                              ? m.partialDate(parsed.month, parsed.year)
                              : undefined
                          }
                        >
                          <DatePicker
                            format={DATE_FORMAT}
                            style={{ width: '100%' }}
                            data-testid="draft-date"
                            defaultPickerValue={
                              parsed.year && parsed.month
                                ? dayjs(`${parsed.year}-${String(parsed.month).padStart(2, '0')}-01`)
                                : undefined
                            }
                          />
                        </Form.Item>
                      </FieldShell>
                    </Col>
                  </Row>
                  <Row gutter={12}>
                    <Col xs={24} md={12}>
                      <FieldShell hl={hl('issuer', [spans.issuer])}>
                        <Form.Item
                          name="issuerName"
                          label={m.issuerName}
                          rules={[{ max: 300, message: c.tooLong(300) }]}
                        >
                          <Input data-testid="draft-issuer" />
                        </Form.Item>
                      </FieldShell>
                    </Col>
                    <Col xs={24} md={12}>
                      <FieldShell hl={hl('issuer-unit', [spans.issuer])}>
                        <Form.Item name="issuerUnitId" label={m.issuerUnit}>
                          <UnitTreeSelect tree={units.tree} data-testid="draft-issuer-unit" />
                        </Form.Item>
                      </FieldShell>
                    </Col>
                  </Row>
                  <FieldShell hl={hl('subject', [spans.subject])}>
                    <Form.Item
                      name="subject"
                      label={m.subject}
                      rules={[
                        { required: true, whitespace: true, message: c.required },
                        { max: 2000, message: c.tooLong(2000) },
                      ]}
                    >
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="draft-subject" />
                    </Form.Item>
                  </FieldShell>
                  <Row gutter={12}>
                    <Col xs={24} md={8}>
                      <FieldShell hl={hl('place', [spans.place])}>
                        <Form.Item name="place" label={m.place}>
                          <Input data-testid="draft-place" />
                        </Form.Item>
                      </FieldShell>
                    </Col>
                    <Col xs={24} md={8}>
                      <FieldShell hl={hl('signer-title', [spans.signer])}>
                        <Form.Item name="signerTitle" label={m.signerTitle}>
                          <Input data-testid="draft-signer-title" />
                        </Form.Item>
                      </FieldShell>
                    </Col>
                    <Col xs={24} md={8}>
                      <FieldShell hl={hl('signer', [spans.signer])}>
                        <Form.Item name="signerName" label={m.signerName}>
                          <Input data-testid="draft-signer" />
                        </Form.Item>
                      </FieldShell>
                    </Col>
                  </Row>
                  <Divider titlePlacement="start" style={{ margin: '4px 0 12px', fontSize: 14 }}>
                    {m.recipients}
                  </Divider>
                  <Form.List name="recipients">
                    {(fields, { add, remove }) => (
                      <Flex vertical gap={8}>
                        {fields.map((field) => {
                          const span = form.getFieldValue([
                            'recipients',
                            field.name,
                            'span',
                          ]) as SpanView | null;
                          return (
                            <FieldShell key={field.key} hl={hl(`recipient-${field.name}`, [span])}>
                              <Row gutter={8} align="top">
                                <Col xs={24} md={9}>
                                  <Form.Item
                                    name={[field.name, 'name']}
                                    style={{ marginBottom: 0 }}
                                    rules={[{ required: true, whitespace: true, message: c.required }]}
                                  >
                                    <Input aria-label={m.recipientName} />
                                  </Form.Item>
                                </Col>
                                <Col xs={21} md={14}>
                                  <Form.Item name={[field.name, 'unitIds']} style={{ marginBottom: 0 }}>
                                    <UnitTreeMultiSelect tree={units.tree} byId={units.byId} maxTags={4} />
                                  </Form.Item>
                                </Col>
                                <Col xs={3} md={1}>
                                  <Button
                                    type="text"
                                    danger
                                    icon={<DeleteOutlined />}
                                    onClick={() => remove(field.name)}
                                    aria-label={c.delete}
                                  />
                                </Col>
                              </Row>
                            </FieldShell>
                          );
                        })}
                        <div>
                          <Button
                            size="small"
                            type="dashed"
                            icon={<PlusOutlined />}
                            onClick={() => add({ name: '', unitIds: [], span: null })}
                          >
                            {m.addRecipient}
                          </Button>
                        </div>
                      </Flex>
                    )}
                  </Form.List>
                </Card>

                <Card
                  size="small"
                  title={m.itemsHeading(items.length)}
                  data-testid="draft-items"
                  extra={
                    <Space wrap>
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {m.commonDeadline}
                      </Typography.Text>
                      <DatePicker
                        size="small"
                        format={DATE_FORMAT}
                        value={commonDeadline}
                        onChange={setCommonDeadline}
                        disabledDate={(d) => d.isBefore(dayjs(today), 'day')}
                        data-testid="draft-common-deadline"
                      />
                      <Button
                        size="small"
                        onClick={applyCommonDeadline}
                        disabled={!commonDeadline}
                        data-testid="draft-apply-deadline"
                      >
                        {m.apply}
                      </Button>
                    </Space>
                  }
                >
                  {dissolved.size > 0 && (
                    <Alert
                      type="error"
                      showIcon
                      style={{ marginBottom: 12 }}
                      title={m.dissolvedFound(dissolved.size)}
                      data-testid="draft-dissolved"
                      action={
                        <Space orientation="vertical" size={4}>
                          <Button
                            size="small"
                            icon={<SwapOutlined />}
                            onClick={() => fixDissolved(true)}
                            data-testid="draft-replace-dissolved"
                          >
                            {m.replaceDissolved}
                          </Button>
                          <Button
                            size="small"
                            danger
                            onClick={() => fixDissolved(false)}
                            data-testid="draft-drop-dissolved"
                          >
                            {m.dropDissolved}
                          </Button>
                        </Space>
                      }
                    />
                  )}
                  <Form.List name="items">
                    {(fields, { add, remove }) => (
                      <Flex vertical gap={12}>
                        {fields.map((field, index) => (
                          <ItemCard
                            key={field.key}
                            form={form}
                            name={field.name}
                            index={index}
                            hl={hl}
                            units={units}
                            intent={intent}
                            onRemove={() => remove(field.name)}
                          />
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
                                mode: 'none',
                                date: null,
                                workingDays: null,
                                frequency: null,
                                dayOfMonth: null,
                                priority: 'normal',
                                assign: true,
                                src: EMPTY_SOURCE,
                              } satisfies ItemValues)
                            }
                          >
                            {m.addItem}
                          </Button>
                        </div>
                      </Flex>
                    )}
                  </Form.List>
                </Card>

                <Card
                  size="small"
                  className="draft-footer"
                  style={{ position: 'sticky', bottom: 0, zIndex: 5 }}
                >
                  <Flex justify="space-between" align="center" gap={12} wrap>
                    <Typography.Text strong data-testid="draft-summary">
                      {m.summaryLine(items.length, taskCount)}
                    </Typography.Text>
                    <Space>
                      {taskError && <Tag color="red">{c.errorTitle}</Tag>}
                      {!created && (
                        <Button
                          icon={<SaveOutlined />}
                          loading={saving === 'draft'}
                          disabled={saving !== null}
                          onClick={() => void submit('draft')}
                          data-testid="draft-save"
                        >
                          {m.saveDraft}
                        </Button>
                      )}
                      <Button
                        type="primary"
                        icon={<CheckCircleOutlined />}
                        loading={saving === 'issue'}
                        disabled={saving !== null}
                        onClick={() => void submit('issue')}
                        data-testid="draft-create"
                      >
                        {created ? m.assignOnly : m.createAndAssign}
                      </Button>
                    </Space>
                  </Flex>
                </Card>
              </Flex>
            </Form>
          )}
        </Col>
      </Row>
    </>
  );
}
