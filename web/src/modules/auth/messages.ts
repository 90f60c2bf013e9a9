import { defineMessages } from '../../shared/i18n/i18n.tsx';

export const authMessages = defineMessages(
  {
    title: 'Đăng nhập hệ thống',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    usernameRequired: 'Vui lòng nhập tên đăng nhập.',
    passwordRequired: 'Vui lòng nhập mật khẩu.',
    submit: 'Đăng nhập',
    failed: 'Đăng nhập không thành công',
    sessionExpired: 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.',
    footer: 'Ủy ban nhân dân tỉnh — hệ thống dùng nội bộ. Mọi thao tác đều được ghi nhật ký.',
  },
  {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    usernameRequired: 'Please enter your username.',
    passwordRequired: 'Please enter your password.',
    submit: 'Log in',
    failed: 'Login failed',
    sessionExpired: 'Your session has expired; please log in again.',
    footer: "Provincial People's Committee — internal system. Every action is recorded.",
  },
);
