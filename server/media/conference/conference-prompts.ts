/** What a conference bridge says (`prompts/<language>/<name>.wav`, made by scripts/make-voicemail-prompts.sh). */
export const CONFERENCE_PROMPTS = [
  'conference-enter-pin',
  'conference-locked',
  'conference-alone',
  'conference-there-are',
  'conference-participants',
  'conference-full',
  'conference-ended',
] as const;
export type ConferencePrompt = (typeof CONFERENCE_PROMPTS)[number];
