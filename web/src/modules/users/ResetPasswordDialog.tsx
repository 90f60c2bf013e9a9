import type { User } from '@dieuhanh/core/api/auth';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { toApiError } from '../../api/client.ts';
import { usersApi } from '../../api/users.ts';
import { applyFieldErrors, useNotifyError } from '../../shared/errors.tsx';
import { common } from '../../shared/i18n/common.ts';
import { useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { usersMessages } from './messages.ts';

interface Values {
  password: string;
  confirm: string;
}

export function ResetPasswordDialog({
  user,
  onClose,
  onDone,
}: {
  user: User;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const m = useMessages(usersMessages);
  const c = useMessages(common);
  const { lang } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [saving, setSaving] = useState(false);

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      await usersApi.update(user.id, { version: user.version, password: values.password });
      message.success(m.passwordReset);
      onDone();
    } catch (error) {
      const apiError = toApiError(error);
      const rest = applyFieldErrors(form, apiError, lang, ['password']);
      if (rest.length > 0 || apiError.fields.length === 0) {
        notifyError(apiError, { fields: rest, ...(apiError.status === 409 ? { title: c.staleTitle } : {}) });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={m.resetTitle(user.displayName)}
      okText={m.resetPassword}
      cancelText={c.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      data-testid="reset-password-dialog"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="password"
          label={m.newPassword}
          rules={[
            { required: true, message: c.required },
            { min: 10, message: c.tooShort(10) },
            { max: 200, message: c.tooLong(200) },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={m.confirmPassword}
          dependencies={['password']}
          rules={[
            { required: true, message: c.required },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(m.passwordMismatch)),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-confirm" />
        </Form.Item>
        <Typography.Text type="secondary">{m.resetHint}</Typography.Text>
      </Form>
    </Modal>
  );
}
