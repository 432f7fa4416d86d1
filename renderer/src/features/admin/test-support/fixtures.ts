// Rows the admin panels' tests answer with, shaped exactly as the office API's schemas.
import type { Device } from '../../../../../common/api/devices';
import type { UserSummary } from '../../../../../common/api/users';
import type { IpcErrorCode, IpcResult } from '../../../../../common/ipc/result';

export const superAdminSession = {
  user: { id: 'boss', name: 'Bea Boss', email: 'boss@example.com', role: 'superadmin', extension: '100' },
  scope: 'admin',
  mustChangePassword: false,
} as const;

export const adminSession = {
  ...superAdminSession,
  user: {
    ...superAdminSession.user,
    id: 'adam',
    name: 'Adam Admin',
    email: 'adam@example.com',
    role: 'admin',
  },
} as const;

export function user(overrides: Partial<UserSummary> & Pick<UserSummary, 'id' | 'name'>): UserSummary {
  return {
    email: `${overrides.id}@example.com`,
    role: 'user',
    status: 'active',
    portalAccess: true,
    mustChangePassword: false,
    extension: null,
    userGroupId: null,
    outboundCalls: overrides.extension ? 'national' : null,
    createdAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}

export function device(overrides: Partial<Device> & Pick<Device, 'id'>): Device {
  return {
    kind: 'desk-phone',
    label: '',
    model: 'Yealink T54W',
    mac: null,
    sipUsername: `dev-${overrides.id}`,
    extension: null,
    sipDigestAlgorithms: null,
    sipTransport: 'udp',
    blfKeys: [],
    provisioning: null,
    registrations: [],
    createdAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}

export const failure = (code: IpcErrorCode, field?: string): IpcResult<never> => ({
  ok: false,
  error: { code, message: 'raw office text', ...(field && { field }) },
});

export const company = {
  name: 'Acme',
  address: '',
  adminContact: { name: '', email: '', phone: '' },
  security: {
    minPasswordLength: 12,
    lockoutThreshold: 5,
    lockoutMinutes: 15,
    idleSessionTimeoutMinutes: 60,
    adminIdleTimeoutMinutes: 15,
    rememberedSessionDays: 30,
    sipDigestAlgorithms: 'md5' as const,
  },
  language: 'en' as const,
  country: 'ES',
  timeZone: 'Europe/Madrid',
  outsideCalls: { perUser: 4, total: 30, internationalMinutesPerDay: 600, premiumNumbersAllowed: false },
  updatedAt: '2026-11-01T09:00:00.000Z',
};

/** A promise with its resolve handle, for answers the test releases when it chooses. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}
