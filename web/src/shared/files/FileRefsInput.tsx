import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { toApiError } from '../../api/client.ts';
import { filesApi } from '../../api/files.ts';
import { useNotifyError } from '../errors.tsx';

export interface FileRefValue {
  sha256: string;
  name: string;
}

/**
 * Files for a form field: each chosen file is uploaded at once (`POST /api/files`) and the field's
 * value is the list of `{ sha256, name }` references the server expects.
 */
export function FileRefsInput({
  value,
  onChange,
  label,
  hint,
  max = 50,
  'data-testid': testId,
}: {
  value?: FileRefValue[];
  onChange?: (value: FileRefValue[]) => void;
  label: string;
  hint?: string;
  max?: number;
  'data-testid'?: string;
}) {
  const notifyError = useNotifyError();
  const [list, setList] = useState<UploadFile[]>(() =>
    (value ?? []).map((f) => ({ uid: f.sha256, name: f.name, status: 'done' })),
  );
  const refs = (files: UploadFile[]) =>
    files.flatMap((f) =>
      f.status === 'done' && typeof f.response === 'object' && f.response
        ? [f.response as FileRefValue]
        : f.status === 'done' && f.uid.length === 64
          ? [{ sha256: f.uid, name: f.name }]
          : [],
    );

  return (
    <div data-testid={testId}>
      <Upload
        multiple
        fileList={list}
        maxCount={max}
        customRequest={({ file, onSuccess, onError }) => {
          filesApi.upload(file as File).then(
            (info) => onSuccess?.({ sha256: info.sha256, name: info.name }),
            (error: unknown) => {
              notifyError(error);
              onError?.(toApiError(error));
            },
          );
        }}
        onChange={({ fileList }) => {
          setList(fileList);
          onChange?.(refs(fileList));
        }}
      >
        <Button icon={<UploadOutlined />}>{label}</Button>
      </Upload>
      {hint && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', marginTop: 4 }}>{hint}</div>}
    </div>
  );
}
