import type { Official } from '@dieuhanh/core/api/org';
import { Card, Empty, Flex, Input, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { orgApi } from '../../api/org.ts';
import { LoadError } from '../../shared/components/LoadError.tsx';
import { PageHeader } from '../../shared/components/PageHeader.tsx';
import { useAsync } from '../../shared/hooks/useAsync.ts';
import { useDebounced } from '../../shared/hooks/useDebounced.ts';
import { common } from '../../shared/i18n/common.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { UnitTreeSelect } from '../../shared/units/UnitTreeSelect.tsx';
import { useUnits } from '../../shared/units/useUnits.ts';
import { orgMessages } from './messages.ts';

const PAGE_SIZE = 20;

/** Every official the user may see, searched by name on the server (diacritics-insensitive). */
export default function OfficialsPage() {
  const m = useMessages(orgMessages);
  const c = useMessages(common);
  const units = useUnits();
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 300);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [subtree, setSubtree] = useState(true);
  const [page, setPage] = useState(1);

  const { data, error, loading, reload } = useAsync(
    (signal) =>
      orgApi.officials(
        {
          ...(q ? { q } : {}),
          ...(unitId ? { unitId, subtree } : {}),
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        },
        signal,
      ),
    [q, unitId, subtree, page],
  );

  const columns: TableColumnsType<Official> = [
    {
      title: m.fullName,
      dataIndex: 'fullName',
      key: 'fullName',
      render: (v: string) => <strong>{v}</strong>,
    },
    { title: m.position, dataIndex: 'position', key: 'position' },
    {
      title: m.unit,
      dataIndex: 'unitId',
      key: 'unit',
      render: (id: string) => (
        <Link to={`/org/units?unit=${encodeURIComponent(id)}`}>{units.byId.get(id)?.name ?? id}</Link>
      ),
    },
    { title: m.officialCode, dataIndex: 'code', key: 'code', width: 110 },
    {
      title: m.status,
      dataIndex: 'active',
      key: 'active',
      width: 130,
      render: (active: boolean) =>
        active ? <Tag color="green">{m.active}</Tag> : <Tag color="default">{m.inactive}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader title={m.officialsTitle} subtitle={m.officialsSubtitle} />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={12} wrap align="center" style={{ padding: 16, borderBottom: '1px solid #f0f0f0' }}>
          <Input.Search
            allowClear
            placeholder={m.officialsSearch}
            aria-label={m.officialsSearch}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setPage(1);
            }}
            style={{ flex: '1 1 280px', maxWidth: 420 }}
            data-testid="officials-search"
          />
          <div style={{ flex: '1 1 280px', maxWidth: 420 }}>
            <UnitTreeSelect
              tree={units.tree}
              value={unitId}
              onChange={(v) => {
                setUnitId(v);
                setPage(1);
              }}
              placeholder={m.filterUnit}
              loading={units.loading}
              data-testid="officials-unit"
            />
          </div>
          <Flex gap={8} align="center">
            <Switch
              size="small"
              checked={subtree}
              onChange={setSubtree}
              disabled={!unitId}
              id="officials-page-subtree"
            />
            <label htmlFor="officials-page-subtree">{m.includeSubunits}</label>
          </Flex>
          <div style={{ flex: 1 }} />
          {data && <Typography.Text type="secondary">{c.total(data.total)}</Typography.Text>}
        </Flex>
        {error ? (
          <div style={{ padding: 16 }}>
            <LoadError error={error} onRetry={reload} />
          </div>
        ) : (
          <Table<Official>
            data-testid="officials-table"
            rowKey="id"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: data?.total ?? 0,
              showSizeChanger: false,
              onChange: setPage,
              style: { paddingInline: 16 },
            }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={c.noData} /> }}
          />
        )}
      </Card>
    </>
  );
}
