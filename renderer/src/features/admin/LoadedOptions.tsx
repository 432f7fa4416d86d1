import type { IpcState } from '../../app/use-ipc';

/** The `<option>`s of a choice among rows the console loads (groups, templates): none until they arrive. */
export function LoadedOptions({ list }: { list: IpcState<{ items: { id: string; name: string }[] }> }) {
  if (list.status !== 'ready') return null;
  return (
    <>
      {list.value.items.map((item) => (
        <option key={item.id} value={item.id}>
          {item.name}
        </option>
      ))}
    </>
  );
}
