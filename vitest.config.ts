import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The few files that measure time themselves (an event-loop stall, a throttle's window, SIP
// timers of a few milliseconds) run last, alone.
const MEASURES_TIME = [
  'tests/server/sign-in-throttle.test.ts',
  'tests/attacks/greeting-upload-stall.test.ts',
  'tests/sip/transactions.test.ts',
];

// Calls between test phones and the office over real sockets: such a file spends most of its
// time waiting for audio played in real time, a ring timer or a registration, and uses a quarter
// of a core or less. They run six at once (a core and a half in all, measured), after the files
// that keep the CPU busy (Chromium's above all) so that their audio is not starved (with those
// alongside, three workers had missed tones in a five-party conference).
const CALLS = ['tests/sip/**/*.test.ts', 'tests/media/**/*.test.ts', 'tests/sipp/**/*.test.ts'];

// Files that put phones in network namespaces, linked to the machine's own by an interface that
// comes and goes with them. WebRTC (Chromium's, werift's) offers a candidate on every interface
// and may settle on that one: a call of another file lost its audio when the interface went away
// in the middle of it. These run alone, between the other groups.
const NETWORK_NAMESPACES = [
  'tests/sip/nat.test.ts',
  'tests/sip/lan-addresses.test.ts',
  'tests/sip/linphone-outside.test.ts',
  'tests/e2e/office-services-calls.test.ts',
  'tests/e2e/softphone-desk-phone-calls.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Real calls are judged by tones heard within a few seconds; on a loaded 2-core machine a test
    // may once miss its window. A second try is allowed, a second miss fails the run, and the
    // retried-reporter names every test that needed the second try and why.
    retry: 1,
    // Polls wait on real servers, sockets and encoders: Vitest's default of 1 s gave up before a
    // stored message's encoding ended on a busy machine. A poll that is met returns at once.
    expect: { poll: { timeout: 10_000, interval: 50 } },
    reporters: ['default', './tests/support/retried-reporter.ts'],
    // Test offices hash passwords and PINs at scrypt N=2^10 rather than 2^15: the suite makes
    // thousands of them (most of the server tests' time went on it) and checks what a hash
    // decides, not its cost; server/accounts/passwords.test.ts checks the default and its limits.
    env: { SWITCHBOARD_SCRYPT_LOG_N: '10' },
    pool: 'forks',
    // A worker keeps the modules it imported from one file to the next: every file's test office
    // imports the whole server, which took a worker over a second per file to evaluate again (a
    // sixth of the suite's time). No test mocks a module or leaves fake timers behind; what the
    // server keeps at module level is counters and caches. The renderer's files keep their own
    // jsdom and React each.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['common/**/*.test.ts', 'server/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: [...MEASURES_TIME, ...CALLS, ...NETWORK_NAMESPACES],
          globalSetup: ['tests/support/global-setup.ts'],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['renderer/src/test-support/setup.ts'],
          isolate: true,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'network-namespaces',
          include: NETWORK_NAMESPACES,
          // Their steps wait up to 15 s each for a real phone: a slow one then fails with what it
          // waited for, not with the test's time running out.
          testTimeout: 60_000,
          globalSetup: ['tests/support/global-setup.ts'],
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'calls',
          include: CALLS,
          exclude: [...MEASURES_TIME, ...NETWORK_NAMESPACES],
          globalSetup: ['tests/support/global-setup.ts'],
          maxWorkers: 6,
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: {
          name: 'measures-time',
          include: MEASURES_TIME,
          isolate: true,
          globalSetup: ['tests/support/global-setup.ts'],
          maxWorkers: 1,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
