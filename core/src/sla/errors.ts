import { Conflict, fieldProblem, Invalid } from '../errors.ts';

/** The clock is in a state where the operation makes no sense (paused twice, used after stop…). */
export class ClockConflict extends Conflict {}

export const clockStopped = (operation: string) =>
  new ClockConflict(
    'clock_stopped',
    'Thời hạn xử lý đã kết thúc, không thể thay đổi.',
    `The clock is stopped; cannot ${operation}.`,
    { operation },
  );

export const clockAlreadyPaused = () =>
  new ClockConflict('clock_already_paused', 'Thời hạn xử lý đang tạm dừng.', 'The clock is already paused.');

export const clockNotPaused = () =>
  new ClockConflict(
    'clock_not_paused',
    'Thời hạn xử lý không ở trạng thái tạm dừng.',
    'The clock is not paused, so it cannot be resumed.',
  );

export const timeWentBackwards = (at: number, lastEventAt: number) =>
  new Invalid(
    [
      fieldProblem(
        '/at',
        'Thời điểm không được sớm hơn sự kiện gần nhất của thời hạn xử lý.',
        `The instant ${new Date(at).toISOString()} is before the clock's last event at ${new Date(lastEventAt).toISOString()}.`,
      ),
    ],
    'clock_time_backwards',
  );

export const invalidInstant = (field: string) =>
  new Invalid([fieldProblem(field, 'Thời điểm không hợp lệ.', 'Not a valid instant (epoch milliseconds).')]);
