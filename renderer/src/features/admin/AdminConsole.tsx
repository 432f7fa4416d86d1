// Placeholder so the shell compiles: the admin console is built on its own branch and replaces
// this file when the branches meet. The shell loads it lazily, as its own chunk.
import type { Static } from 'typebox';
import type { Session } from '../../../../common/ipc/domains/auth';

export default function AdminConsole(_props: { session: Static<typeof Session> }) {
  return null;
}
