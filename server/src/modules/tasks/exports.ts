import type { BoardQuery, TaskListQuery } from '@dieuhanh/core/api/tasks';
import { toIsoVn } from '@dieuhanh/core/calendar/index';
import { TASK_STATUS_LABELS } from '@dieuhanh/core/tasks/status';
import type { Actor, Deps } from '../../platform/context.ts';
import {
  datedFilename,
  type FileToSend,
  type ListFormat,
  writeAdministrativeDocx,
  writeList,
} from '../../platform/exports/index.ts';
import { taskPerformanceReport } from './board.ts';
import { listTasksForExport, type TaskExportRow } from './service.ts';

// As the contract names them (core/src/api/tasks.ts): high = khẩn, urgent = hỏa tốc.
const PRIORITY_LABELS: Record<string, string> = { normal: 'Thường', high: 'Khẩn', urgent: 'Hỏa tốc' };

/** The task list as the caller sees it (same filters and scope), as .xlsx or CSV. */
export async function exportTaskList(
  deps: Deps,
  actor: Actor,
  query: Omit<TaskListQuery, 'limit' | 'offset'>,
  format: ListFormat,
): Promise<FileToSend> {
  const rows = await listTasksForExport(deps, actor, query);
  const now = deps.now();
  const { buffer, mime, extension } = await writeList<TaskExportRow>(format, {
    sheetName: 'Nhiệm vụ',
    title: 'DANH SÁCH NHIỆM VỤ',
    subtitle: `Trích xuất lúc ${toIsoVn(now.getTime()).slice(11, 16)} ngày ${toIsoVn(now.getTime()).slice(0, 10).split('-').reverse().join('/')}`,
    locale: 'vi',
    rows,
    columns: [
      { key: 'title', headerVi: 'Nhiệm vụ', headerEn: 'Task', width: 48, type: 'text' },
      { key: 'leadUnitName', headerVi: 'Đơn vị chủ trì', headerEn: 'Lead unit', width: 30, type: 'text' },
      {
        key: 'supportUnitNames',
        headerVi: 'Đơn vị phối hợp',
        headerEn: 'Support units',
        width: 30,
        type: 'text',
        value: (r) => r.supportUnitNames.join('; '),
      },
      { key: 'assignerName', headerVi: 'Người giao', headerEn: 'Assigned by', width: 22, type: 'text' },
      { key: 'assigneeName', headerVi: 'Người thực hiện', headerEn: 'Assignee', width: 22, type: 'text' },
      { key: 'assignedAt', headerVi: 'Ngày giao', headerEn: 'Assigned', width: 12, type: 'date' },
      { key: 'dueAt', headerVi: 'Hạn xử lý', headerEn: 'Due', width: 16, type: 'datetime' },
      {
        key: 'status',
        headerVi: 'Tình trạng',
        headerEn: 'Status',
        width: 26,
        type: 'text',
        value: (r) => TASK_STATUS_LABELS[r.status]?.vi ?? r.status,
      },
      {
        key: 'progress',
        headerVi: 'Tiến độ',
        headerEn: 'Progress',
        width: 10,
        type: 'percent',
        value: (r) => r.progress.percent / 100,
      },
      { key: 'stoppedAt', headerVi: 'Ngày hoàn thành', headerEn: 'Completed', width: 16, type: 'datetime' },
      {
        key: 'priority',
        headerVi: 'Mức độ',
        headerEn: 'Priority',
        width: 12,
        type: 'text',
        value: (r) => PRIORITY_LABELS[r.priority] ?? r.priority,
      },
      { key: 'content', headerVi: 'Nội dung', headerEn: 'Content', width: 60, type: 'text' },
    ],
  });
  return { buffer, mime, filename: datedFilename('Danh sách nhiệm vụ', extension, now) };
}

const percent = (rate: number | null) =>
  rate === null ? '—' : `${(rate * 100).toFixed(1).replace('.', ',')} %`;
const monthLabel = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;

/**
 * The periodic report on task performance, laid out as an administrative report of the Office
 * (Decree 30/2020/NĐ-CP): figures per unit and per assigning leader for the months asked.
 */
export async function exportPerformanceReport(
  deps: Deps,
  actor: Actor,
  query: BoardQuery,
): Promise<FileToSend> {
  const byUnit = await taskPerformanceReport(deps, actor, query.from, query.to, 'unit');
  const byAssigner = await taskPerformanceReport(deps, actor, query.from, query.to, 'assigner');
  const now = deps.now();
  const today = toIsoVn(now.getTime()).slice(0, 10);
  const period =
    byUnit.from === byUnit.to
      ? `tháng ${monthLabel(byUnit.from)}`
      : `từ tháng ${monthLabel(byUnit.from)} đến tháng ${monthLabel(byUnit.to)}`;
  const columns = [
    { header: 'TT', width: 0.5, align: 'center' as const },
    { header: 'Đơn vị', width: 3 },
    { header: 'Được giao', width: 1, align: 'right' as const },
    { header: 'Trước hạn', width: 1, align: 'right' as const },
    { header: 'Đúng hạn', width: 1, align: 'right' as const },
    { header: 'Quá hạn', width: 1, align: 'right' as const },
    { header: 'Đang làm trong hạn', width: 1.2, align: 'right' as const },
    { header: 'Đang quá hạn', width: 1, align: 'right' as const },
    { header: 'Tỷ lệ đúng hạn', width: 1.2, align: 'right' as const },
  ];
  const line = (r: (typeof byUnit.rows)[number], i: number | null) => [
    i === null ? '' : i + 1,
    r.name,
    r.received,
    r.doneEarly,
    r.doneOnTime,
    r.doneLate,
    r.openWithin,
    r.overdue,
    percent(r.onTimeRate),
  ];
  const total = byUnit.total;
  const done = total.doneEarly + total.doneOnTime + total.doneLate;
  const buffer = await writeAdministrativeDocx({
    issuerParent: 'ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN',
    issuer: 'VĂN PHÒNG',
    number: '/BC-VP',
    place: 'Lạng Sơn',
    date: today,
    documentType: 'BÁO CÁO',
    subject: `Tình hình thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch, các Phó Chủ tịch UBND tỉnh giao ${period}`,
    body: [
      { kind: 'heading', level: 1, text: 'I. KẾT QUẢ THỰC HIỆN' },
      {
        kind: 'paragraph',
        text: `Trong kỳ báo cáo (${period}), các cơ quan, đơn vị, địa phương được giao ${total.received} nhiệm vụ; đã hoàn thành ${done} nhiệm vụ (trước hạn ${total.doneEarly}, đúng hạn ${total.doneOnTime}, quá hạn ${total.doneLate}), tỷ lệ hoàn thành đúng hạn ${percent(total.onTimeRate)}. Hiện còn ${total.openWithin} nhiệm vụ đang thực hiện trong hạn và ${total.overdue} nhiệm vụ đang quá hạn.`,
      },
      {
        kind: 'table',
        title: 'Bảng 1. Kết quả theo đơn vị chủ trì',
        columns,
        rows: byUnit.rows.map((r, i) => line(r, i)),
        totals: ['', 'Tổng cộng', ...line(total, null).slice(2)],
      },
      {
        kind: 'table',
        title: 'Bảng 2. Kết quả theo lãnh đạo giao nhiệm vụ',
        columns: columns.map((c, i) => (i === 1 ? { ...c, header: 'Lãnh đạo giao' } : c)),
        rows: byAssigner.rows.map((r, i) => line(r, i)),
      },
      { kind: 'heading', level: 1, text: 'II. ĐỀ XUẤT, KIẾN NGHỊ' },
      {
        kind: 'paragraph',
        text: 'Đề nghị Thủ trưởng các cơ quan, đơn vị có nhiệm vụ quá hạn khẩn trương chỉ đạo hoàn thành, báo cáo rõ nguyên nhân và trách nhiệm của tập thể, cá nhân liên quan.',
      },
    ],
    copiesTo: ['Chủ tịch, các PCT UBND tỉnh', 'Các Sở, ban, ngành', 'UBND các xã, phường'],
    archive: 'TH',
    signer: {
      authority: 'KT. CHÁNH VĂN PHÒNG',
      title: 'PHÓ CHÁNH VĂN PHÒNG',
      name: actor.principal.displayName,
    },
  });
  return {
    buffer,
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    filename: datedFilename('Báo cáo thực hiện nhiệm vụ', 'docx', now),
  };
}
