/** The words of the sign-in form (signInForm.ts): apart, so the page's first script carries them and not every message. */
export const signInZh = {
  appName: '客户经理工作平台',
  'nav.language': 'English',
  'login.title': '登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.demoHint': '演示账号：mgr1（客户经理）、sup1（主管）、head（部门负责人），密码 dutyflow',
  'common.error': '出错了',
};

export const signInEn: Record<keyof typeof signInZh, string> = {
  appName: 'Customer manager workbench',
  'nav.language': '中文',
  'login.title': 'Log in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.demoHint': 'Demo accounts: mgr1 (customer manager), sup1 (supervisor), head (dept head), password dutyflow',
  'common.error': 'Something went wrong',
};
