import { App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { authApi } from '../../api/auth.ts';
import { toApiError } from '../../api/client.ts';
import { applyFieldErrors, useNotifyError } from '../../shared/errors.tsx';
import { common } from '../../shared/i18n/common.ts';
import { useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { shellMessages } from '../messages.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { lang } = useI18n();
  const m = useMessages(shellMessages);
  const c = useMessages(common);
  const { message } = App.useApp();
  const notifyError = useNotifyError();

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      await authApi.changePassword(values.currentPassword, values.newPassword);
      message.success(m.passwordChanged);
      form.resetFields();
      onClose();
    } catch (error) {
      const apiError = toApiError(error);
      const rest = applyFieldErrors(form, apiError, lang, ['currentPassword', 'newPassword']);
      if (rest.length > 0 || apiError.fields.length === 0) notifyError(apiError, { fields: rest });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={m.changePassword}
      okText={c.save}
      cancelText={c.cancel}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
      data-testid="change-password-dialog"
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={m.currentPassword}
          rules={[{ required: true, message: c.required }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={m.newPassword}
          rules={[
            { required: true, message: c.required },
            { min: 10, message: c.tooShort(10) },
            { max: 200, message: c.tooLong(200) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={m.confirmPassword}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: c.required },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(m.passwordMismatch)),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Typography.Text type="secondary">{m.passwordHint}</Typography.Text>
      </Form>
    </Modal>
  );
}
