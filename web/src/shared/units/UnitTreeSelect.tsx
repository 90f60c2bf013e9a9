import type { Unit } from '@dieuhanh/core/api/org';
import { fold } from '@dieuhanh/core/text/fold';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { todayInVietnam } from '../i18n/format.ts';
import { isDissolved, type UnitNode, unitSearchText } from './tree.ts';

interface Option {
  value: string;
  title: string;
  searchText: string;
  disabled?: boolean;
  children: Option[];
}

export interface UnitTreeSelectProps {
  tree: UnitNode[];
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Units that may not be chosen (e.g. a unit and its subtree when choosing its new parent). */
  disabledIds?: ReadonlySet<string>;
  /** Leave out units dissolved before today (they remain visible elsewhere, for history). */
  hideDissolved?: boolean;
  loading?: boolean;
  id?: string;
  'data-testid'?: string;
}

/** Picks a unit from the tree; typing "that khe" finds "Thất Khê" (same folding as the server). */
export function UnitTreeSelect({
  tree,
  value,
  onChange,
  placeholder,
  allowClear = true,
  disabledIds,
  hideDissolved = false,
  loading,
  id,
  'data-testid': testId,
}: UnitTreeSelectProps) {
  const today = todayInVietnam();
  const options = useMemo(() => {
    const toOption = (node: UnitNode): Option | null => {
      const unit: Unit = node.unit;
      if (hideDissolved && isDissolved(unit, today) && unit.id !== value) return null;
      return {
        value: unit.id,
        title: unit.name,
        searchText: unitSearchText(unit),
        ...(disabledIds?.has(unit.id) ? { disabled: true } : {}),
        children: node.children.map(toOption).filter((o): o is Option => o !== null),
      };
    };
    return tree.map(toOption).filter((o): o is Option => o !== null);
  }, [tree, disabledIds, hideDissolved, today, value]);

  return (
    <TreeSelect<string | null>
      id={id}
      data-testid={testId}
      value={value ?? null}
      onChange={(v) => onChange?.(v ?? null)}
      treeData={options}
      treeDefaultExpandedKeys={options.map((o) => o.value)}
      placeholder={placeholder}
      allowClear={allowClear}
      loading={loading}
      showSearch={{
        filterTreeNode: (input, node) => (node as unknown as Option).searchText.includes(fold(input)),
      }}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto' } } }}
      style={{ width: '100%' }}
    />
  );
}
