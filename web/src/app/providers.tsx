import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import type { ReactNode } from 'react';
import { I18nProvider, useI18n } from '../shared/i18n/i18n.tsx';
import { SessionProvider } from './session.tsx';

/** A sober administrative look: deep blue, compact radii, system fonts with Vietnamese glyphs. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0b4f9c',
    colorInfo: '#0b4f9c',
    borderRadius: 6,
    fontFamily:
      "'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Liberation Sans', sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji'",
    colorBgLayout: '#f3f5f8',
  },
  components: {
    Layout: { headerBg: '#0b3a75', headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff' },
    Menu: { itemSelectedBg: '#e8f1fb', itemSelectedColor: '#0b4f9c', groupTitleFontSize: 12 },
  },
};

function AntdProvider({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <AntdProvider>
        <SessionProvider>{children}</SessionProvider>
      </AntdProvider>
    </I18nProvider>
  );
}
