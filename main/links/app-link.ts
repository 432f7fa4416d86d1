// switchboard: links, as the office's pages write them (a click in a browser, handed over by the
// OS): which screen the app opens on. Two are known, read strictly; anything else is refused
// with the reason, and a link never does more than show a screen (the person acts there).
import type { Static } from 'typebox';
import { Value } from 'typebox/value';
import { AppLink } from '../../common/ipc/domains/app';

export type AppLinkRead =
  { ok: true; link: Static<typeof AppLink> } | { ok: false; refusal: 'malformed'; message: string };

/** Whether a link the OS handed over is the app's own (the others are dialled). */
export const isAppLink = (link: string) => /^switchboard:/i.test(link);

/** Longer than any link the office writes: refused before it is looked at. */
const MAX_LINK_LENGTH = 512;

const refuse = (message: string): AppLinkRead => ({ ok: false, refusal: 'malformed', message });

/**
 * `switchboard://sign-in` opens sign-in; `switchboard://recover?code=CODE` opens password
 * recovery with the code from the mail filled in. Nothing else: no other screen, parameter,
 * user, port, path or fragment.
 */
export function parseAppLink(written: string): AppLinkRead {
  if (written.length > MAX_LINK_LENGTH) return refuse('The switchboard: link is too long');
  let url: URL;
  try {
    url = new URL(written);
  } catch {
    return refuse('The switchboard: link is not a link');
  }
  if (url.protocol !== 'switchboard:') return refuse('Only switchboard: links open a screen');
  if (url.username || url.password || url.port || !['', '/'].includes(url.pathname) || url.hash)
    return refuse('The switchboard: link has parts no screen takes');
  const parameters = [...url.searchParams.keys()];
  const link =
    url.host === 'sign-in' && parameters.length === 0
      ? { screen: 'sign-in' }
      : url.host === 'recover' && parameters.length === 1 && parameters[0] === 'code'
        ? { screen: 'recover', code: url.searchParams.get('code') }
        : null;
  if (link === null) return refuse(`The switchboard: link names no screen the app has (${url.host})`);
  // What comes out is checked against the contract's own schema (the code's letters and length).
  if (!Value.Check(AppLink, link)) return refuse('The switchboard: link carries no valid recovery code');
  return { ok: true, link };
}
