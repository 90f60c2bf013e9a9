import { Paging } from '@dieuhanh/core/api/common';
import { type Static, Type } from 'typebox';

const Month = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
  description: 'YYYY-MM (giờ Việt Nam / Vietnam time)',
});

export const StatsQuerySchema = Type.Object({
  kind: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'task, dossier, feedback…' })),
  unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  from: Type.Optional(Month),
  to: Type.Optional(Month),
  subtree: Type.Optional(Type.Boolean({ default: false })),
});
export type StatsQuerySchema = Static<typeof StatsQuerySchema>;

const figures = {
  received: Type.Integer({ description: 'Tiếp nhận trong kỳ / received in the months' }),
  completedEarly: Type.Integer({ description: 'Hoàn thành trước hạn / completed early' }),
  completedOnTime: Type.Integer({ description: 'Hoàn thành đúng hạn / completed on time' }),
  completedLate: Type.Integer({ description: 'Hoàn thành quá hạn / completed late' }),
  cancelled: Type.Integer({ description: 'Hủy, rút / cancelled or withdrawn' }),
  openWithin: Type.Integer({ description: 'Đang xử lý trong hạn (hiện tại) / open within the deadline now' }),
  openOverdue: Type.Integer({ description: 'Đang xử lý quá hạn (hiện tại) / open and overdue now' }),
};

export const StatsSchema = Type.Object({
  kind: Type.Union([Type.String(), Type.Null()]),
  unitId: Type.Union([Type.String(), Type.Null()]),
  subtree: Type.Boolean(),
  from: Type.String(),
  to: Type.String(),
  units: Type.Array(Type.Object({ unitId: Type.String(), unitName: Type.String(), ...figures })),
  total: Type.Object(figures),
});

export const NotificationSchema = Type.Object({
  id: Type.String(),
  itemId: Type.Union([Type.String(), Type.Null()]),
  itemKind: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  titleVi: Type.String(),
  titleEn: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const NotificationListQuery = Type.Object({
  unread: Type.Optional(Type.Boolean()),
  ...Paging,
});

export const NotificationPage = Type.Object({
  items: Type.Array(NotificationSchema),
  total: Type.Integer(),
  unread: Type.Integer(),
});
