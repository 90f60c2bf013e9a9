import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { P } from '@dieuhanh/core/access/permissions';
import type { Official, Unit } from '@dieuhanh/core/api/org';
import type { UnitKind } from '@dieuhanh/core/org/units';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Result,
  Spin,
  Switch,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { auditApi } from '../../api/audit.ts';
import { orgApi } from '../../api/org.ts';
import { useCan } from '../../app/session.tsx';
import { LoadError } from '../../shared/components/LoadError.tsx';
import { useAsync } from '../../shared/hooks/useAsync.ts';
import { dayAfter, formatDate, formatDateTime, todayInVietnam } from '../../shared/i18n/format.ts';
import { pick, useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { UNIT_KIND_LABELS } from '../../shared/units/kinds.ts';
import { isDissolved } from '../../shared/units/tree.ts';
import type { UnitsState } from '../../shared/units/useUnits.ts';
import { orgMessages } from './messages.ts';
import { UnitKindTag, UnitLink, UnitStatus } from './UnitParts.tsx';

interface Props {
  unitId: string | null;
  units: UnitsState;
  onClose: () => void;
  onEdit: (unit: Unit) => void;
  onAddChild: (unit: Unit) => void;
}

/** The selected unit: its attributes, officials, sub-units and (for auditors) its history. */
export function UnitDetailDrawer({ unitId, units, onClose, onEdit, onAddChild }: Props) {
  const m = useMessages(orgMessages);
  const can = useCan();
  const unit = unitId ? units.byId.get(unitId) : undefined;
  const today = todayInVietnam();
  const canWrite = can(P.unitWrite);

  const title = unit ? unit.name : m.details;
  const extra =
    unit && canWrite ? (
      <Flex gap={8}>
        <Button icon={<PlusOutlined />} onClick={() => onAddChild(unit)} data-testid="unit-add-child">
          {m.addChild}
        </Button>
        <Button type="primary" icon={<EditOutlined />} onClick={() => onEdit(unit)} data-testid="unit-edit">
          {m.editUnit}
        </Button>
      </Flex>
    ) : undefined;

  return (
    <Drawer
      open={unitId !== null}
      onClose={onClose}
      title={title}
      extra={extra}
      size={760}
      destroyOnHidden
      data-testid="unit-detail"
    >
      {unitId !== null && !unit && !units.loading && <Result status="404" title={m.unitNotFound} />}
      {unit && (
        <Flex vertical gap={16}>
          {unit.validTo && isDissolved(unit, today) && (
            <Alert
              type="warning"
              showIcon
              title={m.dissolvedNotice(formatDate(dayAfter(unit.validTo)))}
              description={
                unit.successorId && units.byId.get(unit.successorId) ? (
                  <span>
                    {m.succeededBy}:{' '}
                    <UnitLink id={unit.successorId}>{units.byId.get(unit.successorId)!.name}</UnitLink>
                  </span>
                ) : undefined
              }
            />
          )}
          <UnitAttributes unit={unit} units={units} />
          <Tabs
            defaultActiveKey="officials"
            items={[
              ...(can(P.officialRead)
                ? [{ key: 'officials', label: m.officials, children: <UnitOfficials unitId={unit.id} /> }]
                : []),
              {
                key: 'subunits',
                label: m.subunits(units.units.filter((u) => u.parentId === unit.id).length),
                children: <SubUnits unit={unit} units={units} />,
              },
              ...(can(P.auditRead)
                ? [
                    {
                      key: 'history',
                      label: m.history,
                      children: <UnitHistory unitId={unit.id} units={units} />,
                    },
                  ]
                : []),
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}

function UnitAttributes({ unit, units }: { unit: Unit; units: UnitsState }) {
  const m = useMessages(orgMessages);
  const parent = unit.parentId ? units.byId.get(unit.parentId) : undefined;
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      data-testid="unit-attributes"
      items={[
        { key: 'name', label: m.name, span: 2, children: unit.name },
        { key: 'abbr', label: m.abbr, children: unit.abbr ?? '—' },
        { key: 'code', label: m.code, children: unit.code ?? '—' },
        { key: 'kind', label: m.kind, children: <UnitKindTag kind={unit.kind} /> },
        {
          key: 'parent',
          label: m.parent,
          children: parent ? <UnitLink id={parent.id}>{parent.name}</UnitLink> : m.noParent,
        },
        { key: 'validFrom', label: m.validFrom, children: formatDate(unit.validFrom) || '—' },
        { key: 'validTo', label: m.validTo, children: formatDate(unit.validTo) || '—' },
        {
          key: 'status',
          label: m.status,
          span: 2,
          children: <UnitStatus unit={unit} byId={units.byId} />,
        },
      ]}
    />
  );
}

function UnitOfficials({ unitId }: { unitId: string }) {
  const m = useMessages(orgMessages);
  const [subtree, setSubtree] = useState(false);
  const { data, error, loading, reload } = useAsync(
    (signal) => orgApi.officials({ unitId, subtree, limit: 1000 }, signal),
    [unitId, subtree],
  );
  const columns: TableColumnsType<Official> = [
    {
      title: m.fullName,
      dataIndex: 'fullName',
      key: 'fullName',
      render: (v: string) => <strong>{v}</strong>,
    },
    { title: m.position, dataIndex: 'position', key: 'position' },
    { title: m.officialCode, dataIndex: 'code', key: 'code', width: 100 },
    ...(data?.items.some((o) => o.email || o.phone)
      ? [
          {
            title: m.contact,
            key: 'contact',
            render: (_: unknown, o: Official) => (
              <Flex vertical>
                {o.email && <Typography.Link href={`mailto:${o.email}`}>{o.email}</Typography.Link>}
                {o.phone && <span>{o.phone}</span>}
              </Flex>
            ),
          },
        ]
      : []),
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
    <Flex vertical gap={12}>
      <Flex gap={8} align="center">
        <Switch size="small" checked={subtree} onChange={setSubtree} id="officials-subtree" />
        <label htmlFor="officials-subtree">{m.includeSubunits}</label>
        <div style={{ flex: 1 }} />
        {data && <Typography.Text type="secondary">{m.officialsCount(data.total)}</Typography.Text>}
      </Flex>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Table<Official>
          data-testid="unit-officials"
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          pagination={(data?.items.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noOfficials} /> }}
        />
      )}
    </Flex>
  );
}

function SubUnits({ unit, units }: { unit: Unit; units: UnitsState }) {
  const m = useMessages(orgMessages);
  const today = todayInVietnam();
  const children = units.units
    .filter((u) => u.parentId === unit.id)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'vi'));
  if (children.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noSubunits} />;
  return (
    <Table<Unit>
      size="small"
      rowKey="id"
      showHeader={false}
      pagination={false}
      dataSource={children}
      onRow={(child) => ({ style: isDissolved(child, today) ? { opacity: 0.6 } : {} })}
      columns={[
        {
          key: 'name',
          render: (_, child) => <UnitLink id={child.id}>{child.name}</UnitLink>,
        },
        { key: 'kind', width: 210, align: 'right', render: (_, child) => <UnitKindTag kind={child.kind} /> },
      ]}
    />
  );
}

const TRACKED_FIELDS = [
  'name',
  'abbr',
  'code',
  'kind',
  'parentId',
  'validFrom',
  'validTo',
  'successorId',
  'sortOrder',
] as const;
type TrackedField = (typeof TRACKED_FIELDS)[number];

/** The fields an audit event changed, from its `before` row and `after` patch. */
function changedFields(
  before: unknown,
  after: unknown,
): { field: TrackedField; from: unknown; to: unknown }[] {
  if (typeof after !== 'object' || after === null) return [];
  const b = (typeof before === 'object' && before !== null ? before : {}) as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return TRACKED_FIELDS.filter((f) => f in a && (a[f] ?? null) !== (b[f] ?? null)).map((f) => ({
    field: f,
    from: b[f] ?? null,
    to: a[f] ?? null,
  }));
}

function UnitHistory({ unitId, units }: { unitId: string; units: UnitsState }) {
  const m = useMessages(orgMessages);
  const { lang } = useI18n();
  const labels: Record<TrackedField, string> = {
    name: m.name,
    abbr: m.abbr,
    code: m.code,
    kind: m.kind,
    parentId: m.parent,
    validFrom: m.validFrom,
    validTo: m.validTo,
    successorId: m.successor,
    sortOrder: m.sortOrder,
  };
  const show = (field: TrackedField, value: unknown): string => {
    if (value === null || value === '') return '—';
    if (field === 'kind')
      return pick(UNIT_KIND_LABELS[value as UnitKind] ?? { vi: String(value), en: String(value) }, lang);
    if (field === 'parentId' || field === 'successorId')
      return units.byId.get(String(value))?.name ?? String(value);
    if (field === 'validFrom' || field === 'validTo') return formatDate(String(value));
    return String(value);
  };
  const { data, error, loading, reload } = useAsync(
    (signal) => auditApi.timeline('unit', unitId, signal),
    [unitId],
  );
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading && !data) return <Spin />;
  if ((data?.length ?? 0) === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noHistory} />;
  }
  return (
    <Timeline
      items={(data ?? [])
        .slice()
        .reverse()
        .map((event) => ({
          key: event.seq,
          content: (
            <div>
              <strong>{m.auditAction(event.action)}</strong>
              <div>
                <Typography.Text type="secondary">
                  {formatDateTime(event.at)} · {m.historyBy(event.actorName ?? m.system)}
                </Typography.Text>
              </div>
              {event.action === 'unit.updated' && (
                <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                  {changedFields(event.before, event.after).map((c) => (
                    <li key={c.field}>
                      {labels[c.field]}: {show(c.field, c.from)} → {show(c.field, c.to)}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ),
        }))}
    />
  );
}
