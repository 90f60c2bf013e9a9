import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Meeting } from '@dieuhanh/core/api/directives';
import { describe, expect, it } from 'vitest';
import { getConclusionAssignment } from '../src/modules/meetings/service.ts';
import { call, login, type Session, TENANT, useApp } from './helper.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-meetings-'));
const ctx = useApp({ config: { dataDir } });

const sessions = new Map<string, Promise<Session>>();
function as(username: string): Promise<Session> {
  if (!sessions.has(username)) sessions.set(username, login(ctx, username));
  return sessions.get(username)!;
}

function uploadFile(session: Session, filename: string, bytes: Buffer) {
  const boundary = `----dh${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return ctx.app.inject({
    method: 'POST',
    url: '/api/files',
    payload,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
    },
  });
}

const fields = (res: { json(): { errors: Array<{ field: string }> } }) =>
  res.json().errors.map((e) => e.field);

/** A weekly briefing chaired by the chairman, with one unit present, one represented, one absent. */
function briefing(chairUserId: string, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Họp giao ban tháng 3 về kỷ luật, kỷ cương hành chính',
    chairUserId,
    chairName: 'Hoàng Văn Minh',
    heldAt: '2025-03-10T08:00:00+07:00',
    location: 'Phòng họp số 1, UBND tỉnh',
    attendees: [
      { unitId: 'so-noi-vu', personName: 'Vi Văn Toàn', attendance: 'present' },
      { unitId: 'thanh-tra-tinh', attendance: 'delegated', delegateName: 'Đinh Văn Hải' },
      { unitId: 'so-tai-chinh', attendance: 'absent', absenceReason: 'Đi công tác tại Hà Nội' },
      { personName: 'Nông Thị Thu', attendance: 'present' },
    ],
    conclusions: [
      {
        ref: '1',
        text: 'Sở Nội vụ chủ trì kiểm tra đột xuất việc chấp hành giờ làm việc',
        lead: ['so-noi-vu'],
        support: ['thanh-tra-tinh'],
        deadline: '2025-04-15',
      },
      { ref: '2', text: 'Các cơ quan rà soát hồ sơ tồn đọng' },
    ],
    ...overrides,
  };
}

describe('meetings register', () => {
  let meeting: Meeting;

  it('registers a meeting with attendance and conclusions, and reads it back', async () => {
    const s = await as('chutich');
    const res = await call(ctx, s, 'POST', '/api/meetings', briefing(s.userId));
    expect(res.statusCode).toBe(201);
    meeting = res.json();
    expect(meeting).toMatchObject({
      chairUserId: s.userId,
      chairName: 'Hoàng Văn Minh',
      heldAt: '2025-03-10T01:00:00.000Z',
      version: 1,
      createdBy: s.userId,
    });
    expect(meeting.attendees).toEqual([
      {
        unitId: 'so-noi-vu',
        personName: 'Vi Văn Toàn',
        attendance: 'present',
        delegateName: null,
        absenceReason: null,
      },
      {
        unitId: 'thanh-tra-tinh',
        personName: null,
        attendance: 'delegated',
        delegateName: 'Đinh Văn Hải',
        absenceReason: null,
      },
      {
        unitId: 'so-tai-chinh',
        personName: null,
        attendance: 'absent',
        delegateName: null,
        absenceReason: 'Đi công tác tại Hà Nội',
      },
      {
        unitId: null,
        personName: 'Nông Thị Thu',
        attendance: 'present',
        delegateName: null,
        absenceReason: null,
      },
    ]);
    expect(meeting.conclusions.map((c) => [c.ref, c.lead, c.support, c.deadline])).toEqual([
      ['1', ['so-noi-vu'], ['thanh-tra-tinh'], '2025-04-15'],
      ['2', [], [], null],
    ]);
    const reader = await as('chuyenvien.snv');
    expect((await call(ctx, reader, 'GET', `/api/meetings/${meeting.id}`)).json()).toEqual(meeting);

    // A conclusion is what a task is made from: the tasks module reads it through the service.
    expect(await getConclusionAssignment(ctx.deps.db, TENANT, meeting.conclusions[0]!.id)).toMatchObject({
      meetingId: meeting.id,
      lead: ['so-noi-vu'],
      support: ['thanh-tra-tinh'],
      deadline: '2025-04-15',
      meeting: { chairName: 'Hoàng Văn Minh', heldAt: '2025-03-10T01:00:00.000Z' },
    });
  });

  it('validates attendance: absent needs a reason, delegated a delegate, units must exist', async () => {
    const s = await as('vanphong');
    const before = (await call(ctx, s, 'GET', '/api/meetings')).json().total;
    const res = await call(
      ctx,
      s,
      'POST',
      '/api/meetings',
      briefing(s.userId, {
        chairUserId: 'khong-co-nguoi-dung',
        attendees: [
          { unitId: 'khong-co-don-vi', attendance: 'present' },
          { unitId: 'so-tai-chinh', attendance: 'absent' },
          { unitId: 'so-xay-dung', attendance: 'delegated', delegateName: '  ' },
          { attendance: 'present' },
          { unitId: 'so-y-te', attendance: 'present', absenceReason: 'Ốm' },
          { unitId: 'so-tai-chinh', attendance: 'present' },
        ],
        conclusions: [
          { ref: '1', text: 'Việc một', lead: ['khong-co'], deadline: '2025-03-09' },
          { ref: '1', text: 'Việc hai', lead: ['so-noi-vu'], support: ['so-noi-vu'] },
        ],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(fields(res).sort()).toEqual(
      [
        '/chairUserId',
        '/attendees/0/unitId',
        '/attendees/1/absenceReason',
        '/attendees/2/delegateName',
        '/attendees/3/unitId',
        '/attendees/4/absenceReason',
        '/attendees/5/unitId',
        '/conclusions/0/lead/0',
        '/conclusions/0/deadline',
        '/conclusions/1/ref',
        '/conclusions/1/support/0',
      ].sort(),
    );
    const absent = res.json().errors.find((e: { field: string }) => e.field === '/attendees/1/absenceReason');
    expect(absent).toMatchObject({
      messageVi: 'Vắng mặt phải ghi rõ lý do.',
      messageEn: 'An absence needs a reason.',
    });
    const schema = await call(
      ctx,
      s,
      'POST',
      '/api/meetings',
      briefing(s.userId, { heldAt: 'sáng thứ Hai' }),
    );
    expect(schema.statusCode).toBe(400);
    expect(fields(schema)).toEqual(['/heldAt']);
    expect((await call(ctx, s, 'GET', '/api/meetings')).json().total).toBe(before);
  });

  it('lists meetings newest first, searching titles without diacritics, by chair and by Vietnamese day', async () => {
    const s = await as('phochutich');
    const second = await call(ctx, s, 'POST', '/api/meetings', {
      title: 'Đối thoại với doanh nghiệp về thủ tục đất đai',
      chairUserId: s.userId,
      chairName: 'Lương Thị Hạnh',
      // 06:30 on 1 April in Vietnam is still 31 March in UTC: days are Vietnamese days.
      heldAt: '2025-04-01T06:30:00+07:00',
    });
    expect(second.statusCode).toBe(201);
    const reader = await as('giamdoc.snv');
    const ids = async (query: string) =>
      (await call(ctx, reader, 'GET', `/api/meetings?${query}`))
        .json()
        .items.map((m: { id: string }) => m.id);
    expect(await ids('')).toEqual([second.json().id, meeting.id]);
    expect(await ids(`q=${encodeURIComponent('doi thoai')}`)).toEqual([second.json().id]);
    expect(await ids(`q=${encodeURIComponent('KỶ LUẬT')}`)).toEqual([meeting.id]);
    expect(await ids(`chairUserId=${meeting.chairUserId}`)).toEqual([meeting.id]);
    expect(await ids('from=2025-04-01&to=2025-04-01')).toEqual([second.json().id]);
    expect(await ids('to=2025-03-31')).toEqual([meeting.id]);
    expect(await ids('from=2025-04-02')).toEqual([]);
    const page = (await call(ctx, reader, 'GET', '/api/meetings?limit=1&offset=1')).json();
    expect(page).toMatchObject({ total: 2, items: [{ id: meeting.id, conclusionCount: 2 }] });
    const bad = await call(ctx, reader, 'GET', '/api/meetings?from=2025-02-30');
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['/querystring/from']);
  });

  it('updates with the version read, keeps conclusion ids, refuses stale versions, and audits', async () => {
    const s = await as('vanphong');
    const [first, second] = meeting.conclusions;
    const res = await call(ctx, s, 'PATCH', `/api/meetings/${meeting.id}`, {
      version: 1,
      location: 'Hội trường UBND tỉnh',
      attendees: [{ unitId: 'so-tai-chinh', attendance: 'delegated', delegateName: 'Phó Giám đốc Sở' }],
      conclusions: [
        { id: second!.id, ref: '1', text: second!.text, lead: ['so-tai-chinh'] },
        { id: first!.id, ref: '2', text: first!.text, lead: ['so-noi-vu'], deadline: '2025-05-15' },
        { ref: '3', text: 'Văn phòng tổng hợp kết quả', lead: ['vp-ubnd'] },
      ],
    });
    expect(res.statusCode).toBe(200);
    const updated: Meeting = res.json();
    expect(updated.version).toBe(2);
    expect(updated.conclusions.map((c) => [c.id === second!.id, c.id === first!.id, c.ref])).toEqual([
      [true, false, '1'],
      [false, true, '2'],
      [false, false, '3'],
    ]);
    expect(updated.attendees).toHaveLength(1);

    const stale = await call(ctx, s, 'PATCH', `/api/meetings/${meeting.id}`, { version: 1, title: 'Khác' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    // Moving the meeting after a conclusion's deadline is refused, naming the conclusion.
    const late = await call(ctx, s, 'PATCH', `/api/meetings/${meeting.id}`, {
      version: 2,
      heldAt: '2025-06-01T08:00:00+07:00',
    });
    expect(late.statusCode).toBe(400);
    expect(fields(late)).toEqual(['/conclusions/1/deadline']);
    const foreign = await call(ctx, s, 'PATCH', `/api/meetings/${meeting.id}`, {
      version: 2,
      conclusions: [{ id: 'not-this-meeting', ref: '1', text: 'x' }],
    });
    expect(fields(foreign)).toEqual(['/conclusions/0/id']);
    expect((await call(ctx, s, 'PATCH', '/api/meetings/khong-co', { version: 1 })).statusCode).toBe(404);

    const timeline = (await call(ctx, s, 'GET', `/api/audit/meeting/${meeting.id}`)).json();
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['meeting.created', 'meeting.updated']);
    expect(timeline[1].before.location).toBe('Phòng họp số 1, UBND tỉnh');
    expect(timeline[1].after.location).toBe('Hội trường UBND tỉnh');
    meeting = updated;
  });

  it('attaches the minutes, readable by staff and not by citizens', async () => {
    const s = await as('vanphong');
    const minutes = await uploadFile(s, 'Biên bản họp.pdf', Buffer.from('%PDF-1.4\nbiên bản\n%%EOF'));
    expect(minutes.statusCode).toBe(201);
    const res = await call(ctx, s, 'PATCH', `/api/meetings/${meeting.id}`, {
      version: meeting.version,
      attachments: [{ sha256: minutes.json().sha256, purpose: 'minutes' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().attachments).toMatchObject([
      { name: 'Biên bản họp.pdf', purpose: 'minutes', mime: 'application/pdf' },
    ]);
    const officer = await as('chuyenvien.snv');
    const file = await call(ctx, officer, 'GET', `/api/files/${minutes.json().sha256}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^inline; filename="Bien ban hop.pdf"/);
    const citizen = await as('congdan');
    expect((await call(ctx, citizen, 'GET', `/api/files/${minutes.json().sha256}`)).statusCode).toBe(404);
  });

  it('is written by leaders and the office only, and read by staff only', async () => {
    const officer = await as('chuyenvien.snv');
    expect((await call(ctx, officer, 'POST', '/api/meetings', briefing(officer.userId))).statusCode).toBe(
      403,
    );
    expect(
      (await call(ctx, officer, 'PATCH', `/api/meetings/${meeting.id}`, { version: meeting.version }))
        .statusCode,
    ).toBe(403);
    const citizen = await as('congdan');
    expect((await call(ctx, citizen, 'GET', '/api/meetings')).statusCode).toBe(403);
    expect([403, 404]).toContain((await call(ctx, citizen, 'GET', `/api/meetings/${meeting.id}`)).statusCode);
    expect((await call(ctx, null, 'GET', '/api/meetings')).statusCode).toBe(401);
  });
});
