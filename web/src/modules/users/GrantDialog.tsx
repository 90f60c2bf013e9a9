import { ROLE_LABELS, ROLES, type Role } from '@dieuhanh/core/access/permissions';
import type { User } from '@dieuhanh/core/api/auth';
import { App, Form, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { toApiError } from '../../api/client.ts';
import { usersApi } from '../../api/users.ts';
import { applyFieldErrors, useNotifyError } from '../../shared/errors.tsx';
import { common } from '../../shared/i18n/common.ts';
import { pick, useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { UnitTreeSelect } from '../../shared/units/UnitTreeSelect.tsx';
import type { UnitsState } from '../../shared/units/useUnits.ts';
import { usersMessages } from './messages.ts';

interface Values {
  role: Role;
  unitId: string;
}

/** Grants a role on a unit (and so on its whole subtree). */
export function GrantDialog({
  user,
  units,
  onClose,
  onGranted,
}: {
  user: User;
  units: UnitsState;
  onClose: () => void;
  onGranted: () => void;
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
      await usersApi.addGrant(user.id, values.role, values.unitId);
      message.success(m.grantAdded);
      onGranted();
    } catch (error) {
      const apiError = toApiError(error);
      const rest = applyFieldErrors(form, apiError, lang, ['role', 'unitId']);
      if (rest.length > 0 || apiError.fields.length === 0) notifyError(apiError, { fields: rest });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={m.grantTitle(user.displayName)}
      okText={m.addGrant}
      cancelText={c.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      data-testid="grant-dialog"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ unitId: user.unitId ?? undefined }}
      >
        <Form.Item name="role" label={m.role} rules={[{ required: true, message: c.requiredSelect }]}>
          <Select<Role>
            options={ROLES.map((role) => ({ value: role, label: pick(ROLE_LABELS[role], lang) }))}
            data-testid="grant-role"
          />
        </Form.Item>
        <Form.Item name="unitId" label={m.grantUnit} rules={[{ required: true, message: c.requiredSelect }]}>
          <UnitTreeSelect tree={units.tree} hideDissolved loading={units.loading} data-testid="grant-unit" />
        </Form.Item>
        <Typography.Text type="secondary">{m.grantHint}</Typography.Text>
      </Form>
    </Modal>
  );
}
