import { useMessages } from '../../shared/i18n/i18n.tsx';
import { tasksMessages } from './messages.ts';
import { TaskListView } from './TaskListView.tsx';

export default function MyTasksPage() {
  const m = useMessages(tasksMessages);
  return <TaskListView scope="mine" title={m.mineTitle} subtitle={m.mineSubtitle} />;
}
