import { PlusOutlined } from '@ant-design/icons';
import { P } from '@dieuhanh/core/access/permissions';
import type { Unit } from '@dieuhanh/core/api/org';
import { UNIT_KINDS, type UnitKind } from '@dieuhanh/core/org/units';
import {
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { type Key, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCan } from '../../app/session.tsx';
import { LoadError } from '../../shared/components/LoadError.tsx';
import { PageHeader } from '../../shared/components/PageHeader.tsx';
import { todayInVietnam } from '../../shared/i18n/format.ts';
import { pick, useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { UNIT_KIND_LABELS } from '../../shared/units/kinds.ts';
import { filterUnitTree, isDissolved, type UnitNode, unitMatches } from '../../shared/units/tree.ts';
import { useUnits } from '../../shared/units/useUnits.ts';
import { orgMessages } from './messages.ts';
import { UnitDetailDrawer } from './UnitDetailDrawer.tsx';
import { UnitFormDialog, type UnitFormMode } from './UnitFormDialog.tsx';
import { HighlightedName, UnitKindTag, UnitValidity } from './UnitParts.tsx';

interface Row {
  key: string;
  unit: Unit;
  children?: Row[];
}

function toRows(nodes: UnitNode[]): Row[] {
  return nodes.map((n) => ({
    key: n.unit.id,
    unit: n.unit,
    ...(n.children.length > 0 ? { children: toRows(n.children) } : {}),
  }));
}

function allKeys(rows: Row[]): string[] {
  return rows.flatMap((r) => (r.children ? [r.key, ...allKeys(r.children)] : []));
}

export default function OrganisationPage() {
  const m = useMessages(orgMessages);
  const { lang } = useI18n();
  const can = useCan();
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('unit');
  const [query, setQuery] = useState(params.get('q') ?? '');
  const [kind, setKind] = useState<UnitKind | null>(null);
  const [showDissolved, setShowDissolved] = useState(true);
  const [expanded, setExpanded] = useState<readonly Key[]>([]);
  const [form, setForm] = useState<UnitFormMode | null>(null);
  const today = todayInVietnam();

  const filtering = query.trim() !== '' || kind !== null || !showDissolved;
  const filtered = useMemo(
    () =>
      filterUnitTree(
        units.tree,
        (u) =>
          unitMatches(u, query) &&
          (kind === null || u.kind === kind) &&
          (showDissolved || !isDissolved(u, today)),
      ),
    [units.tree, query, kind, showDissolved, today],
  );
  const rows = useMemo(() => toRows(filtered.nodes), [filtered.nodes]);

  // Searching reveals every match; without a search the top level is open.
  useEffect(() => {
    setExpanded(filtering ? filtered.expandedKeys : units.tree.map((n) => n.unit.id));
  }, [filtering, filtered.expandedKeys, units.tree]);

  const select = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('unit', id);
    else next.delete('unit');
    setParams(next, { replace: !id });
  };

  const columns: TableColumnsType<Row> = [
    {
      title: m.name,
      key: 'name',
      render: (_, { unit }) => (
        <span data-testid={`unit-name-${unit.id}`}>
          <HighlightedName text={unit.name} query={query} dimmed={isDissolved(unit, today)} />
        </span>
      ),
    },
    {
      title: m.abbr,
      key: 'abbr',
      width: 170,
      render: (_, { unit }) => <Typography.Text type="secondary">{unit.abbr}</Typography.Text>,
    },
    {
      title: m.code,
      key: 'code',
      width: 90,
      render: (_, { unit }) => <Typography.Text code={!!unit.code}>{unit.code}</Typography.Text>,
    },
    {
      title: m.kind,
      key: 'kind',
      width: 200,
      render: (_, { unit }) => <UnitKindTag kind={unit.kind} />,
    },
    {
      title: m.validity,
      key: 'validity',
      width: 260,
      render: (_, { unit }) => <UnitValidity unit={unit} byId={units.byId} compact />,
    },
  ];

  return (
    <>
      <PageHeader
        title={m.title}
        subtitle={units.data ? m.subtitle(units.units.length) : undefined}
        extra={
          can(P.unitWrite) && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setForm({ kind: 'create', parentId: selectedId })}
              data-testid="unit-add"
            >
              {m.addUnit}
            </Button>
          )
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={12} wrap align="center" style={{ padding: 16, borderBottom: '1px solid #f0f0f0' }}>
          <Input.Search
            allowClear
            placeholder={m.searchPlaceholder}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            style={{ flex: '1 1 320px', maxWidth: 520 }}
            aria-label={m.searchPlaceholder}
            data-testid="unit-search"
          />
          <Select<UnitKind | null>
            allowClear
            placeholder={m.allKinds}
            value={kind}
            onChange={(v) => setKind(v ?? null)}
            options={UNIT_KINDS.map((k) => ({ value: k, label: pick(UNIT_KIND_LABELS[k], lang) }))}
            style={{ width: 240 }}
            aria-label={m.kindFilter}
            data-testid="unit-kind-filter"
          />
          <Space>
            <Switch checked={showDissolved} onChange={setShowDissolved} id="show-dissolved" size="small" />
            <label htmlFor="show-dissolved">{m.showDissolved}</label>
          </Space>
          <div style={{ flex: 1 }} />
          {filtering && units.data && (
            <Typography.Text type="secondary" data-testid="unit-match-count">
              {m.matches(filtered.matchCount)}
            </Typography.Text>
          )}
          <Button size="small" onClick={() => setExpanded(allKeys(rows))}>
            {m.expandAll}
          </Button>
          <Button size="small" onClick={() => setExpanded([])}>
            {m.collapseAll}
          </Button>
        </Flex>
        {units.error ? (
          <div style={{ padding: 16 }}>
            <LoadError error={units.error} onRetry={units.reload} />
          </div>
        ) : (
          <Table<Row>
            data-testid="unit-tree"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={units.loading}
            pagination={false}
            sticky
            expandable={{
              expandedRowKeys: expanded,
              onExpandedRowsChange: (keys) => setExpanded(keys),
              indentSize: 22,
            }}
            rowClassName={({ unit }) => (unit.id === selectedId ? 'ant-table-row-selected' : '')}
            onRow={({ unit }) => ({ onClick: () => select(unit.id), style: { cursor: 'pointer' } })}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtering ? m.noMatch : m.noUnits} />
              ),
            }}
          />
        )}
      </Card>
      <UnitDetailDrawer
        unitId={selectedId}
        units={units}
        onClose={() => select(null)}
        onEdit={(unit) => setForm({ kind: 'edit', unit })}
        onAddChild={(unit) => setForm({ kind: 'create', parentId: unit.id })}
      />
      {form && (
        <UnitFormDialog
          mode={form}
          units={units}
          onClose={() => setForm(null)}
          onSaved={(unit) => {
            setForm(null);
            units.reload();
            select(unit.id);
          }}
        />
      )}
    </>
  );
}
