import type { TaskActionBody, TaskDetail } from '@dieuhanh/core/api/tasks';
import type { TaskAction } from '@dieuhanh/core/tasks/workflow';
import {
  Alert,
  App,
  type ButtonProps,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Slider,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { toApiError } from '../../api/client.ts';
import { type TaskActionView, tasksApi } from '../../api/tasks.ts';
import { useMe } from '../../app/session.tsx';
import { applyPathErrors, useNotifyError } from '../../shared/errors.tsx';
import { FileRefsInput, type FileRefValue } from '../../shared/files/FileRefsInput.tsx';
import { common } from '../../shared/i18n/common.ts';
import { DATE_FORMAT, formatDateTime, todayInVietnam } from '../../shared/i18n/format.ts';
import { pick, useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { actionLabelOf } from '../../shared/tasks/labels.tsx';
import { UnitTreeMultiSelect } from '../../shared/units/UnitTreeMultiSelect.tsx';
import { UnitTreeSelect } from '../../shared/units/UnitTreeSelect.tsx';
import { useUnits } from '../../shared/units/useUnits.ts';
import { tasksMessages } from './messages.ts';

interface Values {
  reason?: string;
  progress?: { percent: number; text: string };
  files?: FileRefValue[];
  extension?: { dueAt: Dayjs | null };
  result?: { text: string; files?: FileRefValue[] };
  reassign?: { leadUnitId: string | null; supportUnitIds?: string[] };
  assigneeId?: string;
}

const ROOTS = ['reason', 'progress', 'files', 'extension', 'result', 'reassign', 'assigneeId'];
/** Actions confirmed without a form unless a reason is required; a comment may still be added. */
const PLAIN: TaskAction[] = ['accept', 'start_work', 'remind', 'confirm_done'];
const DANGER: TaskAction[] = ['return', 'cancel', 'send_back', 'refuse_extension'];

/** The form behind one action button on a task: what the action needs, then `POST …/actions/:action`. */
export function ActionDialog({
  task,
  action,
  onClose,
  onDone,
  onStale,
}: {
  task: TaskDetail;
  action: TaskActionView;
  onClose: () => void;
  onDone: (task: TaskDetail) => void;
  onStale: () => void;
}) {
  const m = useMessages(tasksMessages);
  const c = useMessages(common);
  const { lang } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const units = useUnits();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const name = action.name;
  const label = pick(actionLabelOf(name), lang);
  const today = todayInVietnam();

  const submit = async (values: Values) => {
    setSaving(true);
    const body: TaskActionBody = { version: task.version };
    if (values.reason?.trim()) body.reason = values.reason.trim();
    if (name === 'report_progress' && values.progress) {
      body.progress = { percent: values.progress.percent, text: values.progress.text.trim() };
      if (values.files?.length) body.files = values.files;
    }
    if (name === 'request_extension' && values.extension?.dueAt) {
      body.extension = { dueAt: values.extension.dueAt.format('YYYY-MM-DD') };
    }
    if (name === 'submit_completion' && values.result) {
      body.result = {
        text: values.result.text.trim(),
        ...(values.result.files?.length ? { files: values.result.files } : {}),
      };
    }
    if (name === 'reassign' && values.reassign?.leadUnitId) {
      body.reassign = {
        leadUnitId: values.reassign.leadUnitId,
        supportUnitIds: (values.reassign.supportUnitIds ?? []).filter(
          (id) => id !== values.reassign?.leadUnitId,
        ),
      };
    }
    if (name === 'assign_person' && values.assigneeId) body.assigneeId = values.assigneeId;
    try {
      const updated = await tasksApi.act(task.id, name, body);
      message.success(m.done(label));
      onDone(updated);
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'stale_version') {
        notifyError(apiError, { title: m.staleTask });
        onStale();
        return;
      }
      const rest = applyPathErrors(form, apiError, lang, ROOTS);
      if (rest.length > 0 || apiError.fields.length === 0) notifyError(apiError, { fields: rest });
    } finally {
      setSaving(false);
    }
  };

  const reasonItem = (
    <Form.Item
      name="reason"
      label={action.requiresReason ? m.reason : m.comment}
      rules={[
        ...(action.requiresReason ? [{ required: true, whitespace: true, message: m.reasonRequired }] : []),
        { max: 5000, message: c.tooLong(5000) },
      ]}
    >
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="action-reason" />
    </Form.Item>
  );

  return (
    <Modal
      open
      title={label}
      okText={label}
      cancelText={c.cancel}
      okButtonProps={{ danger: DANGER.includes(name), 'data-testid': 'action-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      width={PLAIN.includes(name) ? 520 : 680}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid={`action-dialog-${name}`}
    >
      <div style={{ marginBottom: 12, color: 'rgba(0,0,0,0.65)' }}>{task.title}</div>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          progress: { percent: task.progress.percent, text: '' },
          reassign: { leadUnitId: null, supportUnitIds: task.supportUnitIds },
          assigneeId: me.user.id,
        }}
      >
        {name === 'report_progress' && (
          <>
            <Form.Item label={m.percent} required>
              <Row gutter={12} align="middle">
                <Col flex="auto">
                  <Form.Item name={['progress', 'percent']} noStyle>
                    <Slider min={0} max={100} step={5} />
                  </Form.Item>
                </Col>
                <Col flex="110px">
                  <Form.Item
                    name={['progress', 'percent']}
                    noStyle
                    rules={[{ required: true, message: c.required }]}
                  >
                    <InputNumber
                      min={0}
                      max={100}
                      suffix="%"
                      style={{ width: 100 }}
                      data-testid="action-percent"
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Form.Item>
            <Form.Item
              name={['progress', 'text']}
              label={m.progressText}
              rules={[{ required: true, whitespace: true, message: c.required }]}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="action-progress-text" />
            </Form.Item>
            <Form.Item name="files" label={m.evidence}>
              <FileRefsInput label={m.uploadFiles} hint={m.uploadHint} data-testid="action-files" />
            </Form.Item>
          </>
        )}
        {name === 'request_extension' && (
          <>
            {task.dueAt && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title={`${m.dueMoment}: ${formatDateTime(task.dueAt)}`}
              />
            )}
            <Form.Item
              name={['extension', 'dueAt']}
              label={m.newDue}
              extra={m.newDueHint}
              rules={[{ required: true, message: c.requiredSelect }]}
            >
              <DatePicker
                format={DATE_FORMAT}
                style={{ width: 200 }}
                disabledDate={(d) =>
                  d.isBefore(dayjs(today), 'day') ||
                  (task.dueAt ? d.isBefore(dayjs(task.dueAt), 'day') : false)
                }
                data-testid="action-extension-date"
              />
            </Form.Item>
            {reasonItem}
          </>
        )}
        {(name === 'approve_extension' || name === 'refuse_extension') && task.pendingExtension && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={m.extensionRequest(formatDateTime(task.pendingExtension.dueAt))}
            description={m.extensionBy(task.pendingExtension.reason)}
          />
        )}
        {name === 'submit_completion' && (
          <>
            <Form.Item
              name={['result', 'text']}
              label={m.resultText}
              rules={[{ required: true, whitespace: true, message: m.resultDocRequired }]}
            >
              <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} data-testid="action-result-text" />
            </Form.Item>
            <Form.Item name={['result', 'files']} label={m.resultDoc}>
              <FileRefsInput label={m.uploadFiles} hint={m.uploadHint} data-testid="action-result-files" />
            </Form.Item>
          </>
        )}
        {name === 'reassign' && (
          <>
            <Form.Item
              name={['reassign', 'leadUnitId']}
              label={m.newLead}
              rules={[{ required: true, message: c.requiredSelect }]}
            >
              <UnitTreeSelect
                tree={units.tree}
                hideDissolved
                // A returned task may go back to the same unit (the leader insists).
                disabledIds={task.state === 'returned' ? undefined : new Set([task.leadUnitId])}
              />
            </Form.Item>
            <Form.Item name={['reassign', 'supportUnitIds']} label={m.newSupport}>
              <UnitTreeMultiSelect tree={units.tree} byId={units.byId} />
            </Form.Item>
          </>
        )}
        {name === 'assign_person' && (
          <Form.Item
            name="assigneeId"
            label={m.assignTo}
            extra={m.assignHint}
            rules={[{ required: true, message: c.requiredSelect }]}
          >
            <Select options={[{ value: me.user.id, label: m.assignToMe(me.user.displayName) }]} />
          </Form.Item>
        )}
        {name !== 'request_extension' &&
          name !== 'report_progress' &&
          name !== 'submit_completion' &&
          reasonItem}
      </Form>
    </Modal>
  );
}
