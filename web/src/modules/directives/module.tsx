import { FileTextOutlined, ImportOutlined, TeamOutlined } from '@ant-design/icons';
import { P } from '@dieuhanh/core/access/permissions';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.ts';

/** Directives and meetings (the two sources of tasks); the server has one module for each. */
export const directivesModule: WebModule = {
  key: 'directives',
  label: { vi: 'Chỉ đạo, điều hành', en: 'Direction' },
  pages: [
    {
      path: '/directives/*',
      label: { vi: 'Văn bản chỉ đạo', en: 'Directives' },
      icon: <FileTextOutlined />,
      permission: P.directiveRead,
      component: lazy(() => import('./DirectivesPage.tsx')),
    },
    {
      path: '/directives/import',
      label: { vi: 'Nhập văn bản chỉ đạo', en: 'Import a directive' },
      icon: <ImportOutlined />,
      permission: P.directiveWrite,
      component: lazy(() => import('./ImportPage.tsx')),
    },
    {
      path: '/meetings/*',
      label: { vi: 'Cuộc họp', en: 'Meetings' },
      icon: <TeamOutlined />,
      permission: P.directiveRead,
      component: lazy(() => import('./MeetingsPage.tsx')),
    },
  ],
};
