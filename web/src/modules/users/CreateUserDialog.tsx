import type { Official } from '@dieuhanh/core/api/org';
import { App, Col, Form, Input, Modal, Row, Select, Spin } from 'antd';
import { useState } from 'react';
import { toApiError } from '../../api/client.ts';
import { orgApi } from '../../api/org.ts';
import { usersApi } from '../../api/users.ts';
import { applyFieldErrors, useNotifyError } from '../../shared/errors.tsx';
import { useAsync } from '../../shared/hooks/useAsync.ts';
import { useDebounced } from '../../shared/hooks/useDebounced.ts';
import { common } from '../../shared/i18n/common.ts';
import { useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import type { UnitsState } from '../../shared/units/useUnits.ts';
import { usersMessages } from './messages.ts';

interface Values {
  username: string;
  displayName: string;
  email?: string;
  officialId?: string | null;
  password: string;
  confirm: string;
  locale: 'vi' | 'en';
}

const FIELDS = ['username', 'displayName', 'email', 'officialId', 'password', 'locale'];

export function CreateUserDialog({
  units,
  onClose,
  onCreated,
}: {
  units: UnitsState;
  onClose: () => void;
  onCreated: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const m = useMessages(usersMessages);
  const c = useMessages(common);
  const { lang } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [saving, setSaving] = useState(false);
  const [officialQuery, setOfficialQuery] = useState('');
  const q = useDebounced(officialQuery.trim(), 300);
  const officials = useAsync((signal) => orgApi.officials({ ...(q ? { q } : {}), limit: 30 }, signal), [q]);

  const label = (o: Official) =>
    [o.fullName, o.position, units.byId.get(o.unitId)?.name].filter(Boolean).join(' — ');

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      await usersApi.create({
        username: values.username.trim().toLowerCase(),
        displayName: values.displayName.trim(),
        email: values.email?.trim() ? values.email.trim() : null,
        officialId: values.officialId ?? null,
        password: values.password,
        locale: values.locale,
      });
      message.success(m.userCreated);
      onCreated();
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'username_taken') {
        form.setFields([{ name: 'username', errors: [apiError.messageIn(lang)] }]);
      } else {
        const rest = applyFieldErrors(form, apiError, lang, FIELDS);
        if (rest.length > 0 || apiError.fields.length === 0) notifyError(apiError, { fields: rest });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={m.createUser}
      okText={c.create}
      cancelText={c.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      width={680}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid="create-user-dialog"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ locale: 'vi' }}>
        <Form.Item name="officialId" label={m.official} extra={m.officialHint}>
          <Select<string | null>
            allowClear
            showSearch={{ filterOption: false, onSearch: setOfficialQuery }}
            placeholder={m.officialSearch}
            notFoundContent={officials.loading ? <Spin size="small" /> : c.noData}
            options={(officials.data?.items ?? []).map((o) => ({ value: o.id, label: label(o) }))}
            onChange={(id) => {
              const official = officials.data?.items.find((o) => o.id === id);
              if (official && !form.getFieldValue('displayName')) {
                form.setFieldValue('displayName', official.fullName);
              }
            }}
            data-testid="create-user-official"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="username"
              label={m.username}
              extra={m.usernameRule}
              rules={[
                { required: true, message: c.required },
                { pattern: /^[a-z0-9._-]{3,50}$/, message: m.usernameRule },
              ]}
              normalize={(v: string) => v.toLowerCase()}
            >
              <Input autoComplete="off" data-testid="create-user-username" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="displayName"
              label={m.displayName}
              rules={[
                { required: true, whitespace: true, message: c.required },
                { max: 200, message: c.tooLong(200) },
              ]}
            >
              <Input data-testid="create-user-display-name" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="email" label={m.email} rules={[{ type: 'email', message: c.invalidEmail }]}>
              <Input autoComplete="off" data-testid="create-user-email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="locale" label={m.locale}>
              <Select
                options={[
                  { value: 'vi', label: c.vietnamese },
                  { value: 'en', label: c.english },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="password"
              label={m.password}
              rules={[
                { required: true, message: c.required },
                { min: 10, message: c.tooShort(10) },
                { max: 200, message: c.tooLong(200) },
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="create-user-password" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
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
              <Input.Password autoComplete="new-password" data-testid="create-user-confirm" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
