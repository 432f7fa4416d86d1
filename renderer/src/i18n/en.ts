export const en = {
  app: {
    name: 'Switchboard',
    loading: 'Loading Switchboard',
  },
  signIn: {
    title: 'Sign in',
    lead: 'Use your extension number or email and your password.',
    login: 'Extension or email',
    password: 'Password',
    asAdministrator: 'Sign in as administrator',
    remember: 'Keep me signed in on this computer',
    elevatedNotRemembered: 'An administrator sign-in is never kept: it ends after a few idle minutes.',
    submit: 'Sign in',
    submitting: 'Signing in…',
  },
  firstRun: {
    title: 'Your office is ready',
    lead: 'Switchboard created your office on this computer and you are its super administrator.',
    email: 'Email',
    password: 'Temporary password',
    copy: 'Copy',
    copied: 'Copied',
    onlyOnce:
      'This password is shown only this once. Copy it now: you will choose your own when you sign in.',
    next: 'Next, sign in as administrator with this email and password, then add your colleagues.',
    continue: 'Continue to sign in',
  },
  home: {
    greeting: 'Hello, {{name}}',
    extension: 'Your extension is {{extension}}.',
    noExtension: 'You have no extension yet.',
    elevated: 'You are signed in as an administrator.',
    signOut: 'Sign out',
  },
  errors: {
    invalidCredentials: 'The extension or email and password do not match. Check them and try again.',
    accountLocked:
      'Too many failed attempts. Wait a few minutes, or ask an administrator to unlock your account.',
    accountSuspended: 'Your account is suspended. Ask an administrator.',
    portalAccessDisabled: 'Web sign-in is turned off for your account. Ask an administrator to turn it on.',
    scopeNotAllowed: 'This account has no administrator rights. Sign in without “Sign in as administrator”.',
    offline: 'The office server cannot be reached. Check your network; Switchboard keeps trying.',
    tooManyRequests: 'Too many attempts from this computer. Wait a few minutes and try again.',
    keyringUnavailable:
      'This computer has no usable keychain, so Switchboard cannot keep you signed in safely.',
    unexpected: 'Something went wrong. Try again; if it keeps happening, tell your administrator.',
  },
};
