import type { UnitKind } from '@dieuhanh/core/org/units';
import type { Bilingual } from '../i18n/i18n.tsx';

/** How each kind of unit is named on screen (see the glossary) and the colour of its tag. */
export const UNIT_KIND_LABELS: Record<UnitKind, Bilingual> = {
  committee: { vi: 'Ủy ban nhân dân', en: "People's committee" },
  office: { vi: 'Văn phòng', en: 'Office' },
  department: { vi: 'Sở/ban/ngành', en: 'Department or agency' },
  public_service_unit: { vi: 'Đơn vị sự nghiệp', en: 'Public service unit' },
  service_center: { vi: 'Trung tâm PVHCC', en: 'Public service centre' },
  district: { vi: 'Cấp huyện (trước 01/7/2025)', en: 'District (before 1 July 2025)' },
  commune: { vi: 'Xã/phường', en: 'Commune or ward' },
  division: { vi: 'Phòng/ban', en: 'Division' },
};

export const UNIT_KIND_COLORS: Record<UnitKind, string> = {
  committee: 'red',
  office: 'volcano',
  department: 'blue',
  public_service_unit: 'cyan',
  service_center: 'purple',
  district: 'default',
  commune: 'green',
  division: 'geekblue',
};
