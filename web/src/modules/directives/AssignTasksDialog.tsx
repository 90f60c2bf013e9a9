import { TASK_PRIORITIES, type TaskPriority } from '@dieuhanh/core/tasks/types';
import { App, Col, DatePicker, Form, InputNumber, Modal, Row, Segmented, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { toApiError } from '../../api/client.ts';
import { tasksApi } from '../../api/tasks.ts';
import { applyPathErrors, useNotifyError } from '../../shared/errors.tsx';
import { common } from '../../shared/i18n/common.ts';
import { DATE_FORMAT, todayInVietnam } from '../../shared/i18n/format.ts';
import { pick, useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { PRIORITY_LABELS } from '../../shared/tasks/labels.tsx';
import { isDissolved } from '../../shared/units/tree.ts';
import { UnitTreeMultiSelect } from '../../shared/units/UnitTreeMultiSelect.tsx';
import { useUnits } from '../../shared/units/useUnits.ts';
import { shortTitle } from './draft.ts';
import { directivesMessages } from './messages.ts';

interface Values {
  lead: string[];
  support: string[];
  mode: 'date' | 'workingDays';
  date: Dayjs | null;
  workingDays: number | null;
  priority: TaskPriority;
}

export type AssignSource =
  | { directiveId: string; itemId: string }
  | { meetingId: string; conclusionId: string };

/**
 * Tasks from one directive item or meeting conclusion already registered: one task per lead unit,
 * with the written deadline by default (`POST /api/tasks`).
 */
export function AssignTasksDialog({
  source,
  refLabel,
  text,
  lead,
  support,
  deadline,
  contentPrefix,
  onClose,
  onDone,
}: {
  source: AssignSource;
  refLabel: string;
  text: string;
  lead: string[];
  support: string[];
  deadline: string | null;
  contentPrefix: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const m = useMessages(directivesMessages);
  const c = useMessages(common);
  const { lang } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const units = useUnits();
  const today = todayInVietnam();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form);
  const [saving, setSaving] = useState(false);
  const inForce = (ids: string[]) =>
    ids.filter((id) => {
      const u = units.byId.get(id);
      return !u || !isDissolved(u, today);
    });

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const result = await tasksApi.create({
        ...('directiveId' in source ? { directiveId: source.directiveId } : { meetingId: source.meetingId }),
        items: v.lead.map((leadUnitId) => ({
          title: shortTitle(text),
          content: `${contentPrefix}\n${text}`,
          ...('itemId' in source
            ? { directiveItemId: source.itemId }
            : { conclusionId: source.conclusionId }),
          leadUnitId,
          supportUnitIds: (v.support ?? []).filter((id) => !v.lead.includes(id)),
          deadline:
            v.mode === 'date' ? { date: v.date!.format('YYYY-MM-DD') } : { workingDays: v.workingDays ?? 1 },
          priority: v.priority,
        })),
      });
      message.success(m.tasksCreated(result.tasks.length));
      onDone();
    } catch (error) {
      const apiError = toApiError(error);
      const rest = applyPathErrors(form, apiError, lang, []);
      notifyError(apiError, { fields: rest });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={m.createTasksTitle(refLabel)}
      okText={m.createTasks}
      cancelText={c.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      width={700}
      destroyOnHidden
      data-testid="assign-tasks-dialog"
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 4, expandable: 'collapsible' }}>
        {text}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          lead: inForce(lead),
          support: inForce(support),
          mode: 'date',
          date: deadline && deadline >= today ? dayjs(deadline) : null,
          workingDays: 10,
          priority: 'normal',
        }}
      >
        <Form.Item
          name="lead"
          label={m.lead}
          rules={[{ required: true, type: 'array', min: 1, message: m.leadRequired }]}
        >
          <UnitTreeMultiSelect tree={units.tree} byId={units.byId} maxTags={8} />
        </Form.Item>
        <Form.Item name="support" label={m.support}>
          <UnitTreeMultiSelect tree={units.tree} byId={units.byId} maxTags={8} />
        </Form.Item>
        <Row gutter={12}>
          <Col flex="none">
            <Form.Item name="mode" label={m.deadlineMode}>
              <Segmented
                options={[
                  { value: 'date', label: m.modeDate },
                  { value: 'workingDays', label: m.modeDays },
                ]}
              />
            </Form.Item>
          </Col>
          <Col flex="auto">
            {mode === 'workingDays' ? (
              <Form.Item
                name="workingDays"
                label={m.deadline}
                rules={[{ required: true, message: c.required }]}
              >
                <InputNumber min={1} max={2000} suffix={m.workingDays} style={{ width: 200 }} />
              </Form.Item>
            ) : (
              <Form.Item
                name="date"
                label={m.deadline}
                rules={[{ required: true, message: m.deadlineRequired }]}
              >
                <DatePicker format={DATE_FORMAT} disabledDate={(d) => d.isBefore(dayjs(today), 'day')} />
              </Form.Item>
            )}
          </Col>
          <Col flex="none">
            <Form.Item name="priority" label={m.priority}>
              <Select
                style={{ width: 120 }}
                options={TASK_PRIORITIES.map((p) => ({ value: p, label: pick(PRIORITY_LABELS[p], lang) }))}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
