import { CalendarOutlined } from '@ant-design/icons';
import { P } from '@dieuhanh/core/access/permissions';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.ts';

export const calendarModule: WebModule = {
  key: 'calendar',
  label: { vi: 'Lịch', en: 'Calendar' },
  pages: [
    {
      path: '/calendar',
      label: { vi: 'Lịch làm việc', en: 'Working calendar' },
      icon: <CalendarOutlined />,
      // Every member of staff may read the calendar (its API needs only a session); there is no
      // `calendar.read` key, so the staff-only `official.read` stands for "staff" here.
      permission: P.officialRead,
      component: lazy(() => import('./CalendarPage.tsx')),
    },
  ],
};
