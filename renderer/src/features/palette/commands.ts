// What the command palette offers for the text typed: the sections to go to, the typed
// number to call, colleagues the directory found, and signing out. Matching ignores case and
// accents, so "preferencias" finds "Preferencias" and "llamadas" finds "Registro de llamadas".
import type { Colleague } from '../../../../common/api/colleagues';
import { dialTarget } from '../softphone/dial-number';

export type PaletteCommand =
  | { kind: 'go'; id: string; section: string; label: string }
  | { kind: 'call'; id: string; target: string; label: string }
  | { kind: 'sign-out'; id: string; label: string };

export interface PaletteLabels {
  /** "Go to {{section}}" with the section's name in it. */
  goTo: (section: string) => string;
  /** "Call {{target}}" with a number or a colleague's name and extension in it. */
  call: (target: string) => string;
  colleague: (colleague: Colleague) => string;
  signOut: string;
}

const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** Every word typed appears somewhere in the label. */
const matches = (label: string, typed: string) => {
  const haystack = folded(label);
  return folded(typed)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
};

export function paletteCommands(
  typed: string,
  sections: readonly { id: string; label: string }[],
  colleagues: readonly Colleague[],
  labels: PaletteLabels,
): PaletteCommand[] {
  const commands: PaletteCommand[] = [];
  const number = dialTarget(typed);
  // A typed extension that a colleague found has is offered once, with the colleague's name.
  if (number && !colleagues.some((colleague) => colleague.extension === number))
    commands.push({ kind: 'call', id: `dial:${number}`, target: number, label: labels.call(number) });
  for (const colleague of colleagues) {
    commands.push({
      kind: 'call',
      id: `colleague:${colleague.extension}`,
      target: colleague.extension,
      label: labels.call(labels.colleague(colleague)),
    });
  }
  for (const section of sections) {
    const label = labels.goTo(section.label);
    if (matches(label, typed))
      commands.push({ kind: 'go', id: `go:${section.id}`, section: section.id, label });
  }
  if (matches(labels.signOut, typed))
    commands.push({ kind: 'sign-out', id: 'sign-out', label: labels.signOut });
  return commands;
}
