import { ApartmentOutlined, IdcardOutlined } from '@ant-design/icons';
import { P } from '@dieuhanh/core/access/permissions';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.ts';

export const orgModule: WebModule = {
  key: 'org',
  label: { vi: 'Tổ chức', en: 'Organisation' },
  pages: [
    {
      path: '/org/units',
      label: { vi: 'Cơ cấu tổ chức', en: 'Organisation chart' },
      icon: <ApartmentOutlined />,
      permission: P.unitRead,
      component: lazy(() => import('./OrganisationPage.tsx')),
    },
    {
      path: '/org/officials',
      label: { vi: 'Cán bộ, công chức', en: 'Officials' },
      icon: <IdcardOutlined />,
      permission: P.officialRead,
      component: lazy(() => import('./OfficialsPage.tsx')),
    },
  ],
};
