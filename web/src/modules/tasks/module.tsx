import { BarChartOutlined, CarryOutOutlined, ClusterOutlined, ProfileOutlined } from '@ant-design/icons';
import { P } from '@dieuhanh/core/access/permissions';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.ts';

export const tasksModule: WebModule = {
  key: 'tasks',
  label: { vi: 'Nhiệm vụ', en: 'Tasks' },
  pages: [
    {
      path: '/tasks/mine',
      label: { vi: 'Nhiệm vụ của tôi', en: 'My tasks' },
      icon: <CarryOutOutlined />,
      permission: P.taskRead,
      component: lazy(() => import('./MyTasksPage.tsx')),
    },
    {
      path: '/tasks/unit',
      label: { vi: 'Nhiệm vụ của đơn vị', en: 'My unit’s tasks' },
      icon: <ClusterOutlined />,
      permission: P.taskRead,
      component: lazy(() => import('./UnitTasksPage.tsx')),
    },
    {
      path: '/tasks/board',
      label: { vi: 'Bảng theo dõi', en: 'Monitoring board' },
      icon: <BarChartOutlined />,
      permission: P.statsRead,
      component: lazy(() => import('./BoardPage.tsx')),
    },
    {
      path: '/tasks/:id',
      label: { vi: 'Chi tiết nhiệm vụ', en: 'Task' },
      icon: <ProfileOutlined />,
      permission: P.taskRead,
      hidden: true,
      component: lazy(() => import('./TaskDetailPage.tsx')),
    },
  ],
};
