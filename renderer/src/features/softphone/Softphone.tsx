// Placeholder so the shell compiles: the softphone screen is built on its own branch and
// replaces this file when the branches meet.
export function Softphone() {
  return null;
}
