import { configure } from '@testing-library/react';

// The renderer's files run beside Chromium-driven tests that keep both cores busy: a screen that
// follows an IPC round trip can take longer than Testing Library's default second to appear. A
// wait that is met returns at once, so only a failing one pays the longer timeout.
configure({ asyncUtilTimeout: 5_000 });
