import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Empty, Flex, Segmented, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { type NotificationPage, type NotificationView, notificationsApi } from '../../api/notifications.ts';
import { useNotifyError } from '../../shared/errors.tsx';
import { common } from '../../shared/i18n/common.ts';
import { formatDateTime } from '../../shared/i18n/format.ts';
import { useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { shellMessages } from '../messages.ts';

const POLL_MS = 60_000;

/** Where a notification leads (the task it is about). */
function targetOf(n: NotificationView): string | null {
  if (!n.itemId) return null;
  if (n.itemKind === 'task') return `/tasks/${encodeURIComponent(n.itemId)}`;
  return null;
}

/**
 * The bell in the header: the unread count (polled every minute, and when the tab comes back),
 * the latest notifications in a drop-down, mark one read by opening it, or all at once.
 */
export function NotificationBell() {
  const m = useMessages(shellMessages);
  const c = useMessages(common);
  const { lang } = useI18n();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const [count, setCount] = useState(0);
  const [open, setOpen] = useState(false);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState<NotificationPage | null>(null);
  const [loading, setLoading] = useState(false);

  const refreshCount = useCallback(async () => {
    try {
      setCount((await notificationsApi.unreadCount()).count);
    } catch {
      // The bell stays as it was; the next poll tries again.
    }
  }, []);

  useEffect(() => {
    void refreshCount();
    const timer = setInterval(() => void refreshCount(), POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refreshCount();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refreshCount]);

  const load = useCallback(
    async (onlyUnread: boolean) => {
      setLoading(true);
      try {
        const result = await notificationsApi.list({ limit: 15, ...(onlyUnread ? { unread: true } : {}) });
        setPage(result);
        setCount(result.unread);
      } catch (error) {
        notifyError(error);
      } finally {
        setLoading(false);
      }
    },
    [notifyError],
  );

  useEffect(() => {
    if (open) void load(unreadOnly);
  }, [open, unreadOnly, load]);

  const openOne = async (n: NotificationView) => {
    setOpen(false);
    if (!n.readAt) {
      try {
        await notificationsApi.markRead(n.id);
        setCount((c) => Math.max(0, c - 1));
      } catch (error) {
        notifyError(error);
      }
    }
    const target = targetOf(n);
    if (target) navigate(target);
  };

  const markAll = async () => {
    try {
      await notificationsApi.markAllRead();
      setCount(0);
      await load(unreadOnly);
    } catch (error) {
      notifyError(error);
    }
  };

  const panel = (
    <div
      style={{
        width: 440,
        background: '#fff',
        borderRadius: 8,
        boxShadow: '0 6px 16px rgba(0,0,0,0.12), 0 3px 6px -4px rgba(0,0,0,0.12)',
      }}
      data-testid="notifications-panel"
    >
      <Flex
        justify="space-between"
        align="center"
        style={{ padding: '10px 14px', borderBottom: '1px solid #f0f0f0' }}
      >
        <Typography.Text strong>{m.notifications}</Typography.Text>
        <Flex gap={8} align="center">
          <Segmented
            size="small"
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => setUnreadOnly(v === 'unread')}
            options={[
              { value: 'all', label: c.all },
              { value: 'unread', label: m.onlyUnread },
            ]}
          />
          <Button
            size="small"
            type="link"
            icon={<CheckOutlined />}
            disabled={count === 0}
            onClick={() => void markAll()}
            data-testid="notifications-read-all"
          >
            {m.markAllRead}
          </Button>
        </Flex>
      </Flex>
      <Spin spinning={loading}>
        <div style={{ maxHeight: 420, overflow: 'auto' }}>
          {page && page.items.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={m.noNotifications}
              style={{ padding: 24 }}
            />
          ) : (
            (page?.items ?? []).map((n) => (
              <button
                type="button"
                key={n.id}
                onClick={() => void openOne(n)}
                className={`notification-row${n.readAt ? '' : ' unread'}`}
                data-testid="notification-item"
              >
                <span className="dot" />
                <span style={{ flex: 1, minWidth: 0 }}>
                  <span className="title">{lang === 'vi' ? n.titleVi : n.titleEn}</span>
                  <span className="time">{formatDateTime(n.createdAt)}</span>
                </span>
              </button>
            ))
          )}
        </div>
      </Spin>
    </div>
  );

  return (
    <Dropdown
      open={open}
      onOpenChange={setOpen}
      trigger={['click']}
      placement="bottomRight"
      popupRender={() => panel}
    >
      <Button
        type="text"
        aria-label={m.notificationsUnread(count)}
        data-testid="notifications-bell"
        style={{ color: '#fff', height: 40, width: 44 }}
      >
        <Badge
          count={count}
          size="small"
          overflowCount={99}
          offset={[4, -2]}
          data-testid="notifications-count"
        >
          <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
