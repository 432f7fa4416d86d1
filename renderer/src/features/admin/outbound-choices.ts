import type { OutboundCalls } from '../../../../common/api/preferences';

/** Each outbound permission, with its words (a template's and a user's alike). */
export const OUTBOUND_CHOICES: Record<OutboundCalls, string> = {
  internal: 'admin.templates.outboundCallsOptions.internal',
  national: 'admin.templates.outboundCallsOptions.national',
  international: 'admin.templates.outboundCallsOptions.international',
};
