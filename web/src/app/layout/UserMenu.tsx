import {
  CheckOutlined,
  DownOutlined,
  GlobalOutlined,
  KeyOutlined,
  LogoutOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS } from '@dieuhanh/core/access/permissions';
import { App, Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useNotifyError } from '../../shared/errors.tsx';
import { common } from '../../shared/i18n/common.ts';
import { type Lang, pick, useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { shellMessages } from '../messages.ts';
import { useMe, useSession } from '../session.tsx';
import { ChangePasswordDialog } from './ChangePasswordDialog.tsx';

export function UserMenu() {
  const me = useMe();
  const { logout } = useSession();
  const { lang, setLang } = useI18n();
  const m = useMessages(shellMessages);
  const c = useMessages(common);
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const navigate = useNavigate();
  const [passwordOpen, setPasswordOpen] = useState(false);

  const languages: { key: Lang; label: string }[] = [
    { key: 'vi', label: c.vietnamese },
    { key: 'en', label: c.english },
  ];
  const roles = me.grants.map((g) => `${pick(ROLE_LABELS[g.role], lang)} — ${g.unitName}`);

  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <div style={{ maxWidth: 320 }}>
          <div style={{ fontWeight: 600, color: 'rgba(0,0,0,0.88)' }}>{me.user.displayName}</div>
          <div>{me.user.username}</div>
          {roles.map((r) => (
            <div key={r} style={{ fontSize: 12 }}>
              {r}
            </div>
          ))}
        </div>
      ),
    },
    { type: 'divider' },
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: <span data-testid="menu-change-password">{m.changePassword}</span>,
    },
    { type: 'divider' },
    {
      key: 'language',
      type: 'group',
      label: (
        <span data-testid="menu-language">
          <GlobalOutlined /> {c.language}
        </span>
      ),
      children: languages.map((l) => ({
        key: `lang:${l.key}`,
        label: (
          <span data-testid={`menu-lang-${l.key}`} lang={l.key}>
            {l.label}
          </span>
        ),
        icon: lang === l.key ? <CheckOutlined /> : <span style={{ display: 'inline-block', width: 14 }} />,
      })),
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="menu-logout">{m.logout}</span>,
    },
  ];

  const onClick: MenuProps['onClick'] = async ({ key }) => {
    if (key === 'password') setPasswordOpen(true);
    else if (key.startsWith('lang:')) setLang(key.slice(5) as Lang);
    else if (key === 'logout') {
      try {
        await logout();
        message.success(m.loggedOut);
        navigate('/login', { replace: true });
      } catch (error) {
        notifyError(error);
      }
    }
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <Button
          type="text"
          data-testid="user-menu"
          aria-label={m.userMenu}
          style={{ color: '#fff', height: 40 }}
        >
          <Avatar size="small" icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,0.22)' }} />
          <span style={{ maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {me.user.displayName}
          </span>
          <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
      <ChangePasswordDialog open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </>
  );
}
