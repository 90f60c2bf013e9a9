import type { Unit, UnitCreate, UnitUpdate } from '@dieuhanh/core/api/org';
import { UNIT_KINDS, type UnitKind } from '@dieuhanh/core/org/units';
import { Alert, App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { type ApiError, toApiError } from '../../api/client.ts';
import { orgApi } from '../../api/org.ts';
import { applyFieldErrors, useNotifyError } from '../../shared/errors.tsx';
import { common } from '../../shared/i18n/common.ts';
import { DATE_FORMAT, fromIsoDate, toIsoDate } from '../../shared/i18n/format.ts';
import { pick, useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { UNIT_KIND_LABELS } from '../../shared/units/kinds.ts';
import { subtreeIds } from '../../shared/units/tree.ts';
import { UnitTreeSelect } from '../../shared/units/UnitTreeSelect.tsx';
import type { UnitsState } from '../../shared/units/useUnits.ts';
import { orgMessages } from './messages.ts';

export type UnitFormMode = { kind: 'create'; parentId: string | null } | { kind: 'edit'; unit: Unit };

interface Values {
  name: string;
  abbr?: string;
  code?: string;
  kind: UnitKind;
  parentId: string | null;
  validFrom: Dayjs | null;
  validTo: Dayjs | null;
  successorId: string | null;
  sortOrder: number | null;
}

const FIELDS = [
  'name',
  'abbr',
  'code',
  'kind',
  'parentId',
  'validFrom',
  'validTo',
  'successorId',
  'sortOrder',
];

function initialValues(mode: UnitFormMode, units: UnitsState): Partial<Values> {
  if (mode.kind === 'edit') {
    const u = mode.unit;
    return {
      name: u.name,
      abbr: u.abbr ?? '',
      code: u.code ?? '',
      kind: u.kind,
      parentId: u.parentId,
      validFrom: fromIsoDate(u.validFrom),
      validTo: fromIsoDate(u.validTo),
      successorId: u.successorId,
      sortOrder: u.sortOrder,
    };
  }
  const parent = mode.parentId ? units.byId.get(mode.parentId) : undefined;
  // A sensible default kind under each parent; the user can change it.
  const kind: UnitKind = parent ? (parent.kind === 'committee' ? 'department' : 'division') : 'committee';
  const siblings = units.units.filter((u) => u.parentId === (parent?.id ?? null));
  return {
    parentId: parent?.id ?? null,
    kind,
    validFrom: null,
    validTo: null,
    successorId: null,
    sortOrder: siblings.reduce((max, u) => Math.max(max, u.sortOrder), 0) + 1,
  };
}

const text = (value: string | undefined) => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/** Create or edit a unit; server-side field problems land on the fields they name. */
export function UnitFormDialog({
  mode,
  units,
  onClose,
  onSaved,
}: {
  mode: UnitFormMode;
  units: UnitsState;
  onClose: () => void;
  onSaved: (unit: Unit) => void;
}) {
  const [form] = Form.useForm<Values>();
  const m = useMessages(orgMessages);
  const c = useMessages(common);
  const { lang } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [saving, setSaving] = useState(false);
  const [version, setVersion] = useState(mode.kind === 'edit' ? mode.unit.version : 0);
  const [stale, setStale] = useState<ApiError | null>(null);
  const [initial] = useState(() => initialValues(mode, units));
  const editingId = mode.kind === 'edit' ? mode.unit.id : null;

  // A unit cannot be placed under itself or one of its descendants.
  const blockedParents = useMemo(
    () => (editingId ? subtreeIds(units.units, editingId) : new Set<string>()),
    [editingId, units.units],
  );
  const blockedSuccessors = useMemo(() => new Set(editingId ? [editingId] : []), [editingId]);

  const submit = async (values: Values) => {
    setSaving(true);
    setStale(null);
    const fields = {
      name: values.name.trim(),
      abbr: text(values.abbr),
      code: text(values.code),
      kind: values.kind,
      parentId: values.parentId ?? null,
      validFrom: toIsoDate(values.validFrom),
      validTo: toIsoDate(values.validTo),
      successorId: values.successorId ?? null,
      ...(values.sortOrder !== null && values.sortOrder !== undefined ? { sortOrder: values.sortOrder } : {}),
    };
    try {
      const saved =
        mode.kind === 'edit'
          ? await orgApi.updateUnit(mode.unit.id, { version, ...fields } satisfies UnitUpdate)
          : await orgApi.createUnit(fields satisfies UnitCreate);
      message.success(mode.kind === 'edit' ? m.unitSaved : m.unitCreated);
      onSaved(saved);
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.status === 409 && apiError.code === 'stale_version') {
        setStale(apiError);
      } else {
        const rest = applyFieldErrors(form, apiError, lang, FIELDS);
        if (rest.length > 0 || apiError.fields.length === 0) notifyError(apiError, { fields: rest });
      }
    } finally {
      setSaving(false);
    }
  };

  /** After a 409: take the latest version and values, keep nothing stale. */
  const reloadLatest = async () => {
    if (mode.kind !== 'edit') return;
    try {
      const latest = await orgApi.unit(mode.unit.id);
      setVersion(latest.version);
      form.setFieldsValue(initialValues({ kind: 'edit', unit: latest }, units) as Values);
      setStale(null);
      units.reload();
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Modal
      open
      title={mode.kind === 'edit' ? m.editUnit : m.addUnit}
      okText={c.save}
      cancelText={c.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      width={720}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid="unit-form"
    >
      {stale && (
        <Alert
          type="warning"
          showIcon
          title={c.staleTitle}
          description={m.staleNotice}
          action={
            <Button size="small" onClick={() => void reloadLatest()} data-testid="unit-form-reload">
              {m.reloadLatest}
            </Button>
          }
          style={{ marginBottom: 16 }}
          data-testid="unit-form-stale"
        />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit} requiredMark>
        <Form.Item
          name="name"
          label={m.name}
          rules={[
            { required: true, whitespace: true, message: c.required },
            { max: 300, message: c.tooLong(300) },
          ]}
        >
          <Input data-testid="unit-form-name" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="abbr" label={m.abbr} rules={[{ max: 50, message: c.tooLong(50) }]}>
              <Input data-testid="unit-form-abbr" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="code" label={m.code} rules={[{ max: 50, message: c.tooLong(50) }]}>
              <Input data-testid="unit-form-code" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={m.kind} rules={[{ required: true, message: c.requiredSelect }]}>
              <Select<UnitKind>
                options={UNIT_KINDS.map((k) => ({ value: k, label: pick(UNIT_KIND_LABELS[k], lang) }))}
                data-testid="unit-form-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="parentId" label={m.parent}>
              <UnitTreeSelect
                tree={units.tree}
                disabledIds={blockedParents}
                hideDissolved
                placeholder={m.noParent}
                data-testid="unit-form-parent"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="validFrom" label={m.validFrom}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} data-testid="unit-form-valid-from" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="validTo"
              label={m.validTo}
              dependencies={['validFrom']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | null) => {
                    const from = getFieldValue('validFrom') as Dayjs | null;
                    return value && from && value.isBefore(from, 'day')
                      ? Promise.reject(new Error(m.validToBeforeFrom))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} data-testid="unit-form-valid-to" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="sortOrder" label={m.sortOrder}>
              <InputNumber style={{ width: '100%' }} data-testid="unit-form-sort" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="successorId" label={m.successor}>
          <UnitTreeSelect
            tree={units.tree}
            disabledIds={blockedSuccessors}
            data-testid="unit-form-successor"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
