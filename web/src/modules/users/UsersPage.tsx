import { KeyOutlined, LockOutlined, PlusOutlined, UnlockOutlined, UserAddOutlined } from '@ant-design/icons';
import { P, ROLE_LABELS } from '@dieuhanh/core/access/permissions';
import type { GrantView, User } from '@dieuhanh/core/api/auth';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { toApiError } from '../../api/client.ts';
import { usersApi } from '../../api/users.ts';
import { useCan, useMe } from '../../app/session.tsx';
import { LoadError } from '../../shared/components/LoadError.tsx';
import { PageHeader } from '../../shared/components/PageHeader.tsx';
import { useNotifyError } from '../../shared/errors.tsx';
import { useAsync } from '../../shared/hooks/useAsync.ts';
import { useDebounced } from '../../shared/hooks/useDebounced.ts';
import { common } from '../../shared/i18n/common.ts';
import { pick, useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { useUnits } from '../../shared/units/useUnits.ts';
import { CreateUserDialog } from './CreateUserDialog.tsx';
import { GrantDialog } from './GrantDialog.tsx';
import { usersMessages } from './messages.ts';
import { ResetPasswordDialog } from './ResetPasswordDialog.tsx';

const PAGE_SIZE = 20;

type Dialog = { kind: 'create' } | { kind: 'grant'; user: User } | { kind: 'reset'; user: User };

export default function UsersPage() {
  const m = useMessages(usersMessages);
  const c = useMessages(common);
  const { lang } = useI18n();
  const me = useMe();
  const can = useCan();
  const canWrite = can(P.userWrite);
  const { message, modal } = App.useApp();
  const notifyError = useNotifyError();
  const units = useUnits();
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 300);
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const list = useAsync(
    (signal) =>
      usersApi.list({ ...(q ? { q } : {}), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
    [q, page],
  );

  /** Runs a write, reports success or the server's error, then refreshes the list. */
  const act = async (key: string, action: () => Promise<unknown>, success: string) => {
    setBusy(key);
    try {
      await action();
      message.success(success);
    } catch (error) {
      const apiError = toApiError(error);
      notifyError(apiError, apiError.code === 'stale_version' ? { title: c.staleTitle } : {});
    } finally {
      setBusy(null);
      list.reload();
    }
  };

  const toggleDisabled = (user: User) =>
    act(
      `disable:${user.id}`,
      () => usersApi.update(user.id, { version: user.version, disabled: !user.disabled }),
      user.disabled ? m.enabledDone : m.disabledDone,
    );

  const confirmRemoveGrant = (user: User, grant: GrantView) => {
    const role = pick(ROLE_LABELS[grant.role], lang);
    modal.confirm({
      title: m.removeGrantTitle,
      content: m.removeGrantText(role, grant.unitName, user.displayName),
      okText: m.removeGrant,
      okButtonProps: { danger: true },
      cancelText: c.cancel,
      onOk: () => act(`grant:${grant.id}`, () => usersApi.removeGrant(user.id, grant.id), m.grantRemoved),
    });
  };

  const columns: TableColumnsType<User> = [
    {
      title: m.account,
      key: 'account',
      width: 260,
      render: (_, user) => (
        <Flex vertical>
          <span>
            <strong>{user.displayName}</strong>
            {user.id === me.user.id && (
              <Tag color="blue" style={{ marginInlineStart: 8 }}>
                {m.you}
              </Tag>
            )}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {user.username}
            {user.email ? ` · ${user.email}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: m.unit,
      key: 'unit',
      render: (_, user) =>
        user.unitId ? (
          (units.byId.get(user.unitId)?.name ?? user.unitId)
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: m.roles,
      key: 'roles',
      render: (_, user) => (
        <Flex vertical gap={6} align="flex-start" data-testid={`user-grants-${user.username}`}>
          {user.grants.length === 0 && <Typography.Text type="secondary">{m.noRoles}</Typography.Text>}
          {user.grants.map((grant) => (
            <Tooltip key={grant.id} title={`${pick(ROLE_LABELS[grant.role], lang)} — ${grant.unitName}`}>
              <Tag
                color={grant.role === 'admin' ? 'red' : 'blue'}
                // Revoking one's own administrator role would lock oneself out of this page.
                closable={canWrite && !(user.id === me.user.id && grant.role === 'admin')}
                onClose={(e) => {
                  e.preventDefault();
                  confirmRemoveGrant(user, grant);
                }}
                style={{ marginInlineEnd: 0, maxWidth: 360, whiteSpace: 'normal' }}
                data-testid="user-grant"
              >
                {pick(ROLE_LABELS[grant.role], lang)}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {' · '}
                  {grant.unitName}
                </Typography.Text>
              </Tag>
            </Tooltip>
          ))}
          {canWrite && (
            <Button
              size="small"
              type="link"
              icon={<PlusOutlined />}
              style={{ paddingInline: 0 }}
              onClick={() => setDialog({ kind: 'grant', user })}
              data-testid={`user-add-grant-${user.username}`}
            >
              {m.addGrant}
            </Button>
          )}
        </Flex>
      ),
    },
    {
      title: m.status,
      key: 'status',
      width: 140,
      render: (_, user) =>
        user.disabled ? (
          <Tag color="red" data-testid="user-status">
            {m.disabled}
          </Tag>
        ) : (
          <Tag color="green" data-testid="user-status">
            {m.active}
          </Tag>
        ),
    },
    ...(canWrite
      ? [
          {
            title: c.actions,
            key: 'actions',
            width: 190,
            render: (_: unknown, user: User) => {
              const self = user.id === me.user.id;
              return (
                <Flex vertical align="flex-start">
                  <Button
                    type="link"
                    size="small"
                    icon={<KeyOutlined />}
                    onClick={() => setDialog({ kind: 'reset', user })}
                    data-testid={`user-reset-${user.username}`}
                    style={{ paddingInline: 0 }}
                  >
                    {m.resetPassword}
                  </Button>
                  <Popconfirm
                    title={user.disabled ? m.enable : m.disable}
                    description={
                      user.disabled ? m.enableConfirm(user.displayName) : m.disableConfirm(user.displayName)
                    }
                    okText={c.confirm}
                    cancelText={c.cancel}
                    okButtonProps={{ danger: !user.disabled }}
                    onConfirm={() => toggleDisabled(user)}
                    disabled={self}
                  >
                    <Tooltip title={self ? m.cannotDisableSelf : undefined}>
                      <Button
                        type="link"
                        size="small"
                        icon={user.disabled ? <UnlockOutlined /> : <LockOutlined />}
                        danger={!user.disabled}
                        disabled={self}
                        loading={busy === `disable:${user.id}`}
                        data-testid={`user-toggle-${user.username}`}
                        style={{ paddingInline: 0 }}
                      >
                        {user.disabled ? m.enable : m.disable}
                      </Button>
                    </Tooltip>
                  </Popconfirm>
                </Flex>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={m.title}
        subtitle={m.subtitle}
        extra={
          canWrite && (
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              onClick={() => setDialog({ kind: 'create' })}
              data-testid="user-create"
            >
              {m.createUser}
            </Button>
          )
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={12} wrap align="center" style={{ padding: 16, borderBottom: '1px solid #f0f0f0' }}>
          <Input.Search
            allowClear
            placeholder={m.searchPlaceholder}
            aria-label={m.searchPlaceholder}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setPage(1);
            }}
            style={{ flex: '1 1 280px', maxWidth: 420 }}
            data-testid="user-search"
          />
          <div style={{ flex: 1 }} />
          {list.data && <Typography.Text type="secondary">{c.total(list.data.total)}</Typography.Text>}
        </Flex>
        {list.error && !list.data ? (
          <div style={{ padding: 16 }}>
            <LoadError error={list.error} onRetry={list.reload} />
          </div>
        ) : (
          <Table<User>
            data-testid="users-table"
            rowKey="id"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              onChange: setPage,
              style: { paddingInline: 16 },
            }}
            rowClassName={(user) => (user.disabled ? 'row-disabled' : '')}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q ? m.noMatch : m.noUsers} />
              ),
            }}
          />
        )}
      </Card>
      {dialog?.kind === 'create' && (
        <CreateUserDialog
          units={units}
          onClose={() => setDialog(null)}
          onCreated={() => {
            setDialog(null);
            list.reload();
          }}
        />
      )}
      {dialog?.kind === 'grant' && (
        <GrantDialog
          user={dialog.user}
          units={units}
          onClose={() => setDialog(null)}
          onGranted={() => {
            setDialog(null);
            list.reload();
          }}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ResetPasswordDialog
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            list.reload();
          }}
        />
      )}
    </>
  );
}
