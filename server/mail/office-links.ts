// The office's mail carries links to the office only. Security mails hold passwords and recovery
// codes: a link elsewhere, from a template or from a value an admin typed (the company's name, a
// caller's name), could carry a live code to someone else's page or send the reader to a copy of
// the portal. Two uses of one reading of "a link":
// - a template is refused when it holds a link that does not lead to the office (the super admin
//   who writes it hears why at once), with bare host names ("evil.example") counted too;
// - every mail, as it is rendered, has each link that does not lead to the office replaced by
//   the office's own address (templates stored before the rule, and the values filled in).

const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?`;
/** A host name: labels and a top-level domain of letters (so numbers and versions are not hosts). */
const HOST = String.raw`(?:${LABEL}\.)+\p{L}{2,63}`;
const REST = String.raw`[^\s<>"'\x60]*`;
/** Not inside a word, a host name or an email address. */
const START = String.raw`(?<![\p{L}\p{N}@.-])`;

/** What mail readers open as a link: a URL with a scheme, a www. address, a host name with a path. */
const LINK = String.raw`[a-z][a-z0-9+.-]*:\/\/${REST}|${START}www\.${REST}|${START}${HOST}[/?#]${REST}`;
/** Also a host name on its own, which some readers make a link too (not an email address's domain). */
const LINK_OR_HOST = String.raw`${LINK}|${START}${HOST}(?![\p{L}\p{N}@-])`;

/** Punctuation that ends a sentence, not the link before it. */
const TRAILING = /[.,;:!?)\]]+$/u;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

function leadsToOffice(link: string, office: URL): boolean {
  try {
    const url = new URL(SCHEME.test(link) ? link : `${office.protocol}//${link}`);
    return url.origin === office.origin;
  } catch {
    return false;
  }
}

/** Each link in `text`, without the punctuation that follows it. */
function* linksIn(text: string, pattern: string): Generator<{ link: string; at: number }> {
  for (const match of text.matchAll(new RegExp(pattern, 'giu'))) {
    const link = match[0].replace(TRAILING, '');
    if (link.length > 0) yield { link, at: match.index };
  }
}

/** The links and host names in a template's text that do not lead to the office at `portalUrl`. */
export function foreignLinks(text: string, portalUrl: string): string[] {
  const office = new URL(portalUrl);
  return [...linksIn(text, LINK_OR_HOST)]
    .map(({ link }) => link)
    .filter((link) => !leadsToOffice(link, office));
}

/** The text with every link that does not lead to the office at `portalUrl` replaced by `portalUrl`. */
export function officeLinksOnly(text: string, portalUrl: string): string {
  const office = new URL(portalUrl);
  let result = '';
  let copied = 0;
  for (const { link, at } of linksIn(text, LINK)) {
    if (leadsToOffice(link, office)) continue;
    result += text.slice(copied, at) + portalUrl;
    copied = at + link.length;
  }
  return result + text.slice(copied);
}
