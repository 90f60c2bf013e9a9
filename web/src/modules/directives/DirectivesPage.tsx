import { FileExcelOutlined, ImportOutlined } from '@ant-design/icons';
import { P } from '@dieuhanh/core/access/permissions';
import type { DirectiveListQuery, DirectiveSummary } from '@dieuhanh/core/api/directives';
import { DIRECTIVE_STATUSES, DIRECTIVE_TYPES } from '@dieuhanh/core/api/directives';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Input,
  Progress,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useSearchParams } from 'react-router';
import { directivesApi } from '../../api/directives.ts';
import { NotFound } from '../../app/router.tsx';
import { useCan } from '../../app/session.tsx';
import { LoadError } from '../../shared/components/LoadError.tsx';
import { PageHeader } from '../../shared/components/PageHeader.tsx';
import { downloadCsv } from '../../shared/csv.ts';
import { useNotifyError } from '../../shared/errors.tsx';
import { useAsync } from '../../shared/hooks/useAsync.ts';
import { useDebounced } from '../../shared/hooks/useDebounced.ts';
import { common } from '../../shared/i18n/common.ts';
import { DATE_FORMAT, formatDate, todayInVietnam } from '../../shared/i18n/format.ts';
import { pick, useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { UnitTreeSelect } from '../../shared/units/UnitTreeSelect.tsx';
import { useUnits } from '../../shared/units/useUnits.ts';
import DirectiveDetailPage from './DirectiveDetailPage.tsx';
import { DIRECTIVE_STATUS_LABELS, DOCUMENT_TYPE_LABELS, directivesMessages } from './messages.ts';

const PAGE_SIZE = 20;
type TaskStatusFilter = NonNullable<DirectiveListQuery['taskStatus']>;

export function TaskSummaryCell({ summary }: { summary: DirectiveSummary['taskSummary'] }) {
  const m = useMessages(directivesMessages);
  if (!summary || summary.total === 0) return <Typography.Text type="secondary">{m.noTasks}</Typography.Text>;
  const percent = Math.round((summary.done / summary.total) * 100);
  return (
    <Flex vertical gap={2} style={{ minWidth: 150 }}>
      <Progress
        percent={percent}
        size="small"
        status={summary.overdue > 0 ? 'exception' : percent === 100 ? 'success' : 'normal'}
        showInfo={false}
      />
      <Space size={4} wrap>
        <Typography.Text style={{ fontSize: 12 }}>
          {m.tasksSummary(summary.done, summary.total)}
        </Typography.Text>
        {summary.overdue > 0 && (
          <Tag color="red" style={{ fontSize: 11, marginInlineEnd: 0 }}>
            {m.overdueCount(summary.overdue)}
          </Tag>
        )}
      </Space>
    </Flex>
  );
}

function DirectiveList() {
  const m = useMessages(directivesMessages);
  const c = useMessages(common);
  const { lang } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const [text, setText] = useState(get('q') ?? '');
  const [signer, setSigner] = useState(get('signer') ?? '');
  const q = useDebounced(text.trim(), 300);
  const signerQ = useDebounced(signer.trim(), 300);
  const page = Number(get('page') ?? 1) || 1;
  const [exporting, setExporting] = useState(false);

  const set = (patch: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  const query: DirectiveListQuery = {
    ...(q ? { q } : {}),
    ...(signerQ ? { signer: signerQ } : {}),
    ...(get('issuer') ? { issuerUnitId: get('issuer') } : {}),
    ...(get('from') ? { from: get('from') } : {}),
    ...(get('to') ? { to: get('to') } : {}),
    ...(get('type') ? { type: get('type') as DirectiveListQuery['type'] } : {}),
    ...(get('status') ? { status: get('status') as DirectiveListQuery['status'] } : {}),
    ...(get('taskStatus') ? { taskStatus: get('taskStatus') as TaskStatusFilter } : {}),
  };
  const key = JSON.stringify(query);
  const list = useAsync(
    (signal) => directivesApi.list({ ...query, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
    [key, page],
  );
  const filtering = Object.keys(query).length > 0;

  const exportList = async () => {
    setExporting(true);
    try {
      const all = await directivesApi.list({ ...query, limit: 1000, offset: 0 });
      const name = `Danh sach van ban chi dao ${todayInVietnam()}.csv`;
      downloadCsv(
        name,
        [m.number, m.issuedOn, m.type, m.subject, m.issuer, m.signer, m.items, m.tasks, m.status],
        all.items.map((d) => [
          d.number,
          d.issuedOn ? formatDate(d.issuedOn) : null,
          pick(DOCUMENT_TYPE_LABELS[d.documentType], lang),
          d.subject,
          d.issuerName,
          d.signerName,
          d.itemCount,
          d.taskSummary ? m.tasksSummary(d.taskSummary.done, d.taskSummary.total) : null,
          pick(DIRECTIVE_STATUS_LABELS[d.status], lang),
        ]),
      );
      message.success(c.exported(name));
    } catch (error) {
      notifyError(error);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<DirectiveSummary> = [
    {
      title: m.number,
      key: 'number',
      width: 160,
      render: (_, d) => (
        <Flex vertical>
          <Typography.Text strong>
            {d.number ?? <Typography.Text type="secondary">{m.noNumber}</Typography.Text>}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDate(d.issuedOn)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: m.subject,
      key: 'subject',
      render: (_, d) => (
        <Flex vertical gap={2}>
          <Link to={`/directives/${d.id}`} data-testid="directive-link">
            {d.subject}
          </Link>
          <Space size={4} wrap>
            <Tag style={{ marginInlineEnd: 0 }}>{pick(DOCUMENT_TYPE_LABELS[d.documentType], lang)}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.itemsCount(d.itemCount)}
            </Typography.Text>
          </Space>
        </Flex>
      ),
    },
    {
      title: m.issuer,
      key: 'issuer',
      width: 230,
      render: (_, d) => (
        <Flex vertical>
          <span>{d.issuerName ?? (d.issuerUnitId ? units.byId.get(d.issuerUnitId)?.name : '')}</span>
          {d.signerName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {d.signerTitle ? `${d.signerTitle} ` : ''}
              {d.signerName}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: m.tasks,
      key: 'tasks',
      width: 190,
      render: (_, d) => <TaskSummaryCell summary={d.taskSummary} />,
    },
    {
      title: m.status,
      key: 'status',
      width: 120,
      render: (_, d) => (
        <Tag color={d.status === 'issued' ? 'green' : 'default'}>
          {pick(DIRECTIVE_STATUS_LABELS[d.status], lang)}
        </Tag>
      ),
    },
  ];

  const taskStatusOptions: { value: TaskStatusFilter; label: string }[] = [
    { value: 'open', label: m.taskStatusOpen },
    { value: 'overdue', label: m.taskStatusOverdue },
    { value: 'done', label: m.taskStatusDone },
    { value: 'none', label: m.taskStatusNone },
  ];

  return (
    <>
      <PageHeader
        title={m.title}
        subtitle={m.subtitle}
        extra={
          <>
            <Button
              icon={<FileExcelOutlined />}
              onClick={() => void exportList()}
              loading={exporting}
              data-testid="directives-export"
            >
              {c.exportExcel}
            </Button>
            {can(P.directiveWrite) && (
              <Button
                type="primary"
                icon={<ImportOutlined />}
                onClick={() => navigate('/directives/import')}
                data-testid="directives-import"
              >
                {m.importButton}
              </Button>
            )}
          </>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={8} wrap align="center" style={{ padding: 16, borderBottom: '1px solid #f0f0f0' }}>
          <Input.Search
            allowClear
            placeholder={m.searchPlaceholder}
            aria-label={m.searchPlaceholder}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              set({ q: e.target.value.trim() || null });
            }}
            style={{ flex: '1 1 320px', maxWidth: 460 }}
            data-testid="directive-search"
          />
          <div style={{ width: 240 }}>
            <UnitTreeSelect
              tree={units.tree}
              value={get('issuer') ?? null}
              onChange={(v) => set({ issuer: v })}
              placeholder={m.issuer}
              data-testid="directive-issuer-filter"
            />
          </div>
          <Input
            allowClear
            placeholder={m.signerPlaceholder}
            value={signer}
            onChange={(e) => {
              setSigner(e.target.value);
              set({ signer: e.target.value.trim() || null });
            }}
            style={{ width: 160 }}
            aria-label={m.signer}
          />
          <DatePicker.RangePicker
            format={DATE_FORMAT}
            value={[get('from') ? dayjs(get('from')) : null, get('to') ? dayjs(get('to')) : null]}
            onChange={(v) =>
              set({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })
            }
            placeholder={[m.issuedFrom, m.issuedTo]}
            aria-label={m.period}
            allowEmpty={[true, true]}
            style={{ width: 250 }}
          />
          <Select
            allowClear
            placeholder={m.allTypes}
            value={get('type') ?? null}
            onChange={(v) => set({ type: v })}
            options={DIRECTIVE_TYPES.map((t) => ({ value: t, label: pick(DOCUMENT_TYPE_LABELS[t], lang) }))}
            style={{ width: 180 }}
            aria-label={m.type}
          />
          <Select
            allowClear
            placeholder={m.status}
            value={get('status') ?? null}
            onChange={(v) => set({ status: v })}
            options={DIRECTIVE_STATUSES.map((s) => ({
              value: s,
              label: pick(DIRECTIVE_STATUS_LABELS[s], lang),
            }))}
            style={{ width: 140 }}
            aria-label={m.status}
          />
          <Select
            allowClear
            placeholder={m.taskStatus}
            value={get('taskStatus') ?? null}
            onChange={(v) => set({ taskStatus: v })}
            options={taskStatusOptions}
            style={{ width: 230 }}
            aria-label={m.taskStatus}
            data-testid="directive-task-status-filter"
          />
          {filtering && (
            <Button
              type="link"
              onClick={() => {
                setText('');
                setSigner('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {m.clearFilters}
            </Button>
          )}
          <div style={{ flex: 1 }} />
          {list.data && <Typography.Text type="secondary">{c.total(list.data.total)}</Typography.Text>}
        </Flex>
        {list.error ? (
          <div style={{ padding: 16 }}>
            <LoadError error={list.error} onRetry={list.reload} />
          </div>
        ) : (
          <Table<DirectiveSummary>
            rowKey="id"
            data-testid="directives-table"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onRow={(d) => ({ onDoubleClick: () => navigate(`/directives/${d.id}`) })}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (p) => set({ page: String(p) }),
              style: { paddingInline: 16 },
            }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={filtering ? m.noMatch : m.noDirectives}
                />
              ),
            }}
          />
        )}
      </Card>
    </>
  );
}

/** `/directives` (the list) and `/directives/:id` (one directive). */
export default function DirectivesPage() {
  return (
    <Routes>
      <Route index element={<DirectiveList />} />
      <Route path=":id" element={<DirectiveDetailPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
