/**
 * The app page's Content-Security-Policy: nothing is allowed unless named here. Media is
 * local (`blob:` for voicemail playback); the page talks only to its own origin (and, in the
 * browser host, its own IPC WebSocket).
 */
export function contentSecurityPolicy(connect: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "media-src 'self' blob:",
    ["connect-src 'self'", ...connect].join(' '),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
