import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useLocation } from 'react-router';
import { type ApiError, toApiError } from '../../api/client.ts';
import { StarMark } from '../../app/layout/Brand.tsx';
import { useSession } from '../../app/session.tsx';
import { common } from '../../shared/i18n/common.ts';
import { type Lang, useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { authMessages } from './messages.ts';

interface Values {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { login } = useSession();
  const { lang, setLang } = useI18n();
  const m = useMessages(authMessages);
  const c = useMessages(common);
  const location = useLocation();
  const expired = (location.state as { expired?: boolean } | null)?.expired === true;
  const [error, setError] = useState<ApiError>();
  const [submitting, setSubmitting] = useState(false);
  const [form] = Form.useForm<Values>();

  const submit = async (values: Values) => {
    setSubmitting(true);
    setError(undefined);
    try {
      await login(values.username.trim(), values.password);
      // The /login route redirects once the session is set.
    } catch (e) {
      setError(toApiError(e));
      form.setFieldValue('password', '');
      setSubmitting(false);
    }
  };

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 16,
        background: 'linear-gradient(160deg, #0b3a75 0%, #0b4f9c 45%, #eef2f7 45.1%, #f3f5f8 100%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 420, boxShadow: '0 10px 30px rgba(11, 58, 117, 0.18)' }}>
        <Flex justify="flex-end">
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={setLang}
            options={[
              { label: 'VI', value: 'vi', title: c.vietnamese },
              { label: 'EN', value: 'en', title: c.english },
            ]}
            data-testid="login-lang"
          />
        </Flex>
        <Flex vertical align="center" gap={8} style={{ margin: '8px 0 24px' }}>
          <StarMark size={52} />
          <Typography.Title level={2} style={{ margin: 0 }}>
            {c.appName}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {c.appTagline}
          </Typography.Text>
        </Flex>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {m.title}
        </Typography.Title>
        {expired && !error && (
          <Alert type="info" showIcon title={m.sessionExpired} style={{ marginBottom: 16 }} />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            title={m.failed}
            description={error.messageIn(lang)}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
            role="alert"
          />
        )}
        <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item
            name="username"
            label={m.username}
            rules={[{ required: true, whitespace: true, message: m.usernameRequired }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={m.password}
            rules={[{ required: true, message: m.passwordRequired }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {m.submit}
          </Button>
        </Form>
        <Typography.Paragraph
          type="secondary"
          style={{ marginTop: 20, marginBottom: 0, fontSize: 12, textAlign: 'center' }}
        >
          {m.footer}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
