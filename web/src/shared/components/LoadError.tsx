import { Alert, Button } from 'antd';
import type { ApiError } from '../../api/client.ts';
import { ErrorDescription } from '../errors.tsx';
import { common } from '../i18n/common.ts';
import { useMessages } from '../i18n/i18n.tsx';

/** Shown in place of data that failed to load, with a retry. */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const m = useMessages(common);
  return (
    <Alert
      type="error"
      showIcon
      title={m.loadErrorTitle}
      description={<ErrorDescription error={error} />}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {m.retry}
          </Button>
        )
      }
      data-testid="load-error"
    />
  );
}
