import { Flex } from 'antd';
import { common } from '../../shared/i18n/common.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';

/** The red-and-gold star used as the app's mark (no official emblem is reproduced). */
export function StarMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="12" fill="#c62828" />
      <path
        fill="#ffd54f"
        d="m32 12 5.6 17.2H55.7L41 39.8l5.6 17.2L32 46.4 17.4 57l5.6-17.2L8.3 29.2h18.1z"
      />
    </svg>
  );
}

export function Brand({ tenantName }: { tenantName: string }) {
  const m = useMessages(common);
  return (
    <Flex align="center" gap={12} style={{ minWidth: 0 }}>
      <StarMark />
      <Flex vertical style={{ lineHeight: 1.2, minWidth: 0 }}>
        <span style={{ color: '#fff', fontWeight: 600, fontSize: 17, letterSpacing: 0.2 }}>{m.appName}</span>
        <span
          data-testid="tenant-name"
          style={{
            color: 'rgba(255,255,255,0.78)',
            fontSize: 12.5,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
          }}
        >
          {tenantName}
        </span>
      </Flex>
    </Flex>
  );
}
