import type { Unit } from '@dieuhanh/core/api/org';
import { fold } from '@dieuhanh/core/text/fold';
import { Tag, Tooltip, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { common } from '../i18n/common.ts';
import { dayAfter, formatDate, todayInVietnam } from '../i18n/format.ts';
import { useMessages } from '../i18n/i18n.tsx';
import { isDissolved, type UnitNode, unitSearchText } from './tree.ts';

interface Option {
  value: string;
  title: string;
  searchText: string;
  children: Option[];
}

export interface UnitTreeMultiSelectProps {
  tree: UnitNode[];
  byId: Map<string, Unit>;
  value?: string[];
  onChange?: (value: string[]) => void;
  placeholder?: string;
  /** Show at most this many tags, then "+ N". */
  maxTags?: number;
  status?: 'error' | 'warning';
  id?: string;
  'data-testid'?: string;
  onFocus?: () => void;
}

/**
 * Picks several units (lead or support units of a directive's item). Search folds diacritics
 * like the server; a unit dissolved before today (e.g. a former district, resolved from an old
 * document) stays visible as a red tag saying so, since no task can be given to it.
 */
export function UnitTreeMultiSelect({
  tree,
  byId,
  value,
  onChange,
  placeholder,
  maxTags = 12,
  status,
  id,
  'data-testid': testId,
  onFocus,
}: UnitTreeMultiSelectProps) {
  const c = useMessages(common);
  const today = todayInVietnam();
  const options = useMemo(() => {
    const toOption = (node: UnitNode): Option => ({
      value: node.unit.id,
      title: node.unit.name,
      searchText: unitSearchText(node.unit),
      children: node.children.map(toOption),
    });
    return tree.map(toOption);
  }, [tree]);

  return (
    <TreeSelect<string[]>
      id={id}
      data-testid={testId}
      multiple
      value={value ?? []}
      onChange={(v) => onChange?.(v ?? [])}
      onFocus={onFocus}
      treeData={options}
      treeDefaultExpandedKeys={options.map((o) => o.value)}
      placeholder={placeholder}
      allowClear
      status={status}
      maxTagCount={maxTags}
      showSearch={{
        filterTreeNode: (input, node) => (node as unknown as Option).searchText.includes(fold(input)),
      }}
      maxTagPlaceholder={(omitted) => `+ ${omitted.length}…`}
      tagRender={({ value: unitId, label, closable, onClose }) => {
        if (unitId === undefined || unitId === null) {
          return <Tag style={{ marginInlineEnd: 4 }}>{label}</Tag>;
        }
        const unit = byId.get(String(unitId));
        if (!unit) {
          return (
            <Tag closable={closable} onClose={onClose} style={{ marginInlineEnd: 4 }}>
              {String(unitId)}
            </Tag>
          );
        }
        const gone = isDissolved(unit, today);
        const tag = (
          <Tag
            color={gone ? 'red' : 'blue'}
            closable={closable}
            onClose={onClose}
            onMouseDown={(e) => e.stopPropagation()}
            style={{
              marginInlineEnd: 4,
              maxWidth: '100%',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              textDecoration: gone ? 'line-through' : undefined,
            }}
            title={unit.name}
            data-testid="unit-tag"
            data-unit-id={unit.id}
            data-dissolved={gone ? 'true' : undefined}
          >
            {unit.name}
          </Tag>
        );
        return gone ? (
          <Tooltip title={c.unitDissolvedTip(formatDate(dayAfter(unit.validTo!)))}>{tag}</Tooltip>
        ) : (
          tag
        );
      }}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto' } } }}
      style={{ width: '100%' }}
    />
  );
}
