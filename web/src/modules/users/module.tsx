import { TeamOutlined } from '@ant-design/icons';
import { P } from '@dieuhanh/core/access/permissions';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.ts';

export const usersModule: WebModule = {
  key: 'users',
  label: { vi: 'Quản trị', en: 'Administration' },
  pages: [
    {
      path: '/admin/users',
      label: { vi: 'Tài khoản và phân quyền', en: 'Users and roles' },
      icon: <TeamOutlined />,
      permission: P.userRead,
      component: lazy(() => import('./UsersPage.tsx')),
    },
  ],
};
