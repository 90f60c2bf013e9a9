import type { Unit } from '@dieuhanh/core/api/org';
import type { UnitKind } from '@dieuhanh/core/org/units';
import { Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { dayAfter, formatDate, todayInVietnam } from '../../shared/i18n/format.ts';
import { pick, useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { UNIT_KIND_COLORS, UNIT_KIND_LABELS } from '../../shared/units/kinds.ts';
import { highlightParts, isDissolved } from '../../shared/units/tree.ts';
import { orgMessages } from './messages.ts';

/** A name with the (diacritics-insensitive) search hits marked. */
export function HighlightedName({ text, query, dimmed }: { text: string; query: string; dimmed?: boolean }) {
  return (
    <span style={dimmed ? { color: 'rgba(0,0,0,0.45)' } : undefined}>
      {highlightParts(text, query).map((part, i) =>
        part.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one string, never reordered.
          <mark key={i} className="search-hit">
            {part.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one string, never reordered.
          <span key={i}>{part.text}</span>
        ),
      )}
    </span>
  );
}

export function unitHref(id: string): string {
  return `/org/units?unit=${encodeURIComponent(id)}`;
}

/** A real link to a unit's detail (opens in a new tab too); does not trigger the row's click. */
export function UnitLink({ id, children, testId }: { id: string; children: ReactNode; testId?: string }) {
  return (
    <Link to={unitHref(id)} onClick={(e) => e.stopPropagation()} data-testid={testId}>
      {children}
    </Link>
  );
}

export function UnitKindTag({ kind }: { kind: UnitKind }) {
  const { lang } = useI18n();
  return (
    <Tag color={UNIT_KIND_COLORS[kind]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {pick(UNIT_KIND_LABELS[kind], lang)}
    </Tag>
  );
}

/**
 * Validity of a unit. `validTo` is the last day the unit existed (the districts end on
 * 30/06/2025), so it is "dissolved since" the next day (01/07/2025).
 */
export function UnitValidity({
  unit,
  byId,
  compact,
}: {
  unit: Unit;
  byId: Map<string, Unit>;
  compact?: boolean;
}) {
  const m = useMessages(orgMessages);
  const today = todayInVietnam();
  if (unit.validTo && isDissolved(unit, today)) {
    const successor = unit.successorId ? byId.get(unit.successorId) : undefined;
    return (
      <Flex vertical gap={2} align="flex-start" data-testid="unit-dissolved">
        <Tag color="default" style={{ marginInlineEnd: 0 }}>
          {m.dissolvedFrom(formatDate(dayAfter(unit.validTo)))}
        </Tag>
        {successor && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.succeededBy}:{' '}
            <UnitLink id={successor.id} testId="unit-successor">
              {compact && successor.abbr ? successor.abbr : successor.name}
            </UnitLink>
          </Typography.Text>
        )}
      </Flex>
    );
  }
  if (unit.validFrom && unit.validFrom > today) {
    return <Tag color="gold">{m.notYetInForce(formatDate(unit.validFrom))}</Tag>;
  }
  return (
    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
      {unit.validFrom ? m.validSince(formatDate(unit.validFrom)) : m.inForce}
      {unit.validTo ? ` — ${m.validUntil(formatDate(unit.validTo))}` : ''}
    </Typography.Text>
  );
}

/** The unit's state today, for the detail panel: in operation, not yet in force, or dissolved. */
export function UnitStatus({ unit, byId }: { unit: Unit; byId: Map<string, Unit> }) {
  const m = useMessages(orgMessages);
  const today = todayInVietnam();
  if (isDissolved(unit, today) || (unit.validFrom && unit.validFrom > today)) {
    return <UnitValidity unit={unit} byId={byId} />;
  }
  return <Tag color="green">{m.inForce}</Tag>;
}
