import { useMessages } from '../../shared/i18n/i18n.tsx';
import { tasksMessages } from './messages.ts';
import { TaskListView } from './TaskListView.tsx';

/**
 * The tasks of the caller's unit. `scope=all` asks for every task the caller may see, which for a
 * unit's officer is their unit's (a division's officer sees the department's too) and for the
 * Office monitor the province's; `scope=unit` would only cover the caller's own division.
 */
export default function UnitTasksPage() {
  const m = useMessages(tasksMessages);
  return <TaskListView scope="all" title={m.unitTitle} subtitle={m.unitSubtitle} />;
}
